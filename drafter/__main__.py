"""Run ``python -m drafter``."""

from drafter.cli import run

raise SystemExit(run())
