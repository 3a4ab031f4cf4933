"""Score the search on the realistic questions (bench/queries/realistic.json), beside BM25 over jieba.

    python bench/eval_search.py                         # tune and held-out tables, ours beside BM25
    python bench/eval_search.py --split tune --misses   # the tuning half, with every miss of ours
    python bench/eval_search.py --split all             # one table over all questions
    python bench/eval_search.py --queries tests/data/gold/queries-dev.json   # the old development set
    python bench/eval_search.py --plans DIR_OR_FILE ... --json /tmp/figures.json

Hit rule and measures: bench/queries/README.md. Held-out figures are reported, never tuned on; their
misses are printed only with --show-heldout-misses, and whoever looks must say so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_common import BM25Items, EvalHit, OurSearch, build_kb, kb_summary  # noqa: E402
from search_gold import evaluate_gold as evaluate  # noqa: E402,F401  (bench_search.py imports it from here)

HERE = Path(__file__).resolve().parent
DEFAULT_QUERIES = HERE / "queries" / "realistic.json"
# A question this close (rapidfuzz ratio, 0-100) to one of an earlier set is asked again, not new.
NEAR_DUPLICATE = 80
STYLES = ["figure", "place", "year", "abbreviation", "everyday", "list", "deadline", "structure", "count",
          "definition", "typo", "pinyin", "no_answer"]
HELDOUT_LABEL = "held-out (report only, never tune)"
METRICS = [("hit@1", "hit@1"), ("hit@3", "hit@3"), ("mrr", "MRR"), ("recall@10", "list rec@10"),
           ("na_refused", "no-ans refused"), ("wrong@1", "wrong@1"), ("ans_refused", "ans refused")]
STRICT_METRICS = [("strict_hit@1", "hit@1"), ("strict_hit@3", "hit@3"), ("strict_mrr", "MRR")]


@dataclass
class Outcome:
    """One system's answer to one question, scored."""

    hits: list[EvalHit]
    rank: int | None
    strict_rank: int | None
    recall: float | None  # list questions only


def _realistic_match(hit: EvalHit, e: dict, strict: bool) -> bool:
    if hit.doc != e["file"]:
        return False
    if strict and e["kind"] != "passage" and hit.kind != e["kind"]:
        return False
    return bool(hit.all_lines() & ({e["line"]} | set(e.get("lines") or [])))


class Matcher:
    """The hit rule: realistic format (any kind, and kind-strict) or the old gold format (kind-strict)."""

    def __init__(self, gold_format: bool) -> None:
        self.gold_format = gold_format
        if gold_format:
            from search_gold import gold_lines, is_hit

            self._lines, self._is_hit = gold_lines(), is_hit

    def match(self, hit: EvalHit, e: dict, strict: bool) -> bool:
        """Does this hit answer this expectation?"""
        if not self.gold_format:
            return _realistic_match(hit, e, strict)
        view = SimpleNamespace(doc=hit.doc, kind=hit.kind, line=hit.line,
                               item=SimpleNamespace(lines=sorted(hit.all_lines())))
        return self._is_hit(view, e, self._lines)


def score(hits: list[EvalHit], q: dict, m: Matcher, k: int) -> Outcome:
    """Rank of the first right hit (any kind and kind-strict) and, for a list, recall in the top k."""
    def first(strict: bool) -> int | None:
        return next((r for r, h in enumerate(hits, 1) if any(m.match(h, e, strict) for e in q["expect"])), None)

    recall = None
    if q.get("list") and q["expect"]:
        found = sum(1 for e in q["expect"] if any(m.match(h, e, False) for h in hits[:k]))
        recall = found / min(len(q["expect"]), k)
    return Outcome(hits, first(False), first(True), recall)


