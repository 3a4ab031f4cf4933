"""Measures in plan text: numbered items, lead-phrase measures and dated commitments.

Used by knowledge/tasks.py, which decides where to look (what to skip, tables, headings):
- numbered items (1. / 1、 / （1） / ①) that read as tasks, not headings or glossary entries;
- lead-phrase measures — a short imperative sentence ending in 。 that opens a paragraph
  ("抢抓招商引资先机。…"), and further short sentences inside the paragraph that open a block
  of elaboration of their own; a measure's text is its own block, from its lead phrase to
  the next, so a date in one measure does not set the deadline of the next;
- in multi-year plans, sentences that commit to a time (到2025年…, “十四五”期间…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.deadlines import Deadline, resolve_deadline
from knowledge.models import Document
from knowledge.units import Units, find_units, unit_brackets
from knowledge.wordlists import alternation

_NUMBERED = re.compile(
    r"^\s*(?P<num>(?:\d{1,3}\s*[.．、](?!\d))|(?:[（(]\d{1,3}[）)])|[①-⑳])\s*(?P<body>\S.*)$")
_SENTENCE_END = "。！？"
_CLAUSE_PUNCT = re.compile(r"[，,、；;：:]")
_TITLE_END = re.compile(r"[。！？；;，,：:]")
_TERM_DEFINITION = re.compile(r"^[^。，,；;]{1,24}[:：]")

# A sentence that states rather than orders: 2025年是…之年, starting with a number.
_STATEMENT = re.compile(r"^\s*[0-9０-９〇零一二三四五六七八九十]+\s*年|(?<!实事求)是")
# Lead phrases: at most this many characters (without the 。); a heading's own title up to 40.
_LEAD_MAX = 20
_HEADING_LEAD_MAX = 40
# Ordinals that open a measure's paragraph: 第一，/ 一是 / 首先，.
_ORDINAL = re.compile(r"^\s*(?:第[一二三四五六七八九十]{1,3}[，,、：:]|[一二三四五六七八九十]{1,3}是[，,：:]?|"
                      r"(?:首先|其次|再次|最后)[，,])\s*")
_SUB_LEAD_MAX = 16
# A sentence inside a paragraph opens a new measure only if this much elaboration follows it.
_SUB_LEAD_MIN_BODY = 60
# ...or less, when the measure before it is terse too: at most this many sentences and chars.
_TERSE_SENTENCES = 2
_TERSE_BODY_MAX = 80
_TERSE_BODY_MIN = 15


@dataclass
class Draft:
    """A task before it gets its id: where it is and what the text says."""

    line: int
    title: str
    text: str
    number: str | None = None
    units: Units | None = None  # from table columns or the lines after the task
    deadline_text: str | None = None  # a 完成时限 cell, resolved instead of the text
    deadline: Deadline | None = None  # already resolved while finding the task
    block: str | None = None  # a measure split off a task: the task's text, which names its units
    end: int = 0  # the last line a heading's task spans


# ---------------------------------------------------------------- numbered tasks


def numbered_task(number: int, line: str, is_heading: bool, glossary: bool = False) -> Draft | None:
    """A numbered item (1. 2. / 1、 / （1） / ①) that reads as a task, not a heading or a term."""
    match = _NUMBERED.match(line)
    if not match:
        return None
    body = match["body"].strip()
    if glossary and _TERM_DEFINITION.match(body):
        return None  # 1.车联网先导区拓展区：… under 名词解释 is a glossary entry
    has_sentence = any(c in body for c in _SENTENCE_END + "；;，,")
    if not has_sentence and (is_heading or len(body) < 6):
        return None  # a numbered heading such as "1.总体要求"
    title = title_of(body)
    if not title or re.fullmatch(r"[\d.%％\s]+", title):
        return None
    return Draft(number, title, body, number=match["num"].strip())


def title_of(body: str) -> str:
    """The task's title: its text up to the first sentence or clause break."""
    return _TITLE_END.split(body, maxsplit=1)[0].strip()


