"""Run ``python -m drafter``."""

from drafter.cli import main

raise SystemExit(main())
