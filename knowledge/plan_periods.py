"""China's numbered five-year plans: which years the N-th one covers, and “十N五” read as N;
the period a programme states in its text (2012年起5年内)."""

from __future__ import annotations

import re
from collections.abc import Callable

_UNITS = "一二三四五六七八九"


def five_year_period(number: int) -> tuple[int, int]:
    """The years of China's Nth five-year plan (the 3rd began in 1966 after the 1963-65 gap)."""
    start = 1953 + 5 * (number - 1) if number <= 2 else 1966 + 5 * (number - 3)
    return start, start + 4


def shi_wu_number(unit: str) -> int:
    """N of a “十N五” plan from its middle character(s): "" → 10 (十五), "四" → 14, "十三" → 13."""
    unit = unit.removeprefix("十")
    return 10 + (_UNITS.index(unit) + 1 if unit else 0)


# ---------------------------------------------------------------- a period the text states

_Y = r"(?:19|20)\d{2}"
_N = r"[一二两三四五六七八九十]|10|[1-9]"
# How a programme without a span in its title states the years it covers, near its top: a
# rule table of (pattern, how the match gives (first, last) year). Goal years alone (到2027年)
# are no period: only a start with a length, two ends, or a length ending in a goal year.
_STATED: list[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[int, int]]]] = [
    # 2012年起5年内, 从2023年开始用三年时间, 自2024年起利用两年左右时间
    (re.compile(rf"(?:从|自)?(?P<y>{_Y})\s*年(?:起|开始)[，,]?\s*(?:用|利用|力争用|再用)?\s*(?P<n>{_N})\s*年"
                r"(?:内|左右时间|时间|左右)"),
     lambda m: (int(m["y"]), int(m["y"]) + _count(m["n"]) - 1)),
    # 从2023年到2025年, 自2023年起至2025年
    (re.compile(rf"(?:从|自)\s*(?P<y>{_Y})\s*年(?:起)?\s*(?:到|至)\s*(?P<z>{_Y})\s*年"),
     lambda m: (int(m["y"]), int(m["z"]))),
    # 实施期为2023—2025年, 实施期限：2023年至2025年, 行动期为2024-2026年
    (re.compile(rf"(?:实施|执行|行动|计划|规划|工作)期(?:限|间)?(?:为|是|至|[:：])?\s*(?P<y>{_Y})\s*年?\s*"
                rf"[-—–~至到]\s*(?P<z>{_Y})\s*年"),
     lambda m: (int(m["y"]), int(m["z"]))),
    # 通过三年努力，到2025年; 用5年左右时间，到2030年
    (re.compile(rf"(?:通过|用|利用|经过|力争用)\s*(?P<n>{_N})\s*年(?:左右)?(?:的)?(?:时间|努力|奋斗)?[，,]?\s*"
                rf"(?:到|至)\s*(?P<z>{_Y})\s*年"),
     lambda m: (int(m["z"]) - _count(m["n"]) + 1, int(m["z"]))),
]


def _count(text: str) -> int:
    if text.isdigit():
        return int(text)
    return 10 if text == "十" else "一二三四五六七八九".index(text.replace("两", "二")) + 1


def stated_period(lines: list[str]) -> tuple[int, int] | None:
    """The years a programme says it covers (2012年起5年内 → 2012–2016), from its opening lines;
    None when they state no period."""
    for line in lines:
        for pattern, span in _STATED:
            m = pattern.search(line)
            if m:
                first, last = span(m)
                if first < last <= first + 10:
                    return first, last
    return None
