"""Where a document's figures belong: the place of a document, read from its metadata (issuer, title).

Two statements of one indicator describe the same series only when they are about the same place:
大港街's five-year plan and its 2024 work plan, never 大港街 and 新河街道. The place comes from the
document itself — its issuer (河北区人民政府 → 河北区) and the administrative chain its title starts
with (天津市滨海新区大港街道) — never from a list of place names. A document whose place cannot be
told stands alone: nothing is linked to it from another document.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from knowledge.identity import name_key
from knowledge.metadata import admin_chain
from knowledge.models import Document

# An administrative name ends in a level word; what follows it in an issuer is the organ (人民政府,
# 办事处, 发展和改革局 …), which does not change the place.
_LEVEL = re.compile(r"(?:自治区|特别行政区|省|自治州|市|新区|区|县|旗|街道|镇|乡|街)")
# 街 is the everyday short form of 街道 (大港街 = 大港街道): one spelling per place.
_SHORT_FORMS = ((re.compile(r"街道$"), "街"),)
ALONE = "\0"  # prefix of the key of a document whose place is unknown


def place_name(name: str) -> str:
    """The place part of an issuer or administrative name: up to its last level word, short forms unified."""
    cut = 0
    for match in _LEVEL.finditer(name):
        cut = match.end()
    place = name[:cut] if cut else ""
    for pattern, short in _SHORT_FORMS:
        place = pattern.sub(short, place)
    return name_key(place)


def _local_and_parent(doc: Document) -> tuple[str, str | None]:
    """The document's most local place and, when its title names it, the place above it."""
    chain = [p for p in (place_name(t) for t in admin_chain(doc.title)) if p]
    local = place_name(doc.issuer) if doc.issuer else ""
    if not local and chain:
        local = chain[-1]
    parent = None
    if local and local in chain:
        at = chain.index(local)
        parent = chain[at - 1] if at > 0 else None
    return local, parent


def place_keys(documents: Iterable[Document]) -> dict[str, str]:
    """A place key per document file: equal keys mean the same place.

    Documents naming the same local place (大港街) are one place unless their titles name different
    places above it (two 城关镇 of two counties). A document naming only the local place joins the
    others when they agree on the place above; when they do not, it cannot be told which it is,
    and it stands alone. A document naming no place stands alone.
    """
    docs = list(documents)
    found = {d.file: _local_and_parent(d) for d in docs}
    parents: dict[str, set[str]] = defaultdict(set)
    for local, parent in found.values():
        if local and parent:
            parents[local].add(parent)
    keys: dict[str, str] = {}
    for doc in docs:
        local, parent = found[doc.file]
        known = parents.get(local, set())
        if not local:
            keys[doc.file] = ALONE + doc.file
        elif parent is not None:
            keys[doc.file] = f"{parent}/{local}"
        elif len(known) == 1:
            keys[doc.file] = f"{next(iter(known))}/{local}"
        elif not known:
            keys[doc.file] = local
        else:
            keys[doc.file] = ALONE + doc.file
    return keys


def place_label(doc: Document) -> str:
    """The place as people write it (大港街), or "" when the document names none."""
    local = doc.issuer or ""
    cut = 0
    for match in _LEVEL.finditer(local):
        cut = match.end()
    return local[:cut] if cut else ""