# ---------------------------------------------------------------- lead-phrase measures


def _sentences(line: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？])", line.strip()) if s.strip()]


def _is_short_sentence(sentence: str, limit: int) -> bool:
    body = sentence.strip().rstrip(_SENTENCE_END)
    return (sentence.strip().endswith(tuple(_SENTENCE_END)) and 2 <= len(body) <= limit
            and not _CLAUSE_PUNCT.search(body))


# A lead phrase of two short clauses, each led by a verb: 狠抓功能提升，打造韧性城市。
_TWO_CLAUSES = re.compile(r"^(?P<a>[\u4e00-\u9fff“”]{3,10})[，,](?P<b>[\u4e00-\u9fff“”]{3,12})[。！]$")
_LEAD_VERB = re.compile(rf"^(?:{alternation('lead_verbs')})")


# 以提升城市软实力为突破，着力建设国际化的草原音乐名城。: an aim (以…为…), then what to do.
_AIMED = re.compile(r"^以[\u4e00-\u9fff“”]{2,16}为[\u4e00-\u9fff]{1,4}[，,](?P<b>[\u4e00-\u9fff“”]{3,24})[。！]$")


def _two_clause_lead(sentence: str) -> bool:
    """Whether a sentence is a lead phrase of two clauses that both order something, or an aim
    and an order (以…为突破，着力…)."""
    m = _TWO_CLAUSES.match(sentence.strip())
    if m and _LEAD_VERB.match(m["a"]) and _LEAD_VERB.match(m["b"]):
        return True
    aimed = _AIMED.match(sentence.strip())
    return bool(aimed and _LEAD_VERB.match(aimed["b"]))


def lead_phrase_measures(number: int, line: str, heading: bool = False) -> list[Draft]:
    """Measures in a paragraph that opens with a lead phrase ("抢抓招商引资先机。…").

    On a numbered heading's line the first sentence is the heading's own title (the structure
    took it as one), so it leads whatever its clauses."""
    ordinal = _ORDINAL.match(line)
    if ordinal:
        line = line[ordinal.end():]  # 第一，狠抓产业发展。…: the ordinal only counts the measures
    sentences = _sentences(line)
    first = sentences[0] if sentences else ""
    # On a heading's line, or after an ordinal that opens the paragraph (一是准确把握政策，找准投资
    # 方向。…), the first sentence leads whatever its clauses.
    titled = (heading or bool(ordinal)) and len(first.strip().rstrip(_SENTENCE_END)) <= _HEADING_LEAD_MAX
    if len(sentences) < 2 or not (_is_short_sentence(first, _LEAD_MAX) or _two_clause_lead(first) or titled):
        return []
    if re.match(r"^[—\-－]{1,2}", sentences[0]):
        return []  # ——“十项行动”见行见效。 is a review highlight
    if _STATEMENT.search(sentences[0]):
        return []  # 2025年是“十四五”规划收官之年。 states a fact, it orders nothing
    short = [k for k, s in enumerate(sentences) if _is_short_sentence(s, 21) or (k and _ORDINAL.match(s))]
    starts = [0]
    for j, k in enumerate(short):
        if k == 0:
            continue
        if _ORDINAL.match(sentences[k]):
            starts.append(k)  # 一是…。二是…。: the paragraph counts its measures itself
            continue
        nxt = short[j + 1] if j + 1 < len(short) else len(sentences)
        body = sum(len(s) for s in sentences[k + 1:nxt])
        phrase = sentences[k].strip().rstrip(_SENTENCE_END)
        if len(phrase) > _SUB_LEAD_MAX or re.search(r"[0-9０-９A-Za-z]", phrase):
            continue
        # Either a long elaboration follows, or the paragraph alternates lead and a short
        # elaboration (做强主导产业。一句。加快园区提质。一句。): the measure before this
        # one was itself short, so this short sentence is its sibling, not a step of it.
        before = sentences[starts[-1] + 1:k]
        terse = 1 <= len(before) <= _TERSE_SENTENCES and sum(map(len, before)) <= _TERSE_BODY_MAX
        if body >= _SUB_LEAD_MIN_BODY or (terse and body >= _TERSE_BODY_MIN):
            starts.append(k)
    drafts = []
    for i, k in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(sentences)
        block = "".join(sentences[k:end]).strip()
        # 二是抓好项目建设。: the ordinal counts the measures, it is no part of the title
        drafts.append(Draft(number, _ORDINAL.sub("", sentences[k].strip()).rstrip(_SENTENCE_END), block))
    return drafts


