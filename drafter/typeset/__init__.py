"""Typesetters: turn a composed Document into a file. Only this package knows fonts, sizes and margins."""