def aggregate(rows: list[tuple[dict, Outcome]]) -> dict[str, float | int | None]:
    """The measures over a group of questions (None where the group has no question it applies to)."""
    ans = [(q, o) for q, o in rows if q["expect"]]
    nah = [(q, o) for q, o in rows if not q["expect"]]
    lists = [o.recall for q, o in ans if o.recall is not None]

    def share(pairs: list, pred) -> float | None:  # noqa: ANN001
        return sum(1 for p in pairs if pred(*p)) / len(pairs) if pairs else None

    wrong = sum(1 for q, o in ans if o.hits and o.rank != 1) + sum(1 for q, o in nah if o.hits)
    return {
        "n": len(rows), "answerable": len(ans), "no_answer": len(nah),
        "hit@1": share(ans, lambda q, o: o.rank == 1),
        "hit@3": share(ans, lambda q, o: o.rank is not None and o.rank <= 3),
        "mrr": sum(1 / o.rank for q, o in ans if o.rank) / len(ans) if ans else None,
        "strict_hit@1": share(ans, lambda q, o: o.strict_rank == 1),
        "strict_hit@3": share(ans, lambda q, o: o.strict_rank is not None and o.strict_rank <= 3),
        "strict_mrr": sum(1 / o.strict_rank for q, o in ans if o.strict_rank) / len(ans) if ans else None,
        "recall@10": sum(lists) / len(lists) if lists else None,
        "lists": len(lists),
        "na_refused": share(nah, lambda q, o: not o.hits),
        "wrong@1": wrong / len(rows) if rows else None,
        "ans_refused": share(ans, lambda q, o: not o.hits),
    }


def _cell(v: float | int | None, mrr: bool) -> str:
    if v is None:
        return "-"
    return f"{v:.3f}" if mrr else f"{v:.0%}"


def table(name: str, questions: list[dict], results: dict[str, dict[str, Outcome]],
          metrics: list[tuple[str, str]]) -> dict[str, dict[str, dict]]:
    """Print one table (styles × measures, each cell ours/bm25) and return the figures."""
    systems = list(results)
    styles = [s for s in STYLES if any(q["style"] == s for q in questions)]
    styles += sorted({q["style"] for q in questions} - set(styles))
    figures: dict[str, dict[str, dict]] = {s: {} for s in systems}
    for sys_name in systems:
        for group in [*styles, "overall"]:
            rows = [(q, results[sys_name][q["id"]]) for q in questions if group in ("overall", q["style"])]
            figures[sys_name][group] = aggregate(rows)
    width = 15
    print(f"\n== {name}: {len(questions)} questions; each cell {' / '.join(systems)}")
    print(f"{'style':13} {'n':>4}  " + "".join(f"{label:>{width}}" for _, label in metrics))
    for group in [*styles, "overall"]:
        n = figures[systems[0]][group]["n"]
        cells = []
        for key, _ in metrics:
            vals = [_cell(figures[s][group][key], key.endswith("mrr")) for s in systems]
            cells.append(f"{' / '.join(vals):>{width}}")
        print(f"{group:13} {n:4d}  " + "".join(cells))
    return figures


def print_misses(questions: list[dict], results: dict[str, dict[str, Outcome]], k: int) -> None:
    """Every question our search did not answer right at rank 1 (or a list it did not complete)."""
    ours = results["ours"]
    for q in questions:
        o = ours[q["id"]]
        if q["expect"] and o.rank == 1 and (o.recall is None or o.recall >= 1):
            continue
        if not q["expect"] and not o.hits:
            continue
        got = "; ".join(f"{h.kind}:{h.title[:24]}[{h.doc[:3]}:{h.line}]({h.score:.2f})" for h in o.hits[:3]) or "— (refused)"
        want = ", ".join(f"{e.get('kind', e.get('type'))}:{e['key'][:20]}[{e['file'][:3]}:{e.get('line', '')}]"
                         for e in q["expect"][:4]) or "nothing (no_answer)"
        extra = f" recall={o.recall:.0%}" if o.recall is not None else ""
        print(f"  {q['id']} {q['style']:12} rank={o.rank}{extra}  {q['q']}\n      want {want}\n      got  {got}")


def novel(questions: list[dict], others: list[Path]) -> list[dict]:
    """The questions whose wording is unlike every question of the other files (helpers writing from
    the same plans ask some questions again: 河北区报告后面名词解释一共几条 is in three sets)."""
    from rapidfuzz import fuzz, process

    seen = [q["q"] for path in others for q in json.loads(path.read_text(encoding="utf-8"))]
    kept = [q for q in questions
            if not process.extractOne(q["q"], seen, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE)]
    print(f"novel against {', '.join(map(str, others))}: {len(kept)} of {len(questions)} questions kept")
    return kept


