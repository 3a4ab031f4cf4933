"""Questions asking when a document itself was issued or made (这份规划哪天发布的, 报告是哪天作的)."""

from __future__ import annotations

import re

from knowledge.query import DOC_POINTER

# What is done to a document on its day: issued, published (发出来, put on a website: 挂网), made to a congress (作报告).
_ISSUED = r"(?:公开)?(?:发布|印发|出台|公布|下发|签发|成文|发文|发出来|发出|挂出来|挂出|挂网|作|做)"
# Asking for a day or a year.
_WHEN = r"(?:哪一?年|哪一?天|哪月|什么时候|啥时候|什么时间|何时|几月几[号日]|几号|日期|时间|那天)"
# The document asked about, pointed at (这个规划, 那份纲要) or named by its kind after a place.
_DOC = r"(?:规划|纲要|报告|计划|要点|方案|文件|通知|任务清单)"
# (区长作报告是哪一天: the office that makes a report, said before it, points at the report as 这份 does)
_POINTED = re.compile(rf"(?:{DOC_POINTER}|本|(?:区长|市长|县长|镇长|主任|书记)作?)[\u4e00-\u9fff]{{0,6}}?{_DOC}")
# 规划是哪年发布的 / 发布时间是哪天 / 作报告那天是几月几号 / 哪天作的
# (报告哪天在人代会上做的: where it was made, said between the day and the verb)
_WHERE_MADE = r"(?:在[\u4e00-\u9fff]{1,6}?(?:上|中|里))?"
_ASKED = [re.compile(rf"{_DOC}[\u4e00-\u9fff]{{0,12}}?{_WHEN}{_WHERE_MADE}[的]?{_ISSUED}"),
          re.compile(rf"{_DOC}[\u4e00-\u9fff]{{0,12}}?{_ISSUED}[的]?(?:日期|时间)"),
          re.compile(rf"{_ISSUED}{_DOC}[\u4e00-\u9fff]{{0,3}}?{_WHEN}"),
          # (纲要网上公布是2021年几月几号: the year known, the day asked)
          re.compile(rf"{_DOC}[\u4e00-\u9fff]{{0,6}}?{_ISSUED}[的]?[\u4e00-\u9fff]{{0,3}}?(?:\d{{4}}年)?{_WHEN}")]


# Words before a document's kind that still name the document itself (十四五纲要, 人代会报告).
_OWN = re.compile(rf"(?:{DOC_POINTER}|本|的|十[一二三四五六七八九]?五|五年|年度|政府工作|工作|人代会|"
                  r"区里|街道|网页上署|作|做)$")


def asks_issue_date(text: str, scoped: bool) -> bool:
    """Does the question ask the day a document was issued or made? The document must be pointed at
    (这个规划) or scoped by a place or title (`scoped`): 停车管理办法什么时候出台 asks about a task."""
    if not (scoped or _POINTED.search(text)):
        return False
    return any(p.search(text) for p in _ASKED)


def named_before(text: str) -> list[str]:
    """The things a question names with a document's kind word that are no words of the document
    itself (国土空间规划 in 国土空间规划什么时候印发): when the plans write one, a task is asked about."""
    out = []
    for m in re.finditer(_DOC, text):
        before = text[:m.start()]
        if before and not _OWN.search(before) and re.search(r"[\u4e00-\u9fff]{2}$", before):
            out.append(before[-4:] + m.group(0))
    return out


def document_word(text: str) -> str:
    """The word a question names the document by (报告, 纲要), the first; empty when it names none."""
    m = re.search(_DOC, text)
    return m.group(0) if m else ""
