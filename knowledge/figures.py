"""How a stated value reads with its unit: the unit goes after the figure, not after the words."""

from __future__ import annotations

import re

# A stated figure the unit follows: 3.5, 1.5万, 6000余, 20多.
_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:[万亿千百])?(?:余|多)?")
_CN_DIGITS = tuple("一二三四五六七八九十百千万两")


def with_unit(value: str, unit: str | None) -> str:
    """A stated value with its unit after its figure: 3.5 → 3.5%, 控制在3.5以内 → 控制在3.5%以内,
    6000余 → 6000余平方米; a value already holding the unit, or with no figure (完成市下达任务), as stated."""
    if not unit or unit in value:
        return value
    figures = list(_FIGURE.finditer(value))
    if figures:
        at = figures[-1].end()
        figure = value[figures[-1].start():at].rstrip("余多")
        if figure[-1] == unit[0] and not figure[-1].isdigit():  # 1.5万 in 万人
            unit = unit[1:]
        return value[:at] + unit + value[at:]
    return value + unit if value.endswith(_CN_DIGITS) else value
