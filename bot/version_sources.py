"""The sources of a knowledge-base version: references (name, sha256, origin), their stored bytes checked
against their hash, the plans folder read file by file, and knowledge-base slicing by source.

What cannot be trusted raises SourceUnavailable (a PlanError with a Chinese message naming the file
and what is wrong), so start-up can fall back to a version that verifies and admins are told why.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from bot.storage import admin as store
from knowledge import builder
from knowledge.errors import PlanError
from knowledge.models import KnowledgeBase
from knowledge.readers import SUPPORTED_SUFFIXES

log = logging.getLogger(__name__)

KNOWLEDGE_DIR = Path(builder.__file__).resolve().parent


@dataclass(frozen=True)
class SourceRef:
    """One file of a version: its name, content hash, and where it came from (folder or upload)."""

    name: str
    sha256: str
    origin: str = "folder"

    def as_json(self) -> dict[str, str]:
        """The JSON form stored in kb_versions.sources_json."""
        return dataclasses.asdict(self)


class SourceUnavailable(PlanError):
    """A version's source is missing, damaged (its bytes no longer match their sha256) or its
    source list is unreadable: the version cannot be rebuilt exactly."""


def refs_json(refs: Iterable[SourceRef]) -> str:
    """Source references as stored JSON."""
    return json.dumps([r.as_json() for r in refs], ensure_ascii=False)


def refs_from(rows: list[dict[str, str]]) -> list[SourceRef]:
    """Source references from stored JSON rows."""
    return [SourceRef(r["name"], r["sha256"], r.get("origin", "folder")) for r in rows]


def stored_refs(row: store.KbVersion | store.KbDraft, what: str) -> list[SourceRef]:
    """The source references of a version or draft row; SourceUnavailable when its list is garbled."""
    try:
        refs = refs_from(row.sources())
        if all(isinstance(r.name, str) and isinstance(r.sha256, str) and len(r.sha256) == 64 for r in refs):
            return refs
    except (ValueError, TypeError, KeyError, AttributeError):
        pass
    raise SourceUnavailable(f"{what}的文件清单已损坏，无法读取。", detail=str(row.sources_json)[:200])


def sha256_of(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def verified_bytes(session: Session, ref: SourceRef) -> bytes:
    """The stored bytes of a source, checked against its sha256; SourceUnavailable when missing or damaged."""
    data = store.source_bytes(session, ref.sha256)
    if data is None:
        raise SourceUnavailable(f"文件“{ref.name}”的存档缺失。", detail=ref.sha256)
    if sha256_of(data) != ref.sha256:
        raise SourceUnavailable(f"文件“{ref.name}”的存档已损坏（校验值不符）。", detail=ref.sha256)
    return data


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


def folder_sources(folder: Path, skipped: list[str] | None = None) -> list[tuple[SourceRef, bytes]]:
    """The plan files in the plans folder, with their bytes; a file that cannot be read is left out
    and named in `skipped` (a Chinese line for the admins)."""
    out: list[tuple[SourceRef, bytes]] = []
    try:
        paths = builder.plan_files([folder]) if folder.is_dir() else []
    except OSError as exc:
        log.warning("plans folder %s unreadable: %s", folder, exc)
        if skipped is not None:
            skipped.append(f"规划文件夹 {folder} 无法读取（{exc.strerror or exc}），已跳过。")
        return out
    for path in paths:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            log.warning("plan file %s unreadable: %s", path, exc)
            if skipped is not None:
                skipped.append(f"规划文件夹中的“{path.name}”无法读取（{exc.strerror or exc}），已跳过。")
            continue
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
        passages=[p for p in kb.passages if p.doc in keep],
        warnings=[w for w in kb.warnings if w.doc in keep],
        texts={f: lines for f, lines in kb.texts.items() if f in keep},
    )


def ordered(kb: KnowledgeBase, names: list[str]) -> KnowledgeBase:
    """`kb` with documents in the order of `names` (so equal source lists give equal knowledge bases)."""
    return builder.merge(only_documents(kb, {n}) for n in names)
