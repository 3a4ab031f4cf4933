"""Pydantic models of the knowledge base: documents, sections, indicators, tasks, terms."""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocKind = Literal["five_year_plan", "annual_plan", "work_report", "task_list", "implementation_plan",
                  "regulation", "notice", "other"]
ItemKind = Literal["indicator", "task", "section", "term", "passage"]
DeadlineKind = Literal["explicit", "document_year", "period_end", "recurring", "ongoing", "none"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(_Model):
    """One plan file: its metadata and where its text came from."""

    id: str
    file: str
    title: str
    # Where the title comes from: "text" (the document's own title or the plan it names),
    # "opening" (no title: its first words), "file" (no title: the file's name, when it is one),
    # "built" (no title: place + year + kind, e.g. a work report copied from 各位代表： on; see
    # knowledge/work_report.py).
    title_source: Literal["text", "opening", "file", "built"] = "text"
    issuer: str | None = None
    kind: DocKind = "other"
    year: int | None = None
    period: tuple[int, int] | None = None
    date: dt.date | None = None  # the date the document was issued (signature block, 成文日期)
    date_line: int | None = None  # the line that date is written on
    number: str | None = None  # its 文号 (某府办发〔2023〕2号)
    # Lines (1-based, inclusive) that review the past year in a work report:
    # their statements are achievements, never tasks.
    review_lines: tuple[int, int] | None = None
    sha256: str = ""
    line_count: int = 0


class Section(_Model):
    """A heading in a document's tree, with its citation path."""

    id: str
    doc: str
    number: str | None = None
    title: str
    level: int
    path: list[str] = Field(default_factory=list)
    line: int
    end_line: int | None = None
    parent: str | None = None
    # Where the heading starts in its source line (0 unless the text was unbroken, see
    # knowledge/unbroken.py), and where the section's last logical line starts in end_line.
    offset: int = 0
    end_offset: int | None = None


class Value(_Model):
    """A baseline or target: its year, the verbatim value and the parsed number."""

    year: int | None = None
    value: str
    number: float | None = None


class Indicator(_Model):
    """A quantified indicator or target, from a table row or from prose."""

    id: str
    doc: str
    section: str | None = None
    name: str
    unit: str | None = None
    baseline: Value | None = None
    target: Value | None = None
    growth: str | None = None
    attribute: str | None = None
    category: str | None = None
    source: Literal["table", "prose"] = "prose"
    line: int
    lines: list[int] = Field(default_factory=list)
    text: str = ""
    offset: int = 0  # where the item's logical line starts in its source line
    row: int | None = None  # its table row's 序号 (专栏1第3项), when the table numbers its rows


class Task(_Model):
    """A forward-looking task with its deadline and responsible units."""

    id: str
    doc: str
    section: str | None = None
    number: str | None = None
    title: str
    text: str = ""
    deadline: dt.date | None = None
    deadline_text: str | None = None
    deadline_kind: DeadlineKind = "none"
    recurrence: str | None = None
    units: list[str] = Field(default_factory=list)
    # The lead units (牵头) among `units`; the others are responsible or cooperating units.
    lead_units: list[str] = Field(default_factory=list)
    line: int
    offset: int = 0  # where the item's logical line starts in its source line


class Term(_Model):
    """A glossary entry (名词解释)."""

    id: str
    doc: str
    term: str
    definition: str
    line: int
    section: str | None = None
    offset: int = 0  # where the item's logical line starts in its source line


class Passage(_Model):
    """One to a few sentences of running text, so anything the plans say can be found and quoted."""

    id: str
    doc: str
    section: str | None = None
    line: int
    text: str
    offset: int = 0  # where the passage starts in its source line
    # The logical line (paragraph) it was cut from: passages with the same `para` make the paragraph.
    para: int = 0


class Warning_(_Model):
    """A problem found while building, reported to the admin, never fatal."""

    doc: str
    message: str
    line: int | None = None


class KnowledgeBase(_Model):
    """Everything extracted from a set of plan files."""

    documents: list[Document] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    terms: list[Term] = Field(default_factory=list)
    # Results reported for a past year (a work report's review, a 十三五 review): the figure is the
    # baseline (with its year), there is no target. Kept apart from the targets in `indicators`.
    actuals: list[Indicator] = Field(default_factory=list)
    # Every paragraph of running text, cut into passages (knowledge/passages.py).
    passages: list[Passage] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)
    # Source text lines per document file, kept so a section can be read in full.
    texts: dict[str, list[str]] = Field(default_factory=dict)

    def document(self, file: str) -> Document | None:
        """The document built from `file`, if any."""
        return next((d for d in self.documents if d.file == file), None)

    def paragraph(self, passage: Passage) -> str:
        """The whole paragraph a passage was cut from."""
        return "".join(p.text for p in self.passages if p.doc == passage.doc and p.para == passage.para)

    def section(self, section_id: str | None) -> Section | None:
        """The section with this id, if any."""
        if section_id is None:
            return None
        return next((s for s in self.sections if s.id == section_id), None)

    def to_contract(self) -> dict[str, list[dict[str, object]]]:
        """The JSON shape promised by `planbot build --json` (see design notes)."""

        def value(v: Value | None) -> dict[str, object] | None:
            return None if v is None else {"year": v.year, "value": v.value, "number": v.number}

        return {
            "documents": [
                {"id": d.id, "file": d.file, "title": d.title, "title_source": d.title_source,
                 "issuer": d.issuer,
                 "kind": d.kind, "year": d.year,
                 "period": list(d.period) if d.period else None,
                 "date": d.date.isoformat() if d.date else None, "number": d.number}
                for d in self.documents
            ],
            "sections": [
                {"id": s.id, "doc": s.doc, "number": s.number, "title": s.title,
                 "level": s.level, "path": s.path, "line": s.line, "offset": s.offset}
                for s in self.sections
            ],
            "indicators": [
                {"id": i.id, "doc": i.doc, "section": i.section, "name": i.name, "unit": i.unit,
                 "baseline": value(i.baseline), "target": value(i.target), "growth": i.growth,
                 "attribute": i.attribute, "category": i.category, "line": i.line,
                 "offset": i.offset}
                for i in self.indicators
            ],
            "tasks": [
                {"id": t.id, "doc": t.doc, "section": t.section, "number": t.number,
                 "title": t.title, "text": t.text,
                 "deadline": t.deadline.isoformat() if t.deadline else None,
                 "deadline_text": t.deadline_text, "deadline_kind": t.deadline_kind,
                 "recurrence": t.recurrence, "units": t.units, "lead_units": t.lead_units,
                 "line": t.line, "offset": t.offset}
                for t in self.tasks
            ],
            "terms": [
                {"id": g.id, "doc": g.doc, "term": g.term, "definition": g.definition,
                 "line": g.line, "offset": g.offset}
                for g in self.terms
            ],
            "actuals": [
                {"id": i.id, "doc": i.doc, "section": i.section, "name": i.name, "unit": i.unit,
                 "year": i.baseline.year if i.baseline else None, "value": value(i.baseline),
                 "growth": i.growth, "line": i.line, "offset": i.offset}
                for i in self.actuals
            ],
            "passages": [
                {"id": p.id, "doc": p.doc, "section": p.section, "line": p.line, "text": p.text,
                 "offset": p.offset}
                for p in self.passages
            ],
        }

    def to_contract_json(self) -> str:
        """`to_contract` serialised as UTF-8 JSON text."""
        return json.dumps(self.to_contract(), ensure_ascii=False, indent=1)