HEADING_NUMBER = re.compile(r"^\s*(?P<num>[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．])\s*")


def heading_measures(number: int, line: str) -> list[Draft]:
    """Measures on a numbered heading line that goes on with its own text ("（一）X。……")."""
    match = HEADING_NUMBER.match(line)
    if not match:
        return []
    drafts = lead_phrase_measures(number, line[match.end():], heading=True)
    if drafts:
        drafts[0].number = match["num"]
    return drafts


# ---------------------------------------------------------------- multi-year plans

_DEFINITION_AFTER = re.compile(r"^[”\"’]?\s*[,，]?\s*(?:是|的|为[^了])")
_BARE_YEAR = re.compile(r"^(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年$")


def dated_sentences(number: int, line: str, doc: Document) -> list[Draft]:
    """In a multi-year plan, the sentences that commit to a time (到2025年…, “十四五”期间…)."""
    drafts = []
    for sentence in re.split(r"(?<=[。！？；;])", line.strip()):
        sentence = sentence.strip()
        if len(sentence) < 10 or not any(c in sentence for c in "。！？；;，,"):
            continue  # table cells and headings
        deadline = resolve_deadline(sentence, doc.year, doc.period)
        if deadline.kind not in ("explicit", "recurring") or not deadline.phrase:
            continue
        if deadline.recurrence == "periodic":
            continue  # 定期走访: a working habit, not a commitment of the plan
        if _BARE_YEAR.match(deadline.phrase.lstrip("“\"")):
            continue  # 二〇三五年远景目标: a label, not a commitment
        at = sentence.find(deadline.phrase)
        if at < 0 or _DEFINITION_AFTER.match(sentence[at + len(deadline.phrase):]):
            continue  # “十四五”时期是…: a statement about the period
        drafts.append(Draft(number, _clause_at(sentence, at, len(deadline.phrase)), sentence,
                             deadline=deadline))
    return drafts


def _clause_at(sentence: str, at: int, length: int) -> str:
    """The clause holding a phrase; when the phrase is a clause of its own, the next one too."""
    breaks = "，,；;。！？"
    start = max((sentence.rfind(c, 0, at) for c in breaks), default=-1) + 1
    end = min((i for i in (sentence.find(c, at + length) for c in breaks) if i >= 0), default=len(sentence))
    if end - (at + length) <= 1 and end < len(sentence):  # "到2025年，" — take the next clause
        nxt = min((i for i in (sentence.find(c, end + 1) for c in breaks) if i >= 0), default=len(sentence))
        end = nxt
    return sentence[start:end].strip(" ，,；;。")


# ---------------------------------------------------------------- one deadline per measure

_ACTION = re.compile(alternation("action_verbs"))
_CLAUSE_END = re.compile(r"[。！？；;，,]")
_MEASURE_TITLE_MAX = 40
_CONNECTOR = re.compile(r"^(?:并|并且|同时|其中|另外|此外|以及|及|和|且)[，,]?")


