"""Quantities in plan text: numbers (Arabic or Chinese), units, and the qualifiers around them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

# Units an indicator is measured in, longest first so that 万平方米 wins over 平方米.
# 万/亿 are part of the unit (万平方米, 亿元), never of the number.
MEASURE_UNITS = (
    "万平方米", "平方公里", "平方米", "平米", "㎡", "万亩", "公顷", "亩",
    "亿元", "万元", "元", "万美元", "亿美元",
    "万户", "万人次", "万人", "人次", "万千瓦", "万吨", "吨", "亿斤", "万斤", "斤", "公里", "千米", "米",
    "微克/立方米", "μg/m3", "μg/m³", "ug/m3", "%", "％", "‰", "P", "PB",
    "万吨标准煤", "吨标准煤", "个百分点", "百分点", "岁", "万千瓦时", "千瓦时", "万辆", "万台",
    "分",  # a score (达90分以上): a target only with a qualifier, see indicator_prose._usable
    "万",  # a count in ten thousands with its noun before it (服务人口小于8万)
    "天",  # a count of days (空气优良天数达到350天): a target only after 天数, see indicator_prose._usable
)
# Measure words counted after a number (7个项目, 60场展会, 4部电梯).
COUNT_WORDS = (
    "个", "家", "场", "项", "宗", "座", "部", "处", "条", "支", "套", "户", "人", "名",
    "栋", "所", "辆", "台", "件", "次", "批", "期", "间", "张", "份", "位", "对", "枚", "块",
    "家次", "户次", "个次", "株", "万株", "棵", "万棵", "盏", "册", "万册", "根",
)
# "N个社区建立…": the counted place is part of the unit (个社区, 个村).
PLACE_AFTER_COUNT = ("旧村", "社区", "村", "街道", "街镇", "小区", "园区", "楼宇")

# 万/亿 before a measure word count in tens of thousands (100万条语料, 3亿次): part of the unit.
_SCALED_COUNTS = tuple(scale + word for scale in ("万", "亿") for word in COUNT_WORDS if len(word) == 1)
UNITS = tuple(sorted(set(MEASURE_UNITS + COUNT_WORDS + _SCALED_COUNTS), key=len, reverse=True))
_UNIT_RE = "|".join(re.escape(u) for u in UNITS)
_PLACE_RE = "|".join(PLACE_AFTER_COUNT)

# Words before a number that belong to the value (verbatim: 不低于37, 突破6.2, 超过70).
PRE_QUALIFIERS = (
    "不低于", "不少于", "不高于", "不超过", "不小于", "不大于", "不超", "高于", "低于",
    "超过", "突破", "超", "控制在", "保持在", "稳定在", "约", "近", "逾", "力争达到",
    "小于", "大于", "少于", "多于",
)
POST_QUALIFIERS = ("以上", "以下", "以内", "左右", "之内")

# What a rate is per (4.15公里/平方公里, 3.5张/千人): the second part of a composite unit.
_PER_RE = "平方公里|万人|千人|百人|万户|平方米|公顷|人|户|年|天|日"
_PRE_RE = "|".join(sorted(PRE_QUALIFIERS, key=len, reverse=True))
_POST_RE = "|".join(POST_QUALIFIERS)
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"  # 1,200 or 1200.5
_CN_DIGITS = "一二三四五六七八九十两"
# Characters that make 人 a word of its own (人口, 人才, 人员, 人民): then 人 is no unit.
_PERSON_WORD = frozenset("口才员民群力士物性文类")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")

# The first characters a quantity can start with (a qualifier's or a number's): positions
# starting otherwise fail at once, which keeps the scan of long texts fast.
_STARTS = "".join(sorted({w[0] for w in PRE_QUALIFIERS} | set(_CN_DIGITS) | set("百千0123456789")))
QUANTITY_RE = re.compile(
    rf"(?=[{_STARTS}])(?P<pre>{_PRE_RE})?\s*"
    rf"(?P<num>{_ARABIC}(?:\s*[-~～—至]\s*{_ARABIC})?|[一二两三四五六七八九]?[百千](?![分万亿])|[{_CN_DIGITS}]{{1,3}})"
    rf"(?P<approx>余|多)?\s*"
    rf"(?P<unit>(?:个(?:{_PLACE_RE})|{_UNIT_RE})(?:/(?:{_PER_RE}))?)?"
    rf"(?P<post>{_POST_RE})?"
)


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with its unit and qualifiers, and where it sits."""

    start: int
    end: int
    value: str
    number: float | None
    unit: str | None
    pre: str
    post: str
    chinese: bool

    @property
    def is_percent(self) -> bool:
        """Whether the quantity is a percentage."""
        return self.unit in ("%", "％")


