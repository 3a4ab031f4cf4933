"""Score the search on the development queries: hit@1, hit@3, MRR per style and overall, no-answer
accuracy, and every miss.

    python bench/eval_search.py                 # the knowledge base the builder extracts
    python bench/eval_search.py --kb gold       # search alone, on a KB assembled from gold
    python bench/eval_search.py --split         # also report a tuning half and a held-out half
    python bench/eval_search.py --calibrate     # print the score margins behind the threshold
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_gold import gold, gold_lines, is_hit, load_kb  # noqa: E402

from knowledge.search import ANSWER_THRESHOLD, Hit, SearchIndex  # noqa: E402

STYLES = ["exact", "abbreviation", "typo", "question", "paraphrase", "pinyin", "mixed"]


def rank_of(hits: list[Hit], expect: list[dict], lines: dict[str, set[int]]) -> int | None:
    """1-based rank of the first hit that is one of the expected items (None: not in the list)."""
    for r, hit in enumerate(hits, 1):
        if any(is_hit(hit, e, lines) for e in expect):
            return r
    return None


def evaluate(search: Callable[[str], list[Hit]], queries: list[dict], lines: dict[str, set[int]],
             show_misses: bool = True, label: str = "ours") -> dict[str, dict[str, float]]:
    """Per style and overall: n, hit@1, hit@3, MRR; plus no-answer accuracy. Prints a table."""
    per: dict[str, list[int | None]] = defaultdict(list)
    refused: list[bool] = []
    misses: list[str] = []
    for q in queries:
        hits = search(q["q"])
        if q["style"] == "no_answer":
            refused.append(not hits)
            if hits and show_misses:
                misses.append(f"  {q['id']} no_answer  {q['q']}  → answered {hits[0].title} ({hits[0].score:.1f})")
            continue
        r = rank_of(hits, q["expect"], lines)
        per[q["style"]].append(r)
        per["overall"].append(r)
        if (r is None or r > 1) and show_misses:
            top = "; ".join(f"{h.kind}:{h.title}[{h.doc[:3]}:{h.line}]({h.score:.1f})" for h in hits[:3]) or "—"
            want = ", ".join(f"{e['type']}:{e['key']}[{e['file'][:3]}]" for e in q["expect"][:3])
            misses.append(f"  {q['id']} {q['style']:12} rank={r}  {q['q']}\n      want {want}\n      got  {top}")
    table: dict[str, dict[str, float]] = {}
    print(f"\n[{label}]  {'style':13} {'n':>3} {'hit@1':>7} {'hit@3':>7} {'MRR':>6}")
    for style in [*STYLES, "overall"]:
        ranks = per.get(style, [])
        if not ranks:
            continue
        n = len(ranks)
        h1 = sum(1 for r in ranks if r == 1) / n
        h3 = sum(1 for r in ranks if r is not None and r <= 3) / n
        mrr = sum(1 / r for r in ranks if r) / n
        table[style] = {"n": n, "hit@1": h1, "hit@3": h3, "mrr": mrr}
        print(f"[{label}]  {style:13} {n:3d} {h1:7.1%} {h3:7.1%} {mrr:6.3f}")
    if refused:
        acc = sum(refused) / len(refused)
        table["no_answer"] = {"n": len(refused), "accuracy": acc}
        print(f"[{label}]  {'no_answer':13} {len(refused):3d} refused {sum(refused)}/{len(refused)} ({acc:.0%})")
    if misses:
        print(f"[{label}] misses (not first):")
        print("\n".join(misses))
    return table


def calibrate(index: SearchIndex, queries: list[dict], lines: dict[str, set[int]]) -> None:
    """Match quality behind the threshold: for answerable queries the best score of a right item,
    for no-answer queries the best score of anything — the threshold must sit between them."""
    right, wrong = [], []
    for q in queries:
        matched = index._match(index.parse(q["q"]))
        if q["style"] == "no_answer":
            wrong.append((max(matched.values(), default=0.0), q["q"]))
            continue
        good = [s for i, s in matched.items()
                if any(is_hit(index._hit(i, s), e, lines) for e in q["expect"])]
        right.append((max(good, default=0.0), q["q"]))
    right.sort()
    wrong.sort(reverse=True)
    print(f"\nthreshold {ANSWER_THRESHOLD:.2f}")
    print("lowest right-item match of answerable queries:", ", ".join(f"{s:.3f} {t}" for s, t in right[:6]))
    print("highest match of no-answer queries:           ", ", ".join(f"{s:.3f} {t}" for s, t in wrong[:3]))


def main() -> int:
    """Run the evaluation and print the tables."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kb", choices=["real", "gold"], default="real")
    ap.add_argument("--split", action="store_true", help="also score even/odd halves (tune on one, hold out the other)")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--limit", type=int, default=10)
    ap.add_argument("--queries", default=None,
                    help="another query file in the gold format (e.g. bench/queries-extra.json, written "
                         "after tuning as a check on unseen queries)")
    args = ap.parse_args()
    kb = load_kb(args.kb)
    index = SearchIndex(kb)
    queries = (json.loads(Path(args.queries).read_text(encoding="utf-8")) if args.queries
               else gold("queries-dev"))
    lines = gold_lines()
    print(f"knowledge base: {args.kb} — {len(kb.indicators)} indicators, {len(kb.tasks)} tasks, "
          f"{len(kb.sections)} sections, {len(kb.terms)} terms; {len(queries)} queries")

    def search(q: str) -> list[Hit]:
        return index.search(q, limit=args.limit).hits

    evaluate(search, queries, lines)
    if args.split:
        # Split by position within each style so both halves hold every style.
        seen: dict[str, int] = defaultdict(int)
        halves: dict[str, list[dict]] = {"tune": [], "held-out": []}
        for q in queries:
            halves["tune" if seen[q["style"]] % 2 == 0 else "held-out"].append(q)
            seen[q["style"]] += 1
        for name, qs in halves.items():
            evaluate(search, qs, lines, show_misses=False, label=name)
    if args.calibrate:
        calibrate(index, queries, lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
