"""How the chat names the plans' things: document titles and short names, sources, headings, section text."""

from __future__ import annotations

import re

from knowledge.desk.ledger import DEADLINE_KIND_LABELS as LEDGER_DEADLINE_LABELS
from knowledge.doctext import section_lines
from knowledge.figures import with_unit
from knowledge.identity import name_key
from knowledge.models import Document, KnowledgeBase, Section, Value

SHORT_TITLE_CHARS = 16
DOC_KIND_LABELS = {"five_year_plan": "五年规划", "annual_plan": "年度计划", "work_report": "政府工作报告",
                   "task_list": "任务清单", "implementation_plan": "实施方案", "regulation": "管理办法", "notice": "通知", "other": "其他文件"}
DEADLINE_KIND_LABELS = LEDGER_DEADLINE_LABELS  # one table: the cards' and the ledger's 时限依据


# Characters kept before a word a cut opens on.
LEAD_CHARS = 6


def short(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_around(text: str, marks: list[str], limit: int, own: str | None = None) -> str:
    """`text` on one line cut to `limit` characters; when its start shows none of the question's
    words, `own` (the item's own words, which `text` may extend with the sentences after it) cut
    where the first of them is (a passage that speaks of 家庭医生签约 only at its end). A word only
    in what follows is not looked for: that is the next passage's, and would show its words twice."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    mine = re.sub(r"\s+", " ", own).strip() if own is not None else text
    found = [k for m in marks if m and (k := mine.find(m)) >= 0]
    if not found or min(found) + max(len(m) for m in marks) <= limit - 1:
        return short(text, limit)
    text = mine
    # A few characters before the word, so it reads as part of its sentence.
    start = max(0, min(min(found) - LEAD_CHARS, len(text) - (limit - 2)))
    cut = text[start: start + limit - 2]
    return "…" + cut + ("…" if start + limit - 2 < len(text) else "")


def value_text(v: Value | None, unit: str | None) -> str:
    """"2025年 1800亿元" from a baseline/target value."""
    if v is None:
        return "—"
    year = f"{v.year}年 " if v.year else ""
    return f"{year}{with_unit(v.value, unit or '')}"


def doc_name(kb: KnowledgeBase, file: str) -> str:
    """The document's full title in 《》 (for sources)."""
    doc: Document | None = kb.document(file)
    return f"《{doc.title}》" if doc else file


def doc_short(kb: KnowledgeBase, file: str) -> str:
    """A short name for lists: the title when short, else issuer, years and kind."""
    doc: Document | None = kb.document(file)
    if doc is None:
        return file
    if len(doc.title) <= SHORT_TITLE_CHARS:
        return doc.title
    if doc.period and doc.period[0] != doc.period[1]:
        years = f"{doc.period[0]}—{doc.period[1]}年"
    else:
        years = f"{doc.year}年" if doc.year else ""
    kind = DOC_KIND_LABELS.get(doc.kind, "")
    if doc.issuer and doc.kind != "other":
        return f"{doc.issuer}{years}{kind}"
    return short(doc.title, SHORT_TITLE_CHARS)


def source(kb: KnowledgeBase, file: str, section_id: str | None, line: int) -> str:
    """"《title》 › 章 › 节，第 N 行"."""
    parts = [doc_name(kb, file)]
    section = kb.section(section_id)
    if section is not None:
        parts.extend(section.path or [section.title])
    return " › ".join(parts) + f"，第 {line} 行"


def heading(s: Section) -> str:
    """A section's heading as the document writes it: number and title."""
    if not s.number or s.title.startswith(s.number):
        return s.title
    # "一、标题" and "（一）标题" read without a space; "第一章 标题" with one.
    sep = "" if s.number[-1] in "、.．)）" else " "
    return f"{s.number}{sep}{s.title}"


def children(kb: KnowledgeBase, file: str, parent: Section | None) -> list[Section]:
    """Direct children of `parent` (top-level sections when None), in document order."""
    doc_sections = [s for s in kb.sections if s.doc == file]
    if parent is None:
        if any(s.parent for s in doc_sections):
            return [s for s in doc_sections if not s.parent]
        top = min((s.level for s in doc_sections), default=1)
        return [s for s in doc_sections if s.level == top]
    if any(s.parent == parent.id for s in doc_sections):
        return [s for s in doc_sections if s.parent == parent.id]
    # Without parent links: the following sections one level deeper, up to the next sibling.
    out = []
    for s in doc_sections:
        if s.line <= parent.line:
            continue
        if s.level <= parent.level:
            break
        if s.level == parent.level + 1:
            out.append(s)
    return out


def section_text(kb: KnowledgeBase, section: Section, full: bool = False) -> str:
    """The text under a heading, up to the next heading (or its end line)."""
    lines = kb.texts.get(section.doc, [])
    end = section.end_line
    if end is None:
        later = [s.line for s in kb.sections if s.doc == section.doc and s.line > section.line
                 and (full is False or s.level <= section.level)]
        end = min(later) - 1 if later else len(lines)
    return "\n".join(section_lines(lines, section, end))  # logical lines for unbroken text


def doc_index(kb: KnowledgeBase, file: str) -> int:
    """The 0-based position of a document (0 when unknown)."""
    return next((n for n, d in enumerate(kb.documents) if d.file == file), 0)


def find_doc(kb: KnowledgeBase, arg: str) -> int | None:
    """The index of the document named by a number (1-based), its title, file name or issuer."""
    arg = arg.strip()
    if arg.isdigit():
        n = int(arg)
        return n - 1 if 1 <= n <= len(kb.documents) else None
    key = name_key(arg)
    if not key:
        return None
    for n, d in enumerate(kb.documents):
        if key in name_key(d.title) or key in name_key(d.file) or (d.issuer and key in name_key(d.issuer)):
            return n
    return None
