"""The deadline rule table: each rule is a regular expression and a function turning its match
into a date, given the plan's year and period (used by knowledge/deadlines.py, which picks one
result by its precedence rules)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import cn2an

from knowledge.plan_periods import five_year_period


@dataclass(frozen=True)
class Context:
    """What a rule needs besides its match: the plan year, period and configuration."""

    year: int | None
    period: tuple[int, int] | None
    flood_season_start: tuple[int, int]
    open_ended: bool = False  # a policy without a plan year: 全年/年度 mean "every year", no fallback

    @property
    def multi_year(self) -> bool:
        """Whether the plan spans several years (全年/年度 then mean "every year")."""
        return bool(self.period and self.period[0] != self.period[1]) or self.open_ended

    @property
    def base_year(self) -> int | None:
        """The year a phrase without a year (6月底前, 年底前) refers to."""
        if self.year is not None and not self.multi_year:
            return self.year
        if self.period:
            # In a multi-year plan a bare month or 年底 most often means its first year.
            return self.period[0]
        return self.year

    @property
    def end_year(self) -> int | None:
        """The last year the plan covers."""
        if self.period:
            return self.period[1]
        return self.year

    @property
    def start(self) -> dt.date | None:
        """The first day the plan covers: earlier dates are the past, not deadlines."""
        if self.period:
            return dt.date(self.period[0], 1, 1)
        if self.year is not None:
            return dt.date(self.year, 1, 1)
        return None


# ---------------------------------------------------------------- numbers and dates

_CN_DIGITS = "〇零一二三四五六七八九"
_CN_NUM = "〇零一二两三四五六七八九十"


def _number(text: str) -> int:
    """An Arabic or Chinese numeral (一, 十二, 二〇三五, 两) as an int."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if all(c in _CN_DIGITS for c in text) and len(text) >= 3:
        return int(cn2an.cn2an(text, "direct"))  # digit by digit: 二〇三五 → 2035
    return int(cn2an.cn2an(text.replace("两", "二"), "smart"))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


# Lunar new year dates outside chinesecalendar's holiday data (2004–2026 in 1.11), from the
# Hong Kong Observatory's Gregorian–lunar calendar conversion tables.
_LUNAR_NEW_YEAR = {
    2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29),
    2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3), 2031: (1, 23),
    2032: (2, 11), 2033: (1, 31), 2034: (2, 19), 2035: (2, 8),
}

_HOLIDAY_NAMES = {"春节": "Spring Festival", "端午": "Dragon Boat Festival", "中秋": "Mid-autumn Festival"}


def holiday_start(name: str, year: int) -> dt.date | None:
    """The first official day off of a lunar holiday (春节/端午/中秋) in `year`, from chinesecalendar."""
    import chinese_calendar

    english = _HOLIDAY_NAMES[name]
    try:
        days = chinese_calendar.get_dates(dt.date(year, 1, 1), dt.date(year, 12, 31))
        for day in days:
            on_holiday, holiday = chinese_calendar.get_holiday_detail(day)
            if on_holiday and holiday == english:
                return day
    except NotImplementedError:
        pass  # year outside the library's data
    if name == "春节" and year in _LUNAR_NEW_YEAR:
        return dt.date(year, *_LUNAR_NEW_YEAR[year])
    return None


# ---------------------------------------------------------------- the rule table

# Specificity ranks, used to break ties between phrases giving the same date.
_DAY, _MONTH, _QUARTER, _HALF, _YEAR, _PERIOD = 6, 5, 4, 3, 2, 1

_Y = r"(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年"
_M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月"
_BEFORE = r"(?:前|之前|以前)?"
# A bare month must carry a deadline word, so “十月”品牌 or 意风五月 are not deadlines.
_MONTH_TAIL = r"(?:(?P<d>[0-3]?\d|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]|(?P<part>底|末|份|上旬|中下旬|中旬|下旬|中|前|初))"

_Handler = Callable[[re.Match[str], Context], dt.date | None]


@dataclass(frozen=True)
class Rule:
    """One row of the rule table: a name, a pattern and how its match becomes a date."""

    name: str
    pattern: re.Pattern[str]
    resolve: _Handler
    rank: int
    # Words one of which a match must contain: a cheap test that skips the regex scan.
    needs: tuple[str, ...] = ()


def _year_of(match: re.Match[str], ctx: Context) -> int | None:
    y = match.groupdict().get("y")
    if y:
        return _number(y)
    if ctx.base_year is not None and match.string[:match.start()].endswith(("明年", "下一年", "次年")):
        return ctx.base_year + 1  # 明年3月底前, 次年一季度: the next year's month or quarter
    return ctx.base_year


