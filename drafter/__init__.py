"""drafter: guided drafting of township 法治政府建设 annual reports."""

__version__ = "0.1.0"
