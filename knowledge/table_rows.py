"""Questions naming an indicator by its table row (专栏第3项, 专栏1序号1那个增速, 指标表第五行)."""

from __future__ import annotations

import re

from knowledge.numbers import numeral_value

_NUMBER = r"([一二两三四五六七八九十]{1,3}|\d{1,2})"
# 专栏(1)(里/中/的) 第3项 / 序号3 / 第三行: the table, maybe numbered, then the row.
_ROW_ASKED = re.compile(rf"(?:专栏|指标表)\s*{_NUMBER}?\s*(?:里面|里|中|的)?(?:指标)?\s*(?:第|序号为?|序号是|编号)\s*{_NUMBER}"
                        r"\s*(?:项|个|行|条|号)?")


# 专栏头一行, 表的首行, 最上面那行: the first row, said without its number.
_FIRST_ROW = re.compile(r"(?:头一|首|最上面一?|最上边一?|最上头一?)(?:那)?(?=行|项|条)")


def _number(said: str) -> int | None:
    value = numeral_value(said)
    return None if value is None else int(value)


def row_asked(text: str) -> tuple[int | None, int] | None:
    """(the table's number, or None when not said; the row's 序号) a question names, None when it names none."""
    m = _ROW_ASKED.search(_FIRST_ROW.sub("第1", text))
    if m is None:
        return None
    row = _number(m.group(2))
    if row is None:
        return None
    return (_number(m.group(1)) if m.group(1) else None), row
