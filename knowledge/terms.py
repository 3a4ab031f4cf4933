"""Glossary terms: entries of 名词解释 / 名词注释 / 术语解释 lists, and terms a rule defines in its text
(本办法所称污泥，是指…)."""

from __future__ import annotations

import re

from knowledge.doctext import DocText
from knowledge.models import Document, Section, Term
from knowledge.normalize import normalize
from knowledge.wordlists import merged

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
# 本办法所称污泥，是指… / 第五条 建设用地使用权转让是指… / 连续就读，是指…: a sentence (or an article)
# opening with a term and 是指 defines it (not 是指导…, 是指出…).
_SENTENCES = re.compile(r"[^。；;！？!?]+")
_ARTICLE = re.compile(r"第[一二三四五六七八九十百零\d]{1,4}条\s*")
_DEFINED = re.compile(r"\s*(?:本[\u4e00-\u9fff]{1,4}?所称)?"
                      r"(?P<term>[^，,。；;：:、\s“”《》]{2,24}?)\s*[，,]?\s*是指(?![导出引挥定示明标向南令数针])(?P<definition>[^。；;]{4,})")
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


def defined_terms(text: str) -> list[tuple[str, int]]:
    """The terms a passage of running text defines, one per sentence, each with where its sentence
    starts (本办法所称污泥，是指… → 污泥; 第五条 建设用地使用权转让是指… → 建设用地使用权转让)."""
    found = []
    for match in _SENTENCES.finditer(text):
        sentence = match.group(0)
        # (at the sentence's start, or after an article's number: text scraped without line breaks
        # runs a heading into 第五条)
        starts = [0] + [a.end() for a in _ARTICLE.finditer(sentence)]
        m = next((d for at in starts if (d := _DEFINED.match(sentence, at)) and not d.group("term").startswith("第")),
                 None)
        if m and _WORD.search(m.group("term")):
            found.append((m.group("term"), match.start()))
    return found


# How long a paragraph's lead sentence may be to name its point (坚持共同缔造理念。在…中推进…).
_LEAD_CHARS = 16


def lead_term(text: str) -> str:
    """What a paragraph's short lead sentence names, without the verb it opens with (坚持共同缔造理念。在“决策
    共谋…”中推进… → 共同缔造理念): the point the rest explains; empty when it opens with no short sentence."""
    first = _SENTENCES.match(text)
    if first is None or first.end() >= len(text) - 1:
        return ""  # (the whole paragraph one sentence: nothing after it explains)
    lead = normalize(first.group(0))
    if not 2 <= len(lead) <= _LEAD_CHARS:
        return ""
    verb = next((v for v in merged("lead_verbs", "action_verbs") if lead.startswith(v) and len(lead) - len(v) >= 2), "")
    return lead[len(verb):]
