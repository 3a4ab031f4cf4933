"""Knowledge-base versions: sources stored in the DB, drafts, publish, rollback, and reloading workers."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.storage import admin as store
from knowledge import builder
from knowledge.diff import ChangeReport, diff
from knowledge.models import KnowledgeBase
from knowledge.readers import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES

log = logging.getLogger(__name__)

KNOWLEDGE_DIR = Path(builder.__file__).resolve().parent
MAX_DRAFTS_IN_MEMORY = 4


class KnowledgeHolder(Protocol):
    """What versions need from the live knowledge state (bot.kbstate.KnowledgeState)."""

    @property
    def version(self) -> int: ...  # noqa: D102

    @property
    def kb(self) -> KnowledgeBase: ...  # noqa: D102

    def swap(self, kb: KnowledgeBase, version: int | None = None, index: Any = None) -> Any: ...  # noqa: D102


@dataclass(frozen=True)
class SourceRef:
    """One file of a version: its name, content hash, and where it came from (folder or upload)."""

    name: str
    sha256: str
    origin: str = "folder"

    def as_json(self) -> dict[str, str]:
        """The JSON form stored in kb_versions.sources_json."""
        return dataclasses.asdict(self)


class VersionConflict(Exception):
    """The live version changed since the draft was made (another admin published first)."""


def refs_json(refs: Iterable[SourceRef]) -> str:
    """Source references as stored JSON."""
    return json.dumps([r.as_json() for r in refs], ensure_ascii=False)


def refs_from(rows: list[dict[str, str]]) -> list[SourceRef]:
    """Source references from stored JSON rows."""
    return [SourceRef(r["name"], r["sha256"], r.get("origin", "folder")) for r in rows]


def sha256_of(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


_FINGERPRINT: str | None = None


def builder_fingerprint() -> str:
    """A hash of the knowledge package's code and data: a parse cached under another code is stale."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        digest = hashlib.sha256()
        for path in sorted(KNOWLEDGE_DIR.rglob("*")):
            if path.is_file() and "plans" not in path.parts and path.suffix in (".py", ".tsv", ".json", ".txt"):
                if "__pycache__" in path.parts:
                    continue
                digest.update(str(path.relative_to(KNOWLEDGE_DIR)).encode())
                digest.update(path.read_bytes())
        _FINGERPRINT = digest.hexdigest()[:32]
    return _FINGERPRINT


def folder_sources(folder: Path) -> list[tuple[SourceRef, bytes]]:
    """The plan files in the plans folder, with their bytes."""
    out = []
    for path in builder.plan_files([folder]) if folder.is_dir() else []:
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            data = path.read_bytes()
            out.append((SourceRef(path.name, sha256_of(data), "folder"), data))
    return out


def only_documents(kb: KnowledgeBase, keep: set[str]) -> KnowledgeBase:
    """The part of `kb` built from the files in `keep` (no re-parsing)."""
    return KnowledgeBase(
        documents=[d for d in kb.documents if d.file in keep],
        sections=[s for s in kb.sections if s.doc in keep],
        indicators=[i for i in kb.indicators if i.doc in keep],
        tasks=[t for t in kb.tasks if t.doc in keep],
        terms=[g for g in kb.terms if g.doc in keep],
        actuals=[i for i in kb.actuals if i.doc in keep],
        warnings=[w for w in kb.warnings if w.doc in keep],
        texts={f: lines for f, lines in kb.texts.items() if f in keep},
    )


def ordered(kb: KnowledgeBase, names: list[str]) -> KnowledgeBase:
    """`kb` with documents in the order of `names` (so equal source lists give equal knowledge bases)."""
    return builder.merge(only_documents(kb, {n}) for n in names)


@dataclass
class Draft:
    """A candidate version in memory: its id, sources, knowledge base and change report."""

    id: str
    action: str
    base_version: int
    refs: list[SourceRef]
    kb: KnowledgeBase
    report: ChangeReport
    note: str = ""


