"""Glossary terms: entries of 名词解释 / 名词注释 / 术语解释 lists."""

from __future__ import annotations

import re

from knowledge.doctext import DocText
from knowledge.models import Document, Section, Term

# A section holds a glossary when its title says so.
_GLOSSARY_TITLE = re.compile(
    r"名词解释|名词注释|术语解释|词语解释|术语表|释义|^(?:附\s*[:：]?\s*)?(?:注\s*释|注\s*解|术\s*语)$")
# Optional entry number: 1. / 1、 / 1） / （1） / [1] / 【1】 / ① / 一、
_NUMBER = (r"(?:\d{1,3}\s*[.．、)）]|[（(\[【〔［]\s*\d{1,3}\s*[)）\]】〕］]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"
           r"|[一二三四五六七八九十]{1,3}\s*、)?")
# Numbering left at the front of a term (〔1〕两不愁三保障, 注1：…): never part of the term.
_TERM_NUMBER = re.compile(r"^(?:[（(\[【〔［]\s*(?:注\s*)?\d{1,3}\s*[)）\]】〕］]|注\s*\d{1,3}\s*[:：.．、]?|\d{1,3}\s*[.．、)）]|"
                          r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")
# 术语：定义 or 术语——定义 (the term stops at the first colon or dash).
_COLON_ENTRY = re.compile(
    rf"^{_NUMBER}\s*(?P<term>[^:：。；;—]{{1,40}}?)\s*(?:[:：]|——)\s*(?P<definition>.+)$")
# 术语。定义 (only for a short term, as some reports write it).
_STOP_ENTRY = re.compile(rf"^{_NUMBER}\s*(?P<term>[^:：。；;，,]{{1,20}})。\s*(?P<definition>.+)$")
# 【术语】定义 (the term in brackets), and 术语，指… / 术语是指… (the definition opens with 指).
_BRACKET_ENTRY = re.compile(rf"^{_NUMBER}\s*[【〔\[](?P<term>[^】〕\]]{{1,30}})[】〕\]]\s*[:：，,]?\s*(?P<definition>.+)$")
_POINTS_ENTRY = re.compile(
    rf"^{_NUMBER}\s*(?P<term>[^:：。；;，,指]{{2,30}}?)\s*(?:[，,]\s*(?:是|即)?|是|即)(?P<definition>指.+)$")
_MAX_TERM = 30
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")  # a term has words, not just digits (9:00-18:00)
_SENTENCE_END = ("。", "！", "？", ".", "!", "?", "”", "）", ")")


def glossary_sections(sections: list[Section]) -> list[Section]:
    """The sections whose title names a glossary (名词解释 and the like)."""
    return [s for s in sections if _GLOSSARY_TITLE.search(s.title)]


def parse_entry(text: str) -> tuple[str, str] | None:
    """(term, definition) of one glossary line, or None when the line is not an entry."""
    for pattern in (_COLON_ENTRY, _STOP_ENTRY, _BRACKET_ENTRY, _POINTS_ENTRY):
        m = pattern.match(text)
        if m:
            term = _TERM_NUMBER.sub("", m.group("term").strip()).strip()
            definition = m.group("definition").strip()
            if pattern is _BRACKET_ENTRY:
                definition = definition.removeprefix("是")
            if definition and len(term) <= _MAX_TERM and _WORD.search(term):
                return term, definition
    return None


def extract_terms(doc: Document, text: DocText, sections: list[Section]) -> list[Term]:
    """Every glossary entry in the document; a line that is no entry continues the previous one."""
    terms: list[Term] = []
    for section in glossary_sections(sections):
        end = section.end_line or len(text.lines)
        current: Term | None = None
        for line, content in text.content():
            if line <= section.line:
                continue
            if line > end:
                break
            entry = parse_entry(content)
            if entry is not None:
                current = Term(id=f"{doc.id}-G{line}", doc=doc.file, term=entry[0],
                               definition=entry[1], line=line, section=section.id)
                terms.append(current)
            elif current is not None and not current.definition.endswith(_SENTENCE_END):
                current.definition += content  # a definition wrapped over several lines
            else:
                current = None  # text after the list is no part of any definition
    return terms
