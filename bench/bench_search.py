"""Search latency and quality beside two baselines, on the bundled KB and on a synthetic one 100× larger.

    python bench/bench_search.py              # the knowledge base the builder extracts
    python bench/bench_search.py --kb gold    # a KB assembled from the gold annotations
    python bench/bench_search.py --ours-only --repeat 2   # ours alone (no baselines): two passes in a minute,
                                                          # to compare two versions of the code run by turns

Prints: index build time; latency p50/p95/p99 per query (ours, plain rapidfuzz.process.extract
over all item texts, BM25 over jieba tokens) with each baseline's ratio to ours; and hit@1/hit@3
per query style of all three on the development queries.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import jieba  # noqa: E402
from eval_search import evaluate  # noqa: E402
from rank_bm25 import BM25Okapi  # noqa: E402
from rapidfuzz import process  # noqa: E402
from search_gold import gold, gold_lines, load_kb  # noqa: E402

from knowledge.fuzzy import display_title as _display_title  # noqa: E402
from knowledge.models import KnowledgeBase  # noqa: E402
from knowledge.search import Hit, SearchIndex  # noqa: E402

jieba.setLogLevel(60)


def synthetic(kb: KnowledgeBase, factor: int, seed: int = 7) -> KnowledgeBase:
    """`factor` copies of every document and item; in each copy about a third of the names and
    texts are perturbed (a character replaced, dropped or doubled, a qualifier added)."""
    rng = random.Random(seed)
    alphabet = sorted({ch for lines in kb.texts.values() for line in lines for ch in line if "\u4e00" <= ch <= "\u9fff"})
    qualifiers = ["全区", "新增", "累计", "年度", "重点", "街道", "社区", "全年"]

    def perturb(s: str) -> str:
        if len(s) < 3 or rng.random() > 0.35:
            return s
        i = rng.randrange(len(s))
        op = rng.random()
        if op < 0.35:
            return s[:i] + rng.choice(alphabet) + s[i + 1:]
        if op < 0.55:
            return s[:i] + s[i + 1:]
        if op < 0.7:
            return s[:i] + s[i] + s[i:]
        return rng.choice(qualifiers) + s if op < 0.85 else s + rng.choice(qualifiers)

    out = KnowledgeBase()
    for k in range(factor):
        suffix = f"~{k:03d}"
        for d in kb.documents:
            out.documents.append(d.model_copy(update={"file": d.file + suffix, "id": d.id + suffix}))
        for f, lines in kb.texts.items():
            out.texts[f + suffix] = lines
        for s in kb.sections:
            out.sections.append(s.model_copy(update={"doc": s.doc + suffix, "id": s.id + suffix, "title": perturb(s.title)}))
        for i in kb.indicators:
            out.indicators.append(i.model_copy(update={"doc": i.doc + suffix, "id": i.id + suffix,
                                                       "name": perturb(i.name), "text": perturb(i.text)}))
        for t in kb.tasks:
            out.tasks.append(t.model_copy(update={"doc": t.doc + suffix, "id": t.id + suffix,
                                                  "title": perturb(t.title), "text": perturb(t.text)}))
        for g in kb.terms:
            out.terms.append(g.model_copy(update={"doc": g.doc + suffix, "id": g.id + suffix, "term": perturb(g.term)}))
        for a in kb.actuals:
            out.actuals.append(a.model_copy(update={"doc": a.doc + suffix, "id": a.id + suffix, "name": perturb(a.name)}))
        for p in kb.passages:
            out.passages.append(p.model_copy(update={"doc": p.doc + suffix, "id": p.id + suffix,
                                                     "text": perturb(p.text)}))
    return out


def items_of(kb: KnowledgeBase) -> list[tuple[str, object]]:
    """(kind, item) of every item, in one list, for the baselines."""
    return ([("indicator", i) for i in kb.indicators] + [("task", t) for t in kb.tasks]
            + [("section", s) for s in kb.sections] + [("term", g) for g in kb.terms]
            + [("passage", p) for p in kb.passages])


def item_text(item: object) -> str:
    """What a baseline searches: the item's title plus its text."""
    extra = getattr(item, "text", "") or getattr(item, "definition", "")
    return f"{_display_title(item)} {extra}".strip()  # type: ignore[arg-type]


class RapidfuzzBaseline:
    """Plain `rapidfuzz.process.extract(query, all_item_texts)` (default scorer WRatio)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.items = items_of(kb)
        self.texts = [item_text(it) for _, it in self.items]

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Top `limit` items, never "not found"."""
        return [_hit(self.items[i], score) for _, score, i in process.extract(query, self.texts, limit=limit)]


class BM25Baseline:
    """BM25 (rank-bm25 Okapi) over jieba tokens of the item texts."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.items = items_of(kb)
        self.bm25 = BM25Okapi([jieba.lcut(item_text(it)) or [""] for _, it in self.items])

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Top `limit` items by BM25 score, never "not found"."""
        scores = self.bm25.get_scores(jieba.lcut(query))
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:limit]
        return [_hit(self.items[i], float(scores[i])) for i in order if scores[i] > 0]


def _hit(pair: tuple[str, object], score: float) -> Hit:
    kind, item = pair
    return Hit(kind=kind, id=item.id, doc=item.doc, line=item.line,  # type: ignore[attr-defined]
               title=_display_title(item), score=score, item=item)  # type: ignore[arg-type]