def _explicit_date(match: re.Match[str], ctx: Context) -> dt.date | None:
    year = _year_of(match, ctx)
    if year is None:
        return None
    month = _number(match["m"])
    if not 1 <= month <= 12:
        return None
    if match["d"]:
        day = _number(match["d"])
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return dt.date(year, month, day)
    part = match["part"]
    if part in ("上旬", "初"):
        return dt.date(year, month, 10)
    if part in ("中旬", "中"):
        return dt.date(year, month, 20)
    return month_end(year, month)


def _span_end(match: re.Match[str], ctx: Context) -> dt.date | None:
    year = _number(match["y"]) if match["y"] else None
    if year is None:
        first = re.match(r"((?:19|20)\d{2})\s*年", match.group(0))
        year = int(first.group(1)) if first else ctx.base_year
    if year is None:
        return None
    month, day = _number(match["m"]), _number(match["d"])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_span(match: re.Match[str], ctx: Context) -> dt.date | None:
    year = _year_of(match, ctx)
    month = _number(match["m"])
    return month_end(year, month) if year is not None and 1 <= month <= 12 else None


def _year_month(match: re.Match[str], ctx: Context) -> dt.date | None:
    month = _number(match["m"])
    return month_end(_number(match["y"]), month) if 1 <= month <= 12 else None


def _quarter(match: re.Match[str], ctx: Context) -> dt.date | None:
    year = _year_of(match, ctx)
    q = _number(match["q"])
    if year is None or not 1 <= q <= 4:
        return None
    return month_end(year, 3 * q)


def _whole_year(match: re.Match[str], ctx: Context) -> dt.date | None:
    year = _year_of(match, ctx)
    return None if year is None else year_end(year)


def _this_year(match: re.Match[str], ctx: Context) -> dt.date | None:
    # 全年/年度 in a multi-year plan mean "each year": the recurring rules handle them.
    if ctx.multi_year and match["w"] in ("全年", "年度", "当年" if ctx.open_ended else "全年"):
        return None
    year = ctx.base_year
    return None if year is None else year_end(year)


def _next_year(match: re.Match[str], ctx: Context) -> dt.date | None:
    year = ctx.base_year
    return None if year is None else year_end(year + 1)


def _within_years(match: re.Match[str], ctx: Context) -> dt.date | None:
    year = ctx.base_year
    n = _number(match["n"])
    return None if year is None or not 1 <= n <= 10 else year_end(year + n - 1)


def _plan_period(match: re.Match[str], ctx: Context) -> dt.date | None:
    ordinal = _number(match["n"])
    if ordinal < 3:
        return None
    return year_end(five_year_period(ordinal)[1])


def _flood_season(match: re.Match[str], ctx: Context) -> dt.date | None:
    year = _year_of(match, ctx)
    if year is None:
        return None
    month, day = ctx.flood_season_start
    return dt.date(year, month, day) - dt.timedelta(days=1)


def _lunar_holiday(match: re.Match[str], ctx: Context) -> dt.date | None:
    year = _year_of(match, ctx)
    if year is None:
        return None
    if match["when"] in ("明年", "年底"):
        year += 1  # 明年春节前 / 年底春节前: the festival after this year's end
    start = holiday_start(match["h"], year)
    return None if start is None else start - dt.timedelta(days=1)


_FIXED_HOLIDAYS = {"元旦": (1, 1), "五一": (5, 1), "劳动节": (5, 1), "七一": (7, 1),
                   "国庆": (10, 1), "国庆节": (10, 1)}


def _fixed_holiday(match: re.Match[str], ctx: Context) -> dt.date | None:
    year = _year_of(match, ctx)
    if year is None:
        return None
    month, day = _FIXED_HOLIDAYS[match["h"]]
    if match["h"] == "元旦" and not match.groupdict().get("y"):
        year += 1  # 元旦前 in a year's plan: the coming New Year's Day, i.e. Dec 31
    return dt.date(year, month, day) - dt.timedelta(days=1)


def _anniversary(match: re.Match[str], ctx: Context) -> dt.date | None:
    n = 100 if match["n"] in ("百", "一百") else _number(match["n"])
    if match["what"] == "建党":
        return dt.date(1921 + n, 7, 1)
    return dt.date(1949 + n, 10, 1)


