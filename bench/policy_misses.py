"""Where our search misses at hit@1 on policy questions: it refused, put another passage of the right
document first, or another document; with how many of each BM25 gets right at 1 (a diagnosis, not a score).

    python bench/policy_misses.py bench/queries/policy-fresh2.json bench/queries/policy-fresh3.json
    python bench/policy_misses.py --show 10 bench/queries/policy-fresh*.json

Read only sets already spent (their misses are printed with --show): never a held-out set. The corpus
is read from ../shared/corpus/policy-rag (or $PLANBOT_POLICY_RAG); the script skips without it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_common import OurSearch, build_kb  # noqa: E402
from eval_policy import BM25Chunks, find_corpus, is_hit  # noqa: E402


def main() -> int:
    """Classify the hit@1 misses of the given question files and print the counts."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("questions", nargs="+", type=Path, help="question files (id, q, answer, doc, style)")
    ap.add_argument("--show", type=int, default=0, help="print this many misses of each kind")
    args = ap.parse_args()
    corpus = find_corpus()
    if corpus is None:
        print("policy-rag corpus not found (../shared/corpus/policy-rag or $PLANBOT_POLICY_RAG): skipped")
        return 0
    docs = {p.name: p.read_text(encoding="utf-8") for p in sorted((corpus / "docs").glob("*.txt"))}
    ours, bm25 = OurSearch(build_kb([str(corpus / "docs")])), BM25Chunks(docs)
    counts: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    total = 0
    for path in args.questions:
        for q in json.loads(path.read_text(encoding="utf-8")):
            total += 1
            hits = ours.search(q["q"], limit=3)
            if hits and is_hit(q["answer"], hits[0].text):
                continue
            kind = "refused" if not hits else ("same document" if hits[0].doc == q["doc"] else "other document")
            counts[kind] += 1
            counts[f"{kind}, right at 2–3"] += any(is_hit(q["answer"], h.text) for h in hits[1:3])
            top = bm25.search(q["q"], limit=1)
            counts[f"{kind}, BM25 right at 1"] += bool(top and is_hit(q["answer"], top[0].text))
            if shown[kind] < args.show:
                shown[kind] += 1
                print(f"{path.name} {q['id']} [{kind}] {q['q']}\n    got {hits[0].text[:70] if hits else '—'}")
    misses = sum(counts[k] for k in ("refused", "same document", "other document"))
    print(f"{total} questions, {misses} misses at hit@1")
    for kind in ("same document", "other document", "refused"):
        print(f"  {kind:15} {counts[kind]:4d}   right at 2–3 {counts[kind + ', right at 2–3']:4d}"
              f"   BM25 right at 1 {counts[kind + ', BM25 right at 1']:4d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
