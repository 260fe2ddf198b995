"""planchk: check actual figures against the Dadukou education plan 2021-2025."""

__version__ = "0.1.0"
