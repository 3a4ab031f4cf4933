"""Structure counts on documents whose line breaks were removed (the policy-rag one-line texts).

Usage:
    python bench/eval_unbroken.py            # ../shared/corpus/policy-rag/docs when present
    python bench/eval_unbroken.py FILE...    # other files
    python bench/eval_unbroken.py -v         # also the sections and tasks of each document

Prints, per document, its length, the title, kind, year and issuer the builder read, and how
many sections, tasks (with units), indicators and terms it found. These texts have no gold:
the figures are development counts to read beside the items themselves (`-v`), never a score.
Skips (exit 0) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge import builder  # noqa: E402

CORPUS = ROOT.parent.parent / "shared" / "corpus" / "policy-rag" / "docs"
DEFAULT = CORPUS if CORPUS.is_dir() else Path("/work/shared/corpus/policy-rag/docs")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    files = args.files or ([DEFAULT] if DEFAULT.is_dir() else [])
    if not files:
        print("policy-rag corpus not found: skipped")
        return 0
    kb = builder.build_files(files)
    totals = {"sections": 0, "tasks": 0, "units": 0, "indicators": 0, "terms": 0}
    no_sections = 0
    print(f"{'file':8} {'chars':>6} {'sec':>4} {'tsk':>4} {'unit':>4} {'ind':>4} {'trm':>4}  kind / year / issuer / title")
    for doc in kb.documents:
        secs = [s for s in kb.sections if s.doc == doc.file]
        tasks = [t for t in kb.tasks if t.doc == doc.file]
        inds = [i for i in kb.indicators if i.doc == doc.file]
        terms = [g for g in kb.terms if g.doc == doc.file]
        units = sum(1 for t in tasks if t.units)
        chars = sum(len(line) for line in kb.texts.get(doc.file, []))
        counts = {"sections": len(secs), "tasks": len(tasks), "units": units,
                  "indicators": len(inds), "terms": len(terms)}
        for key, value in counts.items():
            totals[key] += value
        no_sections += not secs
        print(f"{doc.file[:8]:8} {chars:6d} {len(secs):4d} {len(tasks):4d} {units:4d} {len(inds):4d} "
              f"{len(terms):4d}  {doc.kind} / {doc.year} / {doc.issuer} / {doc.title[:40]}")
        if args.verbose:
            for s in secs:
                print(f"    S L{s.level} {s.line}:{getattr(s, 'offset', 0)} {s.number or ''} {s.title[:40]}")
            for t in tasks:
                print(f"    T {t.line}:{getattr(t, 'offset', 0)} {t.title[:30]} | {t.deadline} "
                      f"{t.deadline_text or t.deadline_kind} | {'、'.join(t.units)[:40]}")
            for i in inds:
                target = i.target.value if i.target else None
                print(f"    I {i.line}:{getattr(i, 'offset', 0)} {i.name[:30]} = {target}")
    print(f"\n{len(kb.documents)} documents, {no_sections} without sections; totals: "
          + ", ".join(f"{k} {v}" for k, v in totals.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