RULES: list[Rule] = [
    # 2019年1月1日至12月31日, 3月1日—6月30日: a span of days ends with its last day.
    Rule("date_span", re.compile(
        rf"(?:(?:19|20)\d{{2}}\s*年)?\s*(?:1[0-2]|0?[1-9])\s*月\s*[0-3]?\d\s*日?\s*(?:[-—–~～至到])\s*"
        rf"(?:{_Y})?{_M}(?P<d>[0-3]?\d)\s*日{_BEFORE}"), _span_end, _DAY),
    Rule("date", re.compile(rf"(?:{_Y})?{_M}{_MONTH_TAIL}{_BEFORE}"), _explicit_date, _DAY),
    # 7—9月, 2024年3-6月: a span of months ends with its last month.
    Rule("month_span", re.compile(
        rf"(?:{_Y})?(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月?\s*[-—–~～至到]\s*{_M}(?:底|末|份)?{_BEFORE}"),
        _month_span, _MONTH),
    # 2023—2025年: a span of years ends with its last year.
    Rule("year_span", re.compile(r"(?:19|20)\d{2}\s*年?\s*[-—–~～至到]\s*(?P<y>(?:19|20)\d{2})\s*年"),
         lambda m, c: year_end(int(m["y"])), _YEAR),
    Rule("mid_century", re.compile(r"本世纪中叶"), lambda m, c: year_end(2050), _YEAR),
    # 2024年6月 with no tail: a year makes the month a date (to its end), unlike a bare 6月.
    Rule("year_month", re.compile(rf"{_Y}{_M}(?!\d)"), _year_month, _MONTH),
    Rule("quarter", re.compile(rf"(?:{_Y})?(?:第|前)?(?P<q>[一二三四1-4])\s*季度(?:末|底)?{_BEFORE}"),
         _quarter, _QUARTER),
    Rule("half", re.compile(
        rf"(?:{_Y})?(?:(?P<h>上|下)半年|(?<![\d〇零一二三四五六七八九十百千万去])(?P<h2>年中)(?=前|之前|以前|末|底|时|左右|完成|[，,。；;]|$))(?:末|底)?{_BEFORE}"),
        lambda m, c: _half_any(m, c), _HALF),
    Rule("flood_season", re.compile(rf"(?:{_Y})?(?:主汛期|汛期|入汛|汛)(?:到来)?(?:前|之前|以前)"), _flood_season, _MONTH),
    Rule("lunar_holiday", re.compile(rf"(?:{_Y}|(?P<when>明年|年底))?(?P<h>春节|端午|中秋)(?:节)?(?:前|之前|以前)"),
         _lunar_holiday, _DAY),
    Rule("fixed_holiday", re.compile(rf"(?:{_Y})?[“\"]?(?P<h>元旦|五一|劳动节|七一|国庆节?)[”\"]?(?:前|之前|以前)"),
         _fixed_holiday, _DAY),
    Rule("anniversary", re.compile(
        r"(?:为|迎接|庆祝|喜迎|献礼)(?P<what>建党|新中国成立|中华人民共和国成立|建国)(?P<n>百|一百|\d{2,3}|[一二三四五六七八九十]{1,3})\s*(?:周年|年)"),
        _anniversary, _DAY),
    Rule("plan_period", re.compile(
        r"(?:“|\")?(?P<n>[一二三四五六七八九十]{1,3})五(?:”|\")?\s*(?:规划)?(?:”|\")?\s*"
        r"(?:期间|时期|期末|末|期内|收官)"), _plan_period, _PERIOD),
    Rule("year_end", re.compile(rf"{_Y}(?:底|末|年底|年末)?{_BEFORE}"),
         _whole_year, _YEAR),
    Rule("within_years", re.compile(r"(?P<n>[一二两三四五1-5])年内"), _within_years, _YEAR),
    # 用3年时间打造…, 利用两年左右时间: the years counted from the plan's (first) year
    Rule("years_time", re.compile(r"(?:用|利用|力争用|花)\s*(?P<n>[一二两三四五1-5])\s*年(?:左右)?(?:的)?时间"),
         _within_years, _YEAR),
    Rule("next_year", re.compile(r"明年|下一年度?"), _next_year, _YEAR),
    Rule("this_year", re.compile(
        r"(?<![\d〇零一二三四五六七八九十两每上下次去前])(?P<w>年底|年末|年内|全年|当年|今年|本年度?|年度)(?:前|之前|以前)?"),
        _this_year, _YEAR),
]


_NEEDS: dict[str, tuple[str, ...]] = {
    "date_span": ("日",), "date": ("月",), "month_span": ("月",), "year_span": ("年",), "mid_century": ("世纪",),
    "year_month": ("月",), "quarter": ("季度",), "half": ("半年", "年中"), "flood_season": ("汛",),
    "lunar_holiday": ("春节", "端午", "中秋"), "fixed_holiday": ("元旦", "五一", "劳动节", "七一", "国庆"),
    "anniversary": ("周年", "百年"), "plan_period": ("五",), "year_end": ("年",), "within_years": ("年内",), "years_time": ("时间",),
    "next_year": ("明年", "下一年"),
    "this_year": ("年底", "年末", "年内", "全年", "当年", "今年", "本年", "年度"),
}
RULES = [replace(rule, needs=_NEEDS[rule.name]) for rule in RULES]


def _half_any(match: re.Match[str], ctx: Context) -> dt.date | None:
    year = _year_of(match, ctx)
    if year is None:
        return None
    upper = match["h"] == "上" or match["h2"] == "年中"
    return dt.date(year, 6, 30) if upper else dt.date(year, 12, 31)