def measure_spans(text: str) -> list[tuple[int, int]]:
    """Where the measures of a block lie: a clause with an action verb opens a measure; a clause
    without one (到2025年，/ 其中，) joins the measure after it, or the one before at the end."""
    clauses: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_END.finditer(text):
        if m.end() > start:
            clauses.append((start, m.end()))
        start = m.end()
    if start < len(text):
        clauses.append((start, len(text)))
    spans: list[tuple[int, int]] = []
    pending: int | None = None  # start of verbless clauses waiting for their measure
    for a, b in clauses:
        if _ACTION.search(text, a, b):
            spans.append((pending if pending is not None else a, b))
            pending = None
        elif pending is None:
            pending = a
    if pending is not None:
        if spans:
            spans[-1] = (spans[-1][0], len(text))
        else:
            spans.append((pending, len(text)))
    return spans


def dated_measures(draft: Draft, year: int | None, period: tuple[int, int] | None,
                   open_ended: bool = False) -> list[Draft]:
    """A task whose block commits to several dates, split into one deadline per measure.

    When the block's date phrases agree (or there are none, or they only restate the plan's
    end: 全年, 年底前), the task keeps them: a phrase anywhere in the block is unambiguous. Otherwise each measure gets its nearest phrase:
    the task itself the one in its own (first) measure, else the document rule; every other
    measure that names a date becomes a task of its own (标准化厂房上半年完工 → 6月30日)."""
    if draft.deadline is not None or draft.deadline_text:
        return [draft]
    whole = resolve_deadline(draft.text, year, period, open_ended=open_ended)
    if whole.kind != "explicit":
        return [draft]
    spans = measure_spans(draft.text)
    dated: list[Deadline | None] = []
    for a, b in spans:
        resolved = resolve_deadline(draft.text[a:b], year, period, open_ended=open_ended)
        dated.append(resolved if resolved.kind == "explicit" else None)
    # 全年 / 年底前 in a one-year plan restate the document rule: no evidence of another deadline
    rule = resolve_deadline("", year, period, open_ended=open_ended).date
    if len({d.date for d in dated if d is not None and d.date != rule}) < 2:
        return [draft]
    first = dated[0]
    if first is None:
        a, b = spans[0]
        own = resolve_deadline(draft.text[a:b], year, period, open_ended=open_ended)
        first = own  # recurring, ongoing, or the document rule
    draft.deadline = first
    out = [draft]
    for (a, b), deadline in zip(spans[1:], dated[1:], strict=True):
        if deadline is None:
            continue
        measure = draft.text[a:b].strip(" ，,；;。")
        title = _CONNECTOR.sub("", measure)[:_MEASURE_TITLE_MAX]
        out.append(Draft(draft.line, title, measure, number=draft.number, units=draft.units, deadline=deadline,
                         block=draft.text))
    return out


# ---------------------------------------------------------------- one set of units per measure


def unit_measures(draft: Draft, first_is_lead: bool = False) -> list[Draft]:
    """A task whose text names units after several of its sentences (…清单。（合肥海关负责）巩固…。
    （省商务厅牵头，合肥海关配合）): each bracket closes a measure of its own with those units. The
    first measure keeps the task's title; text after the last bracket joins the last measure."""
    if draft.units or draft.deadline is not None:
        return [draft]
    spans = unit_brackets(draft.text, first_is_lead)
    if len(spans) < 2:
        return [draft]
    pieces: list[str] = []
    start = 0
    for _a, b in spans:
        pieces.append(draft.text[start:b])
        start = b
    pieces[-1] += draft.text[start:]
    out = []
    for k, piece in enumerate(pieces):
        units = find_units(piece, first_is_lead)
        if k == 0:
            out.append(Draft(draft.line, draft.title, piece.strip(), number=draft.number, units=units,
                             deadline_text=draft.deadline_text, end=draft.end))
            continue
        clauses = [c for c in re.split(r"[，,；;。]", piece) if c.strip()]
        title = _CONNECTOR.sub("", clauses[0].strip() if clauses else piece.strip())[:_MEASURE_TITLE_MAX]
        out.append(Draft(draft.line, title, piece.strip(), number=draft.number, units=units))
    return out