_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def parse_number(text: str) -> float | None:
    """The first number in `text` (Arabic or Chinese numerals), or None."""
    text = text.translate(_FULL_WIDTH_DIGITS)
    m = re.search(_ARABIC, text)
    if m:
        return float(m.group().replace(",", ""))
    m = re.search(f"[{_CN_DIGITS}百千万亿零〇]+", text)
    if m:
        digits = m.group()
        if digits[0] in "百千":
            digits = "一" + digits  # 百个, 千家: one hundred, one thousand
        try:
            return float(cn2an.cn2an(digits.replace("两", "二"), "smart"))
        except (ValueError, KeyError):
            return None
    return None


def is_bare_number(text: str) -> bool:
    """Is `text` a number in digits alone, with no unit or word (100, 1.65)?"""
    return _BARE_NUMBER.fullmatch(text) is not None


def normalize_unit(unit: str | None) -> str | None:
    """The unit as stored: full-width percent folded to '%'."""
    if unit is None:
        return None
    return {"％": "%", "μg/m³": "μg/m3", "ug/m3": "μg/m3"}.get(unit, unit)


def find_quantities(text: str) -> list[Quantity]:
    """Every number in `text` with its unit and qualifiers (Chinese numerals only with a unit)."""
    found: list[Quantity] = []
    text = text.translate(_FULL_WIDTH_DIGITS)  # same length: offsets stay valid
    for m in QUANTITY_RE.finditer(text):
        num = m.group("num")
        chinese = not num[0].isdigit()
        unit = m.group("unit")
        if chinese and not unit:
            continue
        # A digit glued to latin letters or other digits is a code (5G, PM2.5), not a quantity.
        if not chinese and m.start("num") > 0 and re.match(r"[A-Za-z.\d]", text[m.start("num") - 1]):
            continue
        end = m.end()
        if unit and unit.endswith("人") and text[end:end + 1] in _PERSON_WORD:
            if chinese:
                continue  # 十万人口死亡率, 121人才梯队: 人口/人才 is a noun, the number part of a name
            unit, end = None, m.end("approx") if m.group("approx") else m.end("num")
        pre = m.group("pre") or ""
        post = m.group("post") or ""
        start = m.start("pre") if pre else m.start("num")
        if post or chinese:
            value = text[start:end]  # 五个, 20场以上: verbatim with the unit
        else:
            value = text[start:m.end("approx") if m.group("approx") else m.end("num")]
        found.append(Quantity(
            start=start, end=end, value=value.strip(), number=parse_number(num),
            unit=normalize_unit(unit), pre=pre, post=post, chinese=chinese,
        ))
    return found


# 百分之九十五, 百分之百, 百分之五点五: a percentage said in words.
_PERCENT_WORDS = re.compile(r"百分之([零〇一二三四五六七八九十百两点]+)")


# 1加3加7加N: a formula's plus said as a word, between its digits or letters.
_PLUS_SAID = re.compile(r"(?<=[0-9A-Za-z])加(?=[0-9A-Za-z])")


def pluses_in_signs(text: str) -> str:
    """The text with a formula's plus said as 加 written as the sign (1加3加7加N → 1+3+7+N), as plans
    write such formulas; 加 between words is left as it is."""
    return _PLUS_SAID.sub("+", text) if "加" in text else text


# 占九成以上, 八成以上: tenths said as 成 after a word of amount or before a bound (一成不变, 建成 are no number).
_TENTH_DIGITS = "一二三四五六七八九"
_TENTHS = re.compile(rf"(?<=占|超|达|到|约|近|过|有|逾)([{_TENTH_DIGITS}])成(?=以上|以下|左右|多|的|$|[，。？?！!吗呢])"
                     rf"|(?<![\u4e00-\u9fff])([{_TENTH_DIGITS}])成(?=以上|以下|左右)")


