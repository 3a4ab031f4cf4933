"""Loading knowledge-base versions: sources parsed (through the parse cache) and verified, the live
version served from what verifies, version 1 published from the plans folder, workers kept current.

Start no matter what: every source's stored bytes are checked against their sha256, a parse-cache row
that does not load is dropped and re-parsed, and a version whose sources are missing or damaged (or
whose file list is garbled) is passed over for the newest one that verifies, with a warning for the
admins (`warnings`, sent by jobs.notices). Parsing goes through `build_sources` (in the bot:
knowledge.isolated_build, a child process under memory and time limits). bot.versions adds drafts.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.storage import admin as store
from bot.storage.base import busy_retried
from bot.version_sources import (
    SourceRef,
    SourceUnavailable,
    builder_fingerprint,
    folder_sources,
    only_documents,
    refs_json,
    stored_refs,
    verified_bytes,
)
from knowledge import builder
from knowledge.errors import PlanError
from knowledge.models import KnowledgeBase
from knowledge.readers import DEFAULT_MAX_BYTES

log = logging.getLogger(__name__)

FALLBACK_DEPTH = 20  # versions tried, newest first, before giving up on the database's versions
BuildFn = Callable[[list[tuple[str, bytes]]], KnowledgeBase]


class KnowledgeHolder(Protocol):
    """What versions need from the live knowledge state (bot.kbstate.KnowledgeState)."""

    @property
    def version(self) -> int: ...  # noqa: D102

    @property
    def kb(self) -> KnowledgeBase: ...  # noqa: D102

    def swap(self, kb: KnowledgeBase, version: int | None = None, index: Any = None) -> Any: ...  # noqa: D102


class VersionConflict(Exception):
    """The live version changed since the draft was made (another admin published first)."""


class VersionLoader:
    """Serves the live version (verified, with fallback), publishes version 1, keeps workers current."""

    def __init__(self, sessions: sessionmaker[Session], state: KnowledgeHolder, plans_dir: Path,
                 max_bytes: int = DEFAULT_MAX_BYTES, *, build: BuildFn | None = None) -> None:
        self.sessions = sessions
        self.state = state
        self.plans_dir = Path(plans_dir)
        self.max_bytes = max_bytes
        # How one source is parsed: in this process by default, in a limited child process in the bot.
        self.build_sources: BuildFn = build or (lambda sources: builder.build_sources(sources, max_bytes))
        self.refs: list[SourceRef] = []  # sources of the live version
        self.head = 0  # the newest version number seen in the database (drafts are based on it)
        self.warnings: list[str] = []  # for the admins: versions passed over, files skipped
        # One publish/load at a time in this process; the DB primary key guards across workers.
        self._lock = threading.Lock()
        self.last_load_seconds: float = 0.0

    def warn(self, lines: list[str]) -> None:
        """Keep lines for the admins (sent at start-up, see jobs.notices) and log them."""
        for line in lines:
            log.warning("%s", line)
        self.warnings.extend(lines)

    # --- building ---------------------------------------------------------------------------

    def parse_source(self, ref: SourceRef, data: bytes | None = None) -> KnowledgeBase:
        """One source's knowledge base: from the parse cache (a row that does not load is dropped),
        else parsed now from `data` or its verified stored bytes, and cached."""
        key = (ref.sha256, ref.name, builder_fingerprint())
        with self.sessions() as session:
            cached = session.get(store.KbParseCache, key)
            kb = _cached_kb(cached, ref) if cached is not None else None
            if kb is not None:
                return kb
            if data is None:
                data = verified_bytes(session, ref)
        if cached is not None:
            log.warning("parse cache of %s (%s) does not load: dropped, re-parsing", ref.name, ref.sha256[:12])
            with self.sessions.begin() as session:
                session.execute(delete(store.KbParseCache).where(
                    store.KbParseCache.sha256 == key[0], store.KbParseCache.name == key[1],
                    store.KbParseCache.fingerprint == key[2]))
        kb = self.build_sources([(ref.name, data)])
        self.cache_parse(ref, kb)
        return kb

    @busy_retried
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
        """The knowledge base of these sources, in their order (from the parse cache when possible);
        a source that cannot be parsed raises a PlanError naming it."""
        blobs = blobs or {}
        parts = []
        for ref in refs:
            try:
                parts.append(self.parse_source(ref, blobs.get(ref.sha256)))
            except SourceUnavailable:
                raise
            except PlanError as exc:
                raise PlanError(f"文件“{ref.name}”：{exc.message}", detail=exc.detail) from exc
        return builder.merge(parts)

    def build_skipping(self, refs: list[SourceRef], blobs: dict[str, bytes] | None = None
                       ) -> tuple[KnowledgeBase, list[SourceRef], list[str]]:
        """`build`, leaving out each source that cannot be read or parsed: (knowledge base, the
        sources kept, a Chinese line per source left out)."""
        blobs = blobs or {}
        parts, kept, skipped = [], [], []
        for ref in refs:
            try:
                parts.append(self._reused_part(ref) or self.parse_source(ref, blobs.get(ref.sha256)))
                kept.append(ref)
            except PlanError as exc:
                skipped.append(f"“{ref.name}”无法使用，已跳过：{exc.message}")
        return builder.merge(parts), kept, skipped

    def _reused_part(self, ref: SourceRef) -> KnowledgeBase | None:
        """The live knowledge base's part built from exactly this source, if any (saves a parse)."""
        live = self.state.kb
        if any(d.file == ref.name and d.sha256 == ref.sha256 for d in live.documents):
            part = only_documents(live, {ref.name})
            self.cache_parse(ref, part)
            return part
        return None

    # --- live version -----------------------------------------------------------------------

    def db_version(self) -> int:
        """The newest published version number in the DB (cheap: one indexed max())."""
        with self.sessions() as session:
            return store.latest_version_number(session)

    def start(self) -> int:
        """At start-up: load the live version from the DB (the newest that verifies), or publish the
        plans folder as version 1 (files that cannot be read or parsed are skipped, with a warning)."""
        started = time.perf_counter()
        if self.db_version() == 0:
            skipped: list[str] = []
            sources = folder_sources(self.plans_dir, skipped)
            live = {(d.file, d.sha256) for d in self.state.kb.documents}
            if live and not live <= {(r.name, r.sha256) for r, _ in sources}:
                # The caller serves a knowledge base of its own (not the plans folder): keep it,
                # and leave versioning to the first admin action.
                log.warning("live knowledge base is not the plans folder's: version 1 not published")
                return self.state.version
            kb, refs, problems = self.build_skipping([r for r, _ in sources], {r.sha256: d for r, d in sources})
            self.warn(skipped + problems)
            try:
                number = self._publish(refs, kb, action="initial", note="首次启动：规划文件夹",
                                       author_id=None, author_name="系统", base_version=0,
                                       blobs={r.sha256: d for r, d in sources if r in refs},
                                       summary=f"{len(refs)} 个文档")
                self.last_load_seconds = time.perf_counter() - started
                return number
            except VersionConflict:
                pass  # another worker published version 1 first: load theirs
        return self.load_latest(floor=0)

    def load_latest(self, floor: int | None = None) -> int:
        """Serve the newest DB version that verifies (above `floor`; default: the one served now),
        unless it is already live; versions passed over are reported in `warnings`."""
        started = time.perf_counter()
        floor = self.state.version if floor is None else floor
        with self.sessions() as session:
            rows = [r for r in store.list_versions(session, FALLBACK_DEPTH) if r.number >= floor]
            if not rows:
                return self.state.version
            self.head = max(self.head, rows[0].number)
        problems: list[str] = []
        for row in rows:
            try:
                refs = stored_refs(row, f"版本 {row.number} ")
                if row.number == self.state.version and refs == self.refs:
                    return row.number
                kb = self._verified(refs)
            except PlanError as exc:
                problems.append(f"知识库版本 {row.number} 无法载入：{exc.message}")
                continue
            with self._lock:
                if row.number >= self.state.version:  # a publish in this process may have overtaken us
                    index = getattr(self.state, "index", None) if kb is self.state.kb else None
                    self.state.swap(kb, row.number, index=index)
                    self.refs = refs
            if problems:
                self.warn([*problems, f"已改用版本 {row.number}。请重新上传受损的文件，或用 /rollback 发布可用的版本。"])
            self.last_load_seconds = time.perf_counter() - started
            log.info("knowledge base version %s loaded in %.2fs", row.number, self.last_load_seconds)
            return row.number
        self.warn([*problems, f"没有可用的已发布版本，继续使用当前内容（版本 {self.state.version}）。"])
        return self.state.version

    def _verified(self, refs: list[SourceRef]) -> KnowledgeBase:
        """The knowledge base of a version's sources, each source's stored bytes checked against its
        sha256 first (the live one reused when it holds exactly these sources)."""
        with self.sessions() as session:
            for ref in refs:
                verified_bytes(session, ref)
        live = self.state.kb
        if refs and [(d.file, d.sha256) for d in live.documents] == [(r.name, r.sha256) for r in refs]:
            for ref in refs:  # fill the parse cache, so a restart or another worker need not re-parse
                self.cache_parse(ref, only_documents(live, {ref.name}))
            return live
        return self.build(refs)

    def poll(self) -> bool:
        """Reload when another worker (or the CLI) published a newer version; True if reloaded."""
        if self.db_version() > max(self.head, self.state.version):
            return self.load_latest() != 0
        return False

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
            self.head = number
        return number


def _cached_kb(row: store.KbParseCache, ref: SourceRef) -> KnowledgeBase | None:
    """A parse-cache row's knowledge base, or None when it does not load or is not this source's."""
    try:
        kb = KnowledgeBase.model_validate_json(row.kb_json)
    except ValueError:  # pydantic's ValidationError, a JSON error
        return None
    return kb if [d.file for d in kb.documents] == [ref.name] else None
