"""The office's view of a task: a stable identity across rebuilds, its notes, and the status they give.

Progress belongs to the office, not to a chat: it is kept per (document file, task key), where the
key is the task's title as `identity.name_key` reads it — the identity the change report uses to
pair a task across versions — with an ordinal when one document holds the same title twice. A
rebuild that renumbers tasks or changes their ids keeps their progress.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from knowledge.identity import name_key
from knowledge.models import KnowledgeBase, Task

MAX_KEY_CHARS = 120  # stored key length; longer titles keep a prefix plus a digest

# Kinds of note
NOTE, DONE, EXTENSION, REOPEN = "note", "done", "extension", "reopen"
# States of an extension request
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


def title_key(title: str) -> str:
    """The key of a task title (name_key, cut with a digest when very long)."""
    key = name_key(title)
    if len(key) <= MAX_KEY_CHARS:
        return key
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return f"{key[:MAX_KEY_CHARS - 13]}~{digest}"


def task_keys(tasks: Iterable[Task]) -> dict[str, tuple[str, str]]:
    """Task id → (document file, task key); a repeated title in one document gets #2, #3 … in order."""
    seen: dict[tuple[str, str], int] = {}
    out: dict[str, tuple[str, str]] = {}
    for task in tasks:
        base = title_key(task.title) or f"line{task.line}"
        count = seen.get((task.doc, base), 0) + 1
        seen[(task.doc, base)] = count
        out[task.id] = (task.doc, base if count == 1 else f"{base}#{count}")
    return out


@dataclass(frozen=True)
class Note:
    """One progress note of the office on a task (a plain note, completion, reopening or an extension request)."""

    id: int
    kind: str  # note | done | reopen | extension
    text: str
    by: str
    at: dt.datetime
    new_deadline: dt.date | None = None
    status: str | None = None  # extensions: pending | approved | rejected
    decided_by: str | None = None
    decided_at: dt.datetime | None = None


@dataclass
class TaskOffice:
    """What the office's notes say about one task, oldest note first."""

    notes: list[Note] = field(default_factory=list)

    @property
    def latest(self) -> Note | None:
        """The latest note."""
        return self.notes[-1] if self.notes else None

    @property
    def done(self) -> Note | None:
        """The completion note when the task is marked done (and not reopened since)."""
        for note in reversed(self.notes):
            if note.kind == DONE:
                return note
            if note.kind == REOPEN:
                return None
        return None

    @property
    def extension(self) -> Note | None:
        """The latest approved extension (its new deadline is the task's deadline)."""
        approved = [n for n in self.notes if n.kind == EXTENSION and n.status == APPROVED]
        return max(approved, key=lambda n: n.decided_at or n.at) if approved else None

    @property
    def pending(self) -> Note | None:
        """An extension request waiting for an admin, if any."""
        return next((n for n in reversed(self.notes) if n.kind == EXTENSION and n.status == PENDING), None)

    @property
    def deadline(self) -> dt.date | None:
        """The approved new deadline, if an extension was approved."""
        ext = self.extension
        return ext.new_deadline if ext is not None else None


OfficeMap = dict[str, TaskOffice]  # task id → the office's view


def office_by_task(kb: KnowledgeBase, notes: dict[tuple[str, str], list[Note]]) -> OfficeMap:
    """The office's view of each task of `kb` that has notes, keyed by task id."""
    if not notes:
        return {}
    out: OfficeMap = {}
    for task_id, key in task_keys(kb.tasks).items():
        found = notes.get(key)
        if found:
            out[task_id] = TaskOffice(sorted(found, key=lambda n: (n.at, n.id)))
    return out


def effective_deadline(task: Task, office: TaskOffice | None) -> dt.date | None:
    """The deadline the office works to: an approved extension, else the document's."""
    if office is not None and office.deadline is not None:
        return office.deadline
    return task.deadline
