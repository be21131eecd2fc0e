"""Screens of the drafter UI, one module each."""
