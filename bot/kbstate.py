"""The active knowledge base and its search index, swapped atomically on reload."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from knowledge.builder import build_files_skipping
from knowledge.limits import DEFAULT_LIMITS, ReadLimits
from knowledge.models import KnowledgeBase
from knowledge.search import SearchIndex

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Active:
    """One consistent (knowledge base, index, version) triple; never mutated."""

    kb: KnowledgeBase
    index: SearchIndex
    version: int


class KnowledgeState:
    """Holds the active knowledge base; readers take `state.active` once per request.

    `swap` builds the new index completely before a single reference assignment, so a
    request never sees a knowledge base with the index of another version.
    """

    def __init__(self, kb: KnowledgeBase, version: int = 1, index: SearchIndex | None = None) -> None:
        self._active = Active(kb, index if index is not None else SearchIndex(kb), version)
        self._lock = threading.Lock()
        self.skipped: list[str] = []  # plan files left out when the state was built from a folder

    @classmethod
    def from_plans(cls, plans_dir: Path, version: int = 1, limits: ReadLimits = DEFAULT_LIMITS) -> KnowledgeState:
        """Build the state from the plan files in a folder; a file that cannot be read or parsed is
        left out, logged, and named in `skipped`."""
        kb, skipped = build_files_skipping([Path(plans_dir)], limits=limits)
        for line in skipped:
            log.warning("plans folder: %s", line)
        state = cls(kb, version)
        state.skipped = skipped
        return state

    @property
    def active(self) -> Active:
        """The current (kb, index, version); take it once and use it for the whole request."""
        return self._active

    @property
    def kb(self) -> KnowledgeBase:
        """The active knowledge base."""
        return self._active.kb

    @property
    def index(self) -> SearchIndex:
        """The search index of the active knowledge base."""
        return self._active.index

    @property
    def version(self) -> int:
        """The version number of the active knowledge base."""
        return self._active.version

    def swap(self, kb: KnowledgeBase, version: int | None = None,
             index: SearchIndex | None = None) -> Active:
        """Make `kb` active (index built first, then one assignment); returns the previous one."""
        new_index = index if index is not None else SearchIndex(kb)
        with self._lock:  # serialise writers; readers never lock
            previous = self._active
            self._active = Active(kb, new_index, version if version is not None else previous.version + 1)
        return previous
