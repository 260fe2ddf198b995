"""Judging: pure functions from (plan, rows, year) to results (docs/rules.md#3-judging-a-year)."""