# ---------------------------------------------------------------- duties of a unit

# A unit named before its duties: 区民防办：负责…, 1.街道消委办。牵头开展…, （一）区应急局：…
_DUTY_LINE = re.compile(r"^\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）])?\s*"
                        r"(?P<units>[^：:。，,；;！？]{2,40}?)\s*[：:。]\s*(?P<duties>\S.{5,})$")
# The organs whose name can head a list of duties (not 社区 or 村, which are places too).
_ORG_END = re.compile(r"(?:局|委|办|厅|中心|所|队|站|部|院|处|科|室|股|政府|办事处|街道|镇|乡|公司|集团|单位|管委会|专班|"
                      r"支队|大队|中队|分局|支行|委员会)$")
_LEADS = ("牵头", "负责牵头", "主要牵头")
_LABELED_UNITS = re.compile(r"(?:牵头|责任|配合|主责|协办|实施)(?:单位|部门)\s*[:：]")
_NO_TITLE = re.compile(r"^(?:按照|根据|依据|结合|围绕|在[^，,]{0,20}(?:下|中))")


def duty_units(name: str) -> list[str] | None:
    """The units a heading or lead names when it is nothing but unit names (区建管委、区房管局)."""
    name = name.strip()
    parts = [p for p in re.split(r"[、，,和及与]", name) if p]
    if not parts or len(name) > 40:
        return None
    for part in parts:
        if (len(part) > 15 or not _ORG_END.search(part) or _ACTION.match(part) or _LEAD_VERB.match(part)
                or _UNIT_LABEL.match(part)):
            return None  # 坚持以人民为中心, 建设智慧社区, 责任单位: no unit's name
    return parts


_UNIT_LABEL = re.compile(r"^(?:牵头|责任|配合|协办|协同|参与|主责|支撑|实施)(?:单位|部门|科室|处室)$")


def duty_draft(number: int, line: str) -> Draft | None:
    """A unit and its duties on one line: a task whose unit is the one named first."""
    m = _DUTY_LINE.match(line)
    if not m or _LABELED_UNITS.search(m["duties"]):
        return None  # 35.某某服务中心。…（牵头单位：X）: the item names who does it, its head is a project
    units = duty_units(m["units"])
    if units is None:
        return None
    return duties(number, m["duties"], units)


def duties(number: int, text: str, units: list[str]) -> Draft:
    """The task a unit's duties make: titled by its first clause that orders something."""
    clauses = [c.strip() for c in re.split(r"[，,；;。]", text) if c.strip()]
    title = next((c for c in clauses if not _NO_TITLE.match(c)), clauses[0] if clauses else text)
    lead = text.startswith(_LEADS)
    return Draft(number, title[:_MEASURE_TITLE_MAX], text, units=Units(units if lead else [], [] if lead else units))


# ---------------------------------------------------------------- steps headed by their time

# (一)第一季度：做好项目立项工作…, 3月底前：完成…, 第二阶段（2025年6月）：…
_TIMED_STEP = re.compile(r"^\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）])?\s*"
                         r"(?P<when>[^：:。，,；;]{2,24}?)\s*[：:]\s*(?P<body>\S.{3,})$")


def timed_step(number: int, line: str, doc: Document) -> Draft | None:
    """A step headed by the time it is due: its deadline is that time, its title its first clause."""
    m = _TIMED_STEP.match(line)
    if not m:
        return None
    deadline = resolve_deadline(m["when"], doc.year, doc.period)
    if deadline.kind != "explicit" or not deadline.phrase or len(deadline.phrase) < len(m["when"]) - 4:
        return None  # the lead is more than a time (项目内容：2026年…)
    body = m["body"].strip()
    clauses = [c for c in re.split(r"[，,；;。]", body) if c.strip()]
    title = (clauses[0] if clauses else body).strip()[:_MEASURE_TITLE_MAX]
    return Draft(number, title, body, deadline=deadline)
