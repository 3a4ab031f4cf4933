"""Cleaning: find web and forum chrome lines (STUB: owned by the cleaning work)."""

from __future__ import annotations


def chrome_lines(lines: list[str]) -> set[int]:
    """1-based numbers of the lines that are navigation, forum or footer chrome."""
    return set()