def load_questions(path: Path) -> tuple[list[dict], bool]:
    """The questions and whether they are in the old gold format (expectations by gold item id)."""
    questions = json.loads(path.read_text(encoding="utf-8"))
    gold_format = any("type" in e and "line" not in e for q in questions for e in q.get("expect", []))
    for q in questions:
        q.setdefault("split", None)
        q.setdefault("list", False)
        q.setdefault("today", None)
    return questions, gold_format


def main() -> int:
    """Run both systems on the questions and print the tables."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--queries", type=Path, default=DEFAULT_QUERIES)
    ap.add_argument("--plans", nargs="+", help="plan files or folders (default: the bundled plans)")
    ap.add_argument("--split", choices=["tune", "heldout", "all"], default=None,
                    help="default: the tune half and the held-out half as separate tables")
    ap.add_argument("--limit", type=int, default=10, help="hits asked for per question (K)")
    ap.add_argument("--misses", action="store_true", help="print the questions our search got wrong")
    ap.add_argument("--show-heldout-misses", action="store_true",
                    help="also print held-out misses (then say so in your report: the half is spent)")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument("--novel-against", nargs="+", type=Path, metavar="QUERIES",
                    help="keep only questions unlike every question of these files (rapidfuzz ratio below "
                         f"{NEAR_DUPLICATE}): a new set measured apart from the questions earlier sets share")
    args = ap.parse_args()

    questions, gold_format = load_questions(args.queries)
    if args.novel_against:
        questions = novel(questions, args.novel_against)
    kb = build_kb(args.plans)
    ours, bm25 = OurSearch(kb), BM25Items(kb)
    print(f"questions: {args.queries} ({len(questions)}{', old gold format: kind-strict hit rule' if gold_format else ''})")
    print(f"knowledge base: {', '.join(args.plans) if args.plans else 'bundled plans'} — {kb_summary(kb)}; "
          f"BM25 indexes {len(bm25.items)} items; K={args.limit}; question dates: {ours.today_support}")

    matcher = Matcher(gold_format)
    results: dict[str, dict[str, Outcome]] = defaultdict(dict)
    for q in questions:
        today = dt.date.fromisoformat(q["today"]) if q.get("today") else None
        for name, system in (("ours", ours), ("bm25", bm25)):
            hits = system.search(q["q"], limit=args.limit, today=today)
            results[name][q["id"]] = score(hits, q, matcher, args.limit)

    has_split = all(q.get("split") in ("tune", "heldout") for q in questions)
    if not has_split or args.split == "all":
        groups = [("all questions" if has_split else "all questions (no split recorded)", "all", questions)]
    else:
        wanted = [args.split] if args.split else ["tune", "heldout"]
        groups = [("tune (development: fit and tune on these)" if s == "tune" else HELDOUT_LABEL, s,
                   [q for q in questions if q["split"] == s]) for s in wanted]

    out: dict[str, object] = {"queries": str(args.queries), "limit": args.limit, "kb": kb_summary(kb), "tables": {}}
    for label, key, qs in groups:
        figures = table(label, qs, results, METRICS)
        strict = table(f"{label} — kind-strict (hit kind = expected kind; a passage accepts any)",
                       qs, results, STRICT_METRICS)
        out["tables"][key] = {s: {g: {**figures[s][g], **{k: strict[s][g][k] for k, _ in STRICT_METRICS}}
                                  for g in figures[s]} for s in figures}  # type: ignore[index]
        if args.misses:
            shown = qs
            if has_split and not args.show_heldout_misses:
                shown = [q for q in qs if q["split"] != "heldout"]
                if len(shown) < len(qs):
                    print(f"\n(misses of the {HELDOUT_LABEL} half are not printed; --show-heldout-misses prints them)")
            elif has_split and any(q["split"] == "heldout" for q in shown):
                print("\nWARNING: held-out misses follow. Whoever reads them must say so in their report, "
                      "and the held-out half can no longer be reported as unseen: write a fresh one.")
            if shown:
                print(f"\nmisses of ours — {label}:")
                print_misses(shown, results, args.limit)
    print("\nBM25 never refuses (it always returns its top K), so its refusal figures are 0% by construction.")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