def latency(fn: Callable[[str], object], queries: list[str], repeat: int,
            warm: bool = True) -> tuple[list[float], list[float]]:
    """(wall-clock ms, CPU ms) per call, every query `repeat` times (after a warm-up pass if `warm`).

    CPU time is what the search itself costs; wall-clock adds waiting for a core, which on a
    loaded machine (see the load average printed) dominates the tail.
    """
    for q in queries if warm else []:
        fn(q)
    wall, cpu = [], []
    for _ in range(repeat):
        for q in queries:
            c, t = time.thread_time(), time.perf_counter()
            fn(q)
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.thread_time() - c) * 1000)
    return wall, cpu


def pct(times: list[float], p: float) -> float:
    """The p-th percentile of `times`."""
    qs = statistics.quantiles(times, n=100, method="inclusive")
    return qs[int(p) - 1]


def timed(fn: Callable[[], object]) -> tuple[object, float, float]:
    """(result, wall-clock seconds, CPU seconds) of calling fn."""
    c, t = time.thread_time(), time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t, time.thread_time() - c


def main() -> int:
    """Run the benchmark and print the tables."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kb", choices=["real", "gold"], default="real")
    ap.add_argument("--factor", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--ours-only", action="store_true", help="time our search alone, without the baselines")
    args = ap.parse_args()
    queries = gold("queries-dev")
    # Latency over the old development queries and the realistic ones (timing tunes nothing).
    realistic = json.loads((Path(__file__).resolve().parent / "queries" / "realistic.json").read_text("utf-8"))
    texts = [q["q"] for q in queries] + [q["q"] for q in realistic]
    lines = gold_lines()
    kb = load_kb(args.kb)
    big = synthetic(kb, args.factor)
    print(f"knowledge base: {args.kb}; bundled {len(items_of(kb))} items, "
          f"synthetic ×{args.factor} {len(items_of(big))} items; {len(texts)} queries × {args.repeat}")

    for label, base in (("bundled", kb), (f"×{args.factor}", big)):
        ours, t_ours, c_ours = timed(lambda b=base: SearchIndex(b).warm())
        # Memory in a second build: tracemalloc slows allocation several times over.
        tracemalloc.start()
        kept = SearchIndex(base).warm()
        memory = tracemalloc.get_traced_memory()[0] / 2**20
        del kept
        tracemalloc.stop()
        lat = {"ours": latency(lambda q, o=ours: o.search(q, 10), texts, args.repeat)}  # type: ignore[attr-defined]
        builds = f"ours {t_ours:.2f} / {c_ours:.2f} s"
        if not args.ours_only:
            rf, t_rf, c_rf = timed(lambda b=base: RapidfuzzBaseline(b))
            bm, t_bm, c_bm = timed(lambda b=base: BM25Baseline(b))
            builds += f"   rapidfuzz {t_rf:.2f} / {c_rf:.2f} s   bm25 {t_bm:.2f} / {c_bm:.2f} s"
            # The baselines hold no caches worth warming and are slow at scale: one pass each.
            lat["rapidfuzz"] = latency(lambda q, r=rf: r.search(q, 10), texts, 1, warm=False)  # type: ignore[attr-defined]
            lat["bm25"] = latency(lambda q, b=bm: b.search(q, 10), texts, 1, warm=False)  # type: ignore[attr-defined]
        print(f"\n== {label}: index build (wall / CPU)  {builds}"
              f"   (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores); "
              f"our index holds {memory:.0f} MiB (tracemalloc)")
        for clock, which in (("wall-clock", 0), ("CPU", 1)):
            ref = {p: pct(lat["ours"][which], p) for p in (50, 95, 99)}
            print(f"   {clock:10} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9}   ratio to ours (p50/p95/p99)")
            for name, times in lat.items():
                ps = [pct(times[which], p) for p in (50, 95, 99)]
                ratio = "/".join(f"{v / ref[p]:.1f}×" for v, p in zip(ps, (50, 95, 99), strict=True))
                print(f"   {name:10} {ps[0]:9.2f} {ps[1]:9.2f} {ps[2]:9.2f}   {ratio}")

    if args.ours_only:
        return 0
    print("\n== quality on the development queries (bundled knowledge base)")
    ours = SearchIndex(kb)
    rf = RapidfuzzBaseline(kb)
    bm = BM25Baseline(kb)
    tables = {
        "ours": evaluate(lambda q: ours.search(q, 10).hits, queries, lines, show_misses=False, label="ours"),
        "rapidfuzz": evaluate(lambda q: rf.search(q, 10), queries, lines, show_misses=False, label="rapidfuzz"),
        "bm25": evaluate(lambda q: bm.search(q, 10), queries, lines, show_misses=False, label="bm25"),
    }
    print(f"\n   {'style':13} " + " ".join(f"{n + ' @1/@3':>22}" for n in tables))
    for style in tables["ours"]:
        if style == "no_answer":
            continue
        cells = []
        for t in tables.values():
            row = t.get(style, {})
            cells.append(f"{row.get('hit@1', 0):9.1%} / {row.get('hit@3', 0):6.1%}   ")
        print(f"   {style:13} " + " ".join(f"{c:>22}" for c in cells))
    print("   no_answer refused: " + ", ".join(f"{n} {t.get('no_answer', {}).get('accuracy', 0):.0%}"
                                             for n, t in tables.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
