"""China's numbered five-year plans: which years the N-th one covers, and “十N五” read as N."""

from __future__ import annotations

_UNITS = "一二三四五六七八九"


def five_year_period(number: int) -> tuple[int, int]:
    """The years of China's Nth five-year plan (the 3rd began in 1966 after the 1963-65 gap)."""
    start = 1953 + 5 * (number - 1) if number <= 2 else 1966 + 5 * (number - 3)
    return start, start + 4


def shi_wu_number(unit: str) -> int:
    """N of a “十N五” plan from its middle character(s): "" → 10 (十五), "四" → 14, "十三" → 13."""
    unit = unit.removeprefix("十")
    return 10 + (_UNITS.index(unit) + 1 if unit else 0)
