"""Knowledge-base versions: drafts (with their change report and guard), publishing, rollback sources,
and /reload candidates, on top of bot.version_loading (serving the live version from what verifies)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.publish_guard import guard_of
from bot.storage import admin as store
from bot.storage.base import busy_retried
from bot.version_loading import BuildFn, KnowledgeHolder, VersionConflict, VersionLoader
from bot.version_sources import (
    SourceRef,
    SourceUnavailable,
    builder_fingerprint,
    folder_sources,
    only_documents,
    ordered,
    refs_from,
    refs_json,
    sha256_of,
    stored_refs,
)
from knowledge.diff import ChangeReport, diff
from knowledge.models import KnowledgeBase
from knowledge.readers import DEFAULT_MAX_BYTES

__all__ = ["BuildFn", "Draft", "DraftExpired", "KnowledgeHolder", "NeedsConfirmation", "SourceRef",
           "SourceUnavailable", "VersionConflict", "Versions", "builder_fingerprint", "folder_sources",
           "only_documents", "ordered", "refs_from", "refs_json", "sha256_of"]

MAX_DRAFTS_IN_MEMORY = 4


class NeedsConfirmation(Exception):
    """The draft is guarded (no documents, or more than half of the items removed): publishing it
    needs the second, explicit confirmation; `guard` says what will go."""

    def __init__(self, guard: str) -> None:
        self.guard = guard
        super().__init__(guard)


class DraftExpired(LookupError):
    """The draft is older than the draft lifetime: it is no longer published."""


@dataclass
class Draft:
    """A candidate version in memory: its id, sources, knowledge base and change report.

    base_version: the newest version in the database when it was made (publishing checks it is
    still the newest); live_version: the version being served then (the report compares with it);
    guard: why publishing needs a second confirmation, or None.
    """

    id: str
    action: str
    base_version: int
    refs: list[SourceRef]
    kb: KnowledgeBase
    report: ChangeReport
    note: str = ""
    live_version: int = 0
    guard: str | None = None


class Versions(VersionLoader):
    """Builds, drafts, publishes and loads knowledge-base versions; swaps the live state atomically."""

    def __init__(self, sessions: sessionmaker[Session], state: KnowledgeHolder, plans_dir: Path,
                 max_bytes: int = DEFAULT_MAX_BYTES, *, build: BuildFn | None = None,
                 draft_ttl: dt.timedelta = dt.timedelta(hours=24)) -> None:
        super().__init__(sessions, state, plans_dir, max_bytes, build=build)
        self.draft_ttl = draft_ttl  # an open draft older than this is not published (retention expires it)
        self._drafts: dict[str, Draft] = {}

    # --- drafts -----------------------------------------------------------------------------

    def live_kb(self) -> KnowledgeBase:
        """The live knowledge base."""
        return self.state.kb

    @busy_retried
    def make_draft(self, action: str, refs: list[SourceRef], kb: KnowledgeBase, *,
                   author_id: int | None, author_name: str | None, note: str = "",
                   blobs: dict[str, bytes] | None = None, store_draft: bool = True) -> Draft:
        """A draft against the live version, with its change report and guard; stored unless nothing changed."""
        kb = ordered(kb, [r.name for r in refs])
        live = self.live_kb()
        report = diff(live, kb)
        draft = Draft(secrets.token_hex(8), action, max(self.head, self.state.version), refs, kb, report, note,
                      live_version=self.state.version, guard=guard_of(live, kb, report))
        if report.no_change:
            return draft  # same content as live: nothing to publish, nothing stored
        if store_draft:
            used = {r.sha256 for r in refs}
            with self.sessions.begin() as session:
                for sha, data in (blobs or {}).items():
                    if sha in used:
                        store.store_source(session, data, sha)
                session.add(store.KbDraft(id=draft.id, action=action, base_version=draft.base_version,
                                          author_id=author_id, author_name=author_name, note=note,
                                          sources_json=refs_json(refs), summary=report.summary(),
                                          guard=draft.guard))
            self._drafts[draft.id] = draft
            while len(self._drafts) > MAX_DRAFTS_IN_MEMORY:  # older ones rebuild from the DB if published
                self._drafts.pop(next(iter(self._drafts)))
        return draft

    def draft(self, draft_id: str) -> store.KbDraft | None:
        """The stored draft row."""
        with self.sessions() as session:
            return session.get(store.KbDraft, draft_id)

    def expired(self, row: store.KbDraft) -> bool:
        """Whether an open draft has outlived the draft lifetime (the retention job marks it too)."""
        return row.created_at is not None and store.utcnow() - row.created_at > self.draft_ttl

    @busy_retried
    def cancel(self, draft_id: str) -> bool:
        """Discard an open draft and the sources only it used; False if it is not open."""
        self._drafts.pop(draft_id, None)
        with self.sessions.begin() as session:
            row = session.get(store.KbDraft, draft_id)
            if row is None or row.status != "open":
                return False
            row.status = "cancelled"
            session.flush()
            store.drop_orphan_sources(session)
        return True

    @busy_retried
    def publish(self, draft_id: str, author_id: int | None, author_name: str | None, *,
                confirmed: bool = False) -> int:
        """Publish an open draft as the next version and swap it in; raises VersionConflict,
        NeedsConfirmation (a guarded draft without `confirmed`), DraftExpired or LookupError."""
        with self.sessions() as session:
            row = session.get(store.KbDraft, draft_id)
            if row is None or row.status != "open":
                raise LookupError("draft is not open")
            if self.expired(row):
                raise DraftExpired(draft_id)
            if row.guard and not confirmed:
                raise NeedsConfirmation(row.guard)
            refs = stored_refs(row, "草稿")
            action, note, base, summary = row.action, row.note, row.base_version, row.summary
        cached = self._drafts.get(draft_id)
        kb = cached.kb if cached is not None else ordered(self.build(refs), [r.name for r in refs])
        number = self._publish(refs, kb, action=action, note=note, author_id=author_id,
                               author_name=author_name, base_version=base, summary=summary,
                               draft_id=draft_id)
        self._drafts.pop(draft_id, None)
        return number

    # --- candidates -------------------------------------------------------------------------

    def version_refs(self, number: int) -> list[SourceRef] | None:
        """The sources of a published version, or None if there is no such version (SourceUnavailable
        when its file list is garbled)."""
        with self.sessions() as session:
            row = session.get(store.KbVersion, number)
            return None if row is None else stored_refs(row, f"版本 {number} ")

    def reload_candidate(self, skipped: list[str] | None = None) -> tuple[list[SourceRef], dict[str, bytes]]:
        """Sources for /reload: the plans folder as it is now (unreadable files named in `skipped`),
        plus the live version's uploads."""
        folder = folder_sources(self.plans_dir, skipped)
        uploads = [r for r in self.refs if r.origin == "upload"]
        upload_names = {r.name for r in uploads}
        refs = [r for r, _ in folder if r.name not in upload_names] + uploads
        return refs, {r.sha256: d for r, d in folder}

    def list_versions(self, limit: int = 20) -> list[store.KbVersion]:
        """Recent versions, newest first."""
        with self.sessions() as session:
            return store.list_versions(session, limit)

    def sources_of(self, number: int) -> list[SourceRef]:
        """The sources of version `number` (empty when unknown)."""
        return self.version_refs(number) or []

    def stored_drafts(self, status: str = "open") -> list[store.KbDraft]:
        """Drafts with this status, newest first."""
        with self.sessions() as session:
            return list(session.scalars(select(store.KbDraft).where(store.KbDraft.status == status)
                                        .order_by(store.KbDraft.created_at.desc())))