# 四个半点, 增长六个点吗: percentage points said as 点 (个半点 is a half one more); a bare 几个点 asks, and 三个点位
# (places) is no figure.
_POINTS = re.compile(r"([一二两三四五六七八九十]{1,3}|\d{1,2})个(?:(半)(?:百分)?点|(?:百分)?点(?![位子儿])"
                     r"(?=$|吗|呢|左右|以上|以内|以下|[？?，,。]))")


def numeral_value(said: str) -> float | None:
    """The value of a number said in digits or in Chinese numerals (3, 三, 二十), None when it is none."""
    try:
        return float(said) if said.isdigit() else float(cn2an.cn2an(said, "smart"))
    except ValueError:
        return None


def _points(m: re.Match[str]) -> str:
    value = numeral_value(m.group(1))
    return m.group(0) if value is None else f"{value + (0.5 if m.group(2) else 0):g}%"


def percents_in_digits(text: str) -> str:
    """The text with percentages said in words written in digits (百分之百 → 100%, 百分之九十五 → 95%, 九成以上 →
    90%以上), as plans write them; a span that is no number is left as it is."""
    def digits(m: re.Match[str]) -> str:
        words = "一" + m.group(1) if m.group(1).startswith("百") else m.group(1)  # (百分之百: one hundred)
        try:
            value = cn2an.cn2an(words, "smart")
        except ValueError:
            return m.group(0)
        return f"{value:g}%"
    text = _PERCENT_WORDS.sub(digits, text) if "百分之" in text else text
    text = text.replace("百分百", "100%")  # (照料中心百分百那个节点: all of it, said short)
    text = _POINTS.sub(_points, text) if "点" in text else text
    return _TENTHS.sub(lambda m: f"{_TENTH_DIGITS.index(m.group(1) or m.group(2)) + 1}0%", text) if "成" in text else text


# 六点五, 22点7: a decimal said with 点 (not 一点一点, a time's 八点五十, nor 点 after a whole number alone).
_DECIMAL_WORDS = re.compile(r"(?<![一二两三四五六七八九十零〇\d])([一二两三四五六七八九十]{1,3}|\d{1,4})点"
                            r"([零〇一二三四五六七八九]{1,3}|\d{1,3})(?![点十百千\d])")


# The digit each Chinese numeral after the point stands for (五 → 5; digits stay as they are).
_DIGIT_OF = str.maketrans("零〇一二三四五六七八九", "00123456789")


def decimals_in_digits(text: str) -> str:
    """The text with decimals said with 点 written in digits (六点五 → 6.5, 22点7 → 22.7), as plans write them."""
    def digits(m: re.Match[str]) -> str:
        whole = numeral_value(m.group(1).replace("两", "二"))
        return m.group(0) if whole is None else f"{whole:g}.{m.group(2).translate(_DIGIT_OF)}"
    return _DECIMAL_WORDS.sub(digits, text) if "点" in text else text


# 一万人, 三千户, 两百个: a number of hundreds, thousands or ten-thousands said in words (digits first, so
# 千家万户 and 百姓 are no number).
_LARGE_WORDS = re.compile(r"[一二两三四五六七八九十][零〇一二两三四五六七八九十]*[百千万][零〇一二两三四五六七八九十百千]*")


def large_numbers_in_digits(text: str) -> str:
    """The text with numbers of hundreds or more said in words written in digits, as plans write them
    (一万人 → 1万人, 三千户 → 3000户, 一万五千 → 1.5万); a span that is no number is left as it is."""
    def digits(m: re.Match[str]) -> str:
        words = m.group(0).replace("两", "二")
        try:
            if "万" in words:
                head, _, tail = words.partition("万")
                value = cn2an.cn2an(head, "smart") + (cn2an.cn2an(tail, "smart") / 10000 if tail else 0)
                return f"{value:g}万"
            value = cn2an.cn2an(words, "smart")
            if 1900 <= value < 2100 and value == int(value):
                # 就业人口从两千要涨到多少: a quantity said in words is no year; in digits, 2000 would read as one
                return f"{value / 1000:g}千"
            return f"{value:g}"
        except ValueError:
            return m.group(0)
    return _LARGE_WORDS.sub(digits, text)