class Versions:
    """Builds, drafts, publishes and loads knowledge-base versions; swaps the live state atomically."""

    def __init__(self, sessions: sessionmaker[Session], state: KnowledgeHolder, plans_dir: Path,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.sessions = sessions
        self.state = state
        self.plans_dir = Path(plans_dir)
        self.max_bytes = max_bytes
        self.refs: list[SourceRef] = []  # sources of the live version
        self._drafts: dict[str, Draft] = {}
        # One publish/load at a time in this process; the DB primary key guards across workers.
        self._lock = threading.Lock()
        self.last_load_seconds: float = 0.0

    # --- building ---------------------------------------------------------------------------

    def parse_source(self, ref: SourceRef, data: bytes | None = None) -> KnowledgeBase:
        """One source's knowledge base, from the parse cache or parsed now (and cached)."""
        fingerprint = builder_fingerprint()
        with self.sessions() as session:
            cached = session.get(store.KbParseCache, (ref.sha256, ref.name, fingerprint))
            if cached is not None:
                return KnowledgeBase.model_validate_json(cached.kb_json)
            if data is None:
                data = store.source_bytes(session, ref.sha256)
        if data is None:
            raise LookupError(f"source {ref.name} ({ref.sha256[:12]}) is not stored")
        kb = builder.build_sources([(ref.name, data)], self.max_bytes)
        self.cache_parse(ref, kb)
        return kb

    def cache_parse(self, ref: SourceRef, kb: KnowledgeBase) -> None:
        """Remember a parse under the current builder fingerprint (a concurrent insert is fine)."""
        try:
            with self.sessions.begin() as session:
                if session.get(store.KbParseCache, (ref.sha256, ref.name, builder_fingerprint())) is None:
                    session.add(store.KbParseCache(sha256=ref.sha256, name=ref.name,
                                                   fingerprint=builder_fingerprint(),
                                                   kb_json=kb.model_dump_json()))
        except IntegrityError:
            pass

    def build(self, refs: list[SourceRef], blobs: dict[str, bytes] | None = None) -> KnowledgeBase:
        """The knowledge base of these sources, in their order (from the parse cache when possible)."""
        blobs = blobs or {}
        return builder.merge(self.parse_source(r, blobs.get(r.sha256)) for r in refs)

    # --- live version -----------------------------------------------------------------------

    def db_version(self) -> int:
        """The newest published version number in the DB (cheap: one indexed max())."""
        with self.sessions() as session:
            return store.latest_version_number(session)

    def start(self) -> int:
        """At start-up: load the live version from the DB, or publish the plans folder as version 1."""
        started = time.perf_counter()
        if self.db_version() == 0:
            sources = folder_sources(self.plans_dir)
            refs = [r for r, _ in sources]
            blobs = {r.sha256: d for r, d in sources}
            kb = self._reuse_live(refs)
            if kb is None and self.state.kb.documents:
                # The caller serves a knowledge base of its own (not the plans folder): keep it,
                # and leave versioning to the first admin action.
                log.warning("live knowledge base is not the plans folder's: version 1 not published")
                return self.state.version
            kb = kb or self.build(refs, blobs)
            try:
                number = self._publish(refs, kb, action="initial", note="首次启动：规划文件夹",
                                       author_id=None, author_name="系统", base_version=0,
                                       blobs=blobs, summary=f"{len(refs)} 个文档")
                self.last_load_seconds = time.perf_counter() - started
                return number
            except VersionConflict:
                pass  # another worker published version 1 first: load theirs
        return self.load_latest()

    def _reuse_live(self, refs: list[SourceRef]) -> KnowledgeBase | None:
        """The live knowledge base when it was built from exactly these sources (saves a rebuild)."""
        live = self.state.kb
        if [(d.file, d.sha256) for d in live.documents] != [(r.name, r.sha256) for r in refs] or not refs:
            return None
        for ref in refs:  # fill the parse cache, so a restart or another worker need not re-parse
            self.cache_parse(ref, only_documents(live, {ref.name}))
        return live

    def load_latest(self) -> int:
        """Build the newest DB version and swap it in (unless it is already live)."""
        started = time.perf_counter()
        with self.sessions() as session:
            row = store.latest_version(session)
            if row is None:
                return 0
            number, refs = row.number, refs_from(row.sources())
        if number == self.state.version and refs == self.refs:
            return number
        reused = self._reuse_live(refs)
        with self._lock:
            if reused is not None and number >= self.state.version:
                # Same sources as what is loaded: only the version number changes, keep the index.
                self.state.swap(reused, number, index=getattr(self.state, "index", None))
                self.refs = refs
                self.last_load_seconds = time.perf_counter() - started
                return number
        kb = self.build(refs)
        with self._lock:
            if number >= self.state.version:  # a publish in this process may have overtaken us
                self.state.swap(kb, number)
                self.refs = refs
        self.last_load_seconds = time.perf_counter() - started
        log.info("knowledge base version %s loaded in %.2fs", number, self.last_load_seconds)
        return number

    def poll(self) -> bool:
        """Reload when another worker (or the CLI) published a newer version; True if reloaded."""
        if self.db_version() > self.state.version:
            self.load_latest()
            return True
        return False

    # --- drafts -----------------------------------------------------------------------------

    def live_kb(self) -> KnowledgeBase:
        """The live knowledge base."""
        return self.state.kb

    def make_draft(self, action: str, refs: list[SourceRef], kb: KnowledgeBase, *,
                   author_id: int | None, author_name: str | None, note: str = "",
                   blobs: dict[str, bytes] | None = None, store_draft: bool = True) -> Draft:
        """A draft against the live version, with its change report; stored unless nothing changed."""
        kb = ordered(kb, [r.name for r in refs])
        report = diff(self.live_kb(), kb)
        draft = Draft(secrets.token_hex(8), action, self.state.version, refs, kb, report, note)
        if report.no_change:
            return draft  # same content as live: nothing to publish, nothing stored
        if store_draft:
            with self.sessions.begin() as session:
                for sha, data in (blobs or {}).items():
                    store.store_source(session, data, sha)
                session.add(store.KbDraft(id=draft.id, action=action, base_version=draft.base_version,
                                          author_id=author_id, author_name=author_name, note=note,
                                          sources_json=refs_json(refs), summary=report.summary()))
            self._drafts[draft.id] = draft
            while len(self._drafts) > MAX_DRAFTS_IN_MEMORY:  # older ones rebuild from the DB if published
                self._drafts.pop(next(iter(self._drafts)))
        return draft

    def draft(self, draft_id: str) -> store.KbDraft | None:
        """The stored draft row."""
        with self.sessions() as session:
            return session.get(store.KbDraft, draft_id)

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

    def publish(self, draft_id: str, author_id: int | None, author_name: str | None) -> int:
        """Publish an open draft as the next version and swap it in; raises VersionConflict/LookupError."""
        with self.sessions() as session:
            row = session.get(store.KbDraft, draft_id)
            if row is None or row.status != "open":
                raise LookupError("draft is not open")
            refs, action, note, base, summary = (refs_from(row.sources()), row.action, row.note,
                                                 row.base_version, row.summary)
        cached = self._drafts.get(draft_id)
        kb = cached.kb if cached is not None else ordered(self.build(refs), [r.name for r in refs])
        number = self._publish(refs, kb, action=action, note=note, author_id=author_id,
                               author_name=author_name, base_version=base, summary=summary,
                               draft_id=draft_id)
        self._drafts.pop(draft_id, None)
        return number

    def _publish(self, refs: list[SourceRef], kb: KnowledgeBase, *, action: str, note: str,
                 author_id: int | None, author_name: str | None, base_version: int, summary: str,
                 blobs: dict[str, bytes] | None = None, draft_id: str | None = None) -> int:
        """Insert version base+1 (the primary key refuses a concurrent publish) and swap it in."""
        number = base_version + 1
        with self._lock:
            try:
                with self.sessions.begin() as session:
                    if store.latest_version_number(session) != base_version:
                        raise VersionConflict
                    for sha, data in (blobs or {}).items():
                        store.store_source(session, data, sha)
                    session.add(store.KbVersion(number=number, action=action, author_id=author_id,
                                                author_name=author_name, note=note,
                                                sources_json=refs_json(refs), summary=summary))
                    if draft_id is not None:
                        row = session.get(store.KbDraft, draft_id)
                        if row is not None:
                            row.status = "published"
            except IntegrityError as exc:
                raise VersionConflict from exc
            self.state.swap(kb, number)
            self.refs = list(refs)
        return number

    # --- candidates -------------------------------------------------------------------------

    def version_refs(self, number: int) -> list[SourceRef] | None:
        """The sources of a published version, or None if there is no such version."""
        with self.sessions() as session:
            row = session.get(store.KbVersion, number)
            return None if row is None else refs_from(row.sources())

    def reload_candidate(self) -> tuple[list[SourceRef], dict[str, bytes]]:
        """Sources for /reload: the plans folder as it is now, plus the live version's uploads."""
        folder = folder_sources(self.plans_dir)
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
