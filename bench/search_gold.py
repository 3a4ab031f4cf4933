"""Shared by the search benchmarks: gold files, the hit rule, and a knowledge base built from gold.

The gold-built knowledge base exists only for measuring (the search in isolation from the
extractors); the product always searches what the builder extracted.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from knowledge.builder import BUNDLED_PLANS  # noqa: E402
from knowledge.models import (  # noqa: E402
    Document,
    Indicator,
    KnowledgeBase,
    Section,
    Task,
    Term,
    Value,
)
from knowledge.search import Hit  # noqa: E402

GOLD = Path(os.environ.get("PLANBOT_GOLD", ROOT / "tests" / "data" / "gold"))
KIND = {"indicator": "indicator", "task": "task", "section": "section", "glossary": "term"}
GOLD_STYLES = ["exact", "abbreviation", "typo", "question", "paraphrase", "pinyin", "mixed"]


def gold(name: str) -> list[dict]:
    """One gold file (documents, sections, indicators, tasks, glossary, queries-dev)."""
    path = GOLD / f"{name}.json"
    if not path.exists():
        raise SystemExit(f"gold file missing: {path} (copy ../shared/gold into tests/data/gold "
                         "or set PLANBOT_GOLD)")
    return json.loads(path.read_text(encoding="utf-8"))


def gold_lines() -> dict[str, set[int]]:
    """Every gold item's lines by id: its line, and for a table row all the lines of the row."""
    lines: dict[str, set[int]] = {}
    for name in ("indicators", "tasks", "sections", "glossary"):
        for item in gold(name):
            ls = {item["line"]}
            for key in ("row_line", "baseline_line", "target_line", "attribute_line"):
                if item.get(key):
                    ls.add(item[key])
            lines[item["id"]] = ls
    return lines


def is_hit(hit: Hit, expect: dict, lines: dict[str, set[int]]) -> bool:
    """The hit rule of tests/data/gold/README.md: same file, same kind, one of the item's lines."""
    if hit.doc != expect["file"] or hit.kind != KIND[expect["type"]]:
        return False
    ours = {hit.line} | set(getattr(hit.item, "lines", None) or [])
    return bool(ours & lines[expect["id"]])


def _value(v: dict | None) -> Value | None:
    if not v:
        return None
    try:
        num = float(v["number"])
    except (KeyError, TypeError, ValueError):
        num = None  # ranges such as "1-2" have no single number
    return Value(year=v.get("year"), value=str(v.get("value")), number=num)


def gold_kb() -> KnowledgeBase:
    """A knowledge base assembled from the gold annotations (measurement only)."""
    texts = {p.name: p.read_text(encoding="utf-8").splitlines() for p in sorted(BUNDLED_PLANS.glob("*.txt"))}
    kb = KnowledgeBase(texts=texts)
    for d in gold("documents"):
        kb.documents.append(Document(id=d["file"][:3], file=d["file"], title=d["title"],
                                     issuer=d.get("issuer"), kind=d["kind"], year=d.get("year"),
                                     period=tuple(d["period"]) if d.get("period") else None))
    for s in gold("sections"):
        kb.sections.append(Section(id=s["id"], doc=s["file"], number=s.get("number"), title=s["title"],
                                   level=s["level"], line=s["line"], parent=s.get("parent")))
    for i in gold("indicators"):
        ls = sorted({i["line"]} | {i[k] for k in ("row_line", "baseline_line", "target_line",
                                                  "attribute_line") if i.get(k)})
        kb.indicators.append(Indicator(id=i["id"], doc=i["file"], name=i["name"], unit=i.get("unit"),
                                       baseline=_value(i.get("baseline")), target=_value(i.get("target")),
                                       growth=i.get("growth"), attribute=i.get("attribute"),
                                       category=i.get("category"), source=i["source"],
                                       line=i["line"], lines=ls))
    tasks = gold("tasks")
    for t in tasks:
        line = texts[t["file"]][t["line"] - 1] if t["line"] <= len(texts[t["file"]]) else ""
        # Several lead-phrase tasks share one paragraph: each task's text runs to the next one.
        start = max(0, line.find(t["title"]))
        ends = [p for o in tasks if o["file"] == t["file"] and o["line"] == t["line"] and o is not t
                for p in [line.find(o["title"])] if p > start]
        line = line[start:min(ends, default=len(line))]
        deadline = None
        if t.get("deadline"):
            import datetime as dt
            deadline = dt.date.fromisoformat(t["deadline"])
        kb.tasks.append(Task(id=t["id"], doc=t["file"], number=t.get("number"), title=t["title"],
                             text=line, deadline=deadline, line=t["line"]))
    for g in gold("glossary"):
        line = texts[g["file"]][g["line"] - 1]
        kb.terms.append(Term(id=g["id"], doc=g["file"], term=g["term"], definition=line, line=g["line"]))
    return kb


def real_kb() -> KnowledgeBase:
    """The knowledge base the product builds from the bundled plans."""
    from knowledge.builder import build_bundled

    return build_bundled()


def load_kb(source: str) -> KnowledgeBase:
    """`real` (the builder's output) or `gold` (assembled from annotations)."""
    return gold_kb() if source == "gold" else real_kb()


def rank_of(hits: list[Hit], expect: list[dict], lines: dict[str, set[int]]) -> int | None:
    """1-based rank of the first hit that is one of the expected gold items (None: not in the list)."""
    for r, hit in enumerate(hits, 1):
        if any(is_hit(hit, e, lines) for e in expect):
            return r
    return None


def evaluate_gold(search: Callable[[str], list[Hit]], queries: list[dict], lines: dict[str, set[int]],
                  show_misses: bool = True, label: str = "ours") -> dict[str, dict[str, float]]:
    """The development queries' table (gold format): per style and overall n, hit@1, hit@3, MRR;
    no-answer accuracy. Prints it and returns it (used by bench_search.py)."""
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
    for style in [*GOLD_STYLES, "overall"]:
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