# A figure written in digits, with the scale word after it (5亿, 1.5万, 2800, 4.5%; 5个亿 as said).
_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:个)?(万亿|亿|万|千)?")
_SCALES = {"千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12}
# A bare number below this (3, 第2, 专栏1) is in too many texts to point at one.
MIN_BARE_FIGURE = 10


def stated_figures(text: str) -> frozenset[float]:
    """The values of the figures a text states (1万 and 10000 are one value), without years (2025) and
    bare small numbers: what a question checking a figure (一万人对不对, 2800家是哪年的) names."""
    out = set()
    for m in _FIGURE.finditer(text):
        digits, scale = m.group(1), m.group(2)
        if not scale and "." not in digits and (len(digits) == 4 and digits[:2] in ("19", "20")
                                                or float(digits) < MIN_BARE_FIGURE):
            continue
        out.add(round(float(digits) * _SCALES.get(scale or "", 1.0), 6))
    return frozenset(out)


# A figure recalled only roughly (1点几万, 六成几, 二十几个, 三千多): the span of values it may be.
_NUMERAL = r"(\d+|[一二两三四五六七八九十]+)"
_ROUGH: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_NUMERAL + r"点几个?(万亿|亿|万|千)?"), "point"),  # 1点几万: 1万 up to 2万
    (re.compile(r"([一二两三四五六七八九]|\d)成(?:几|多)"), "tenth"),  # 六成几: 60% up to 70%
    (re.compile(r"([一二两三四五六七八九]?十|[1-9]0)几个?(万亿|亿|万|千)?"), "tens"),  # 二十几: 20 up to 30
    (re.compile(_NUMERAL + r"(万亿|亿|万|千|百)多"), "more"),  # 三千多: 3000 up to 4000
    # 几百万: 100万 up to 1000万; 几百P: 100 up to 1000 (an order of magnitude, the digits asked for)
    (re.compile(r"(?<![点\d一二两三四五六七八九十百千])几(?=[十百千万亿])([十百千])?(万亿|亿|万)?"), "magnitude"),
]
_MAGNITUDES = {"十": 10.0, "百": 100.0, "千": 1000.0}
_ROUGH_SCALES = {**_SCALES, "百": 1e2}
# The whole of such a figure as said, with the 是/有 before it and a measure after it: it asks for the
# figure as 多少 does (是六成几, 有二十几个).
# (几百P: a unit in letters after it is the figure's too)
ROUGH_FIGURE = re.compile(r"(?:是|有|了)?(?:" + "|".join(p.pattern for p, _ in _ROUGH)
                          + r")(?:[人个家项座所处条户次元]|[a-z]{1,2}(?![a-z]))?", re.IGNORECASE)


def stated_spans(text: str) -> tuple[tuple[float, float], ...]:
    """The spans of values of the figures a text recalls roughly (1点几万人 → 10000 up to 20000, 六成几
    → 60 up to 70, in percent as the plans write it): what a question half remembering a figure names."""
    out = []
    for pattern, how in _ROUGH:
        for m in pattern.finditer(text):
            if how == "magnitude":
                low = _MAGNITUDES.get(m.group(1) or "", 1.0) * _ROUGH_SCALES.get(m.group(2) or "", 1.0)
                out.append((low, low * 10))
                continue
            n = numeral_value(m.group(1))
            if n is None:
                continue
            scale = _ROUGH_SCALES.get((m.group(2) if m.lastindex and m.lastindex >= 2 else None) or "", 1.0)
            step = 10.0 if how in ("tenth", "tens") else 1.0
            low = n * 10 if how == "tenth" else n
            out.append((low * scale, (low + step) * scale))
    return tuple(out)


def in_spans(values: frozenset[float], spans: tuple[tuple[float, float], ...]) -> bool:
    """Does any of `values` fall in one of `spans` (the upper end left out)?"""
    return any(lo <= v < hi for v in values for lo, hi in spans)
