"""Score the knowledge-base builder against the gold annotations in tests/data/gold/.

Usage:
    python bench/eval_extraction.py                 # the bundled plans
    python bench/eval_extraction.py FILE... [-v]    # other files (scored by file name)

Without FILE it also prints the real-document corpus figures of bench/eval_corpus.py (--no-corpus: not).

Prints, per document and overall, precision and recall of sections, indicators (tier 1 and
all), tasks, exact deadlines, terms, document metadata, and every chrome line that leaked
into an item, with the targets beside the figures. `--verbose` lists misses and false
positives. Measures only: it never fails on a figure (exit code 0 unless the build crashes).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from knowledge import builder, cleaning  # noqa: E402
from knowledge.models import KnowledgeBase  # noqa: E402

GOLD = ROOT / "tests" / "data" / "gold"

TARGETS = {
    "sections P": 0.98, "sections R": 0.98,
    "indicators tier1 R": 0.95, "indicators P": 0.90,
    "tasks R": 0.95, "deadlines exact": 0.95,
}


# ---------------------------------------------------------------- helpers

def norm(text: str | None) -> str:
    """Full-width → half-width, lower case, without brackets' content units, punctuation, spaces."""
    if not text:
        return ""
    t = unicodedata.normalize("NFKC", text).lower()
    t = re.sub(r"[\s\"'“”‘’「」『』《》〈〉【】\[\]()（）,，.。、:：;；!！?？·•…\-—_/|%]", "", t)
    return t


def norm_name(text: str | None) -> str:
    """An indicator name without a bracketed unit such as （亿元） or (%."""
    if not text:
        return ""
    t = unicodedata.normalize("NFKC", text)
    t = re.sub(r"\([^)]*\)?$", "", t.strip())  # trailing (亿元) or unclosed (%
    return norm(t)


def names_match(gold: str, ours: str) -> bool:
    """Gold name inside ours, ours inside gold, or rapidfuzz ratio >= 80."""
    g, o = norm_name(gold), norm_name(ours)
    if not g or not o:
        return False
    return g in o or o in g or fuzz.ratio(g, o) >= 80


def to_float(value: Any) -> float | None:
    try:
        return None if value is None or value == "" else float(value)
    except (TypeError, ValueError):
        return None


def values_match(gold: dict | None, ours: Any) -> bool:
    """Same target: equal parsed numbers, or equal normalised verbatim values."""
    if gold is None:
        return ours is None
    if ours is None:
        return False
    g_num, o_num = to_float(gold.get("number")), to_float(getattr(ours, "number", None))
    if g_num is not None and o_num is not None:
        return abs(g_num - o_num) < 1e-6 * max(1.0, abs(g_num))
    g_val, o_val = norm(gold.get("value")), norm(getattr(ours, "value", None))
    return bool(g_val) and (g_val == o_val or g_val in o_val or o_val in g_val)


def ratio(hit: int, total: int) -> float | None:
    return None if total == 0 else hit / total


def fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def mark(name: str, value: float | None) -> str:
    target = TARGETS.get(name)
    if target is None or value is None:
        return ""
    return f"(target >= {100 * target:.0f}% {'ok' if value >= target - 1e-9 else 'BELOW'})"


@dataclass
class Score:
    """Hits, gold count and extracted count, with the lists behind them."""

    hit_gold: int = 0
    gold: int = 0
    hit_ours: int = 0
    ours: int = 0
    misses: list[str] = field(default_factory=list)
    false_pos: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.hit_gold += other.hit_gold
        self.gold += other.gold
        self.hit_ours += other.hit_ours
        self.ours += other.ours
        self.misses += other.misses
        self.false_pos += other.false_pos

    @property
    def recall(self) -> float | None:
        return ratio(self.hit_gold, self.gold)

    @property
    def precision(self) -> float | None:
        return ratio(self.hit_ours, self.ours)


def load_gold(name: str) -> Any:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- scorers

def score_sections(gold: list[dict], kb: KnowledgeBase, file: str) -> tuple[Score, list[str]]:
    """Sections of levels 1–2 (what gold holds): a hit is the same file and the same line.

    Level-0 parts (attachment markers such as 附件) and level 3+ (专栏 boxes, deeper headings)
    are outside the gold's scope and not scored. Also returns level/number/title/parent notes.
    """
    g = [s for s in gold if s["file"] == file]
    ours = [s for s in kb.sections if s.doc == file and 1 <= s.level <= 2]
    g_lines = {s["line"]: s for s in g}
    o_lines = {s.line: s for s in ours}
    sc = Score(gold=len(g), ours=len(ours))
    sc.hit_gold = sum(1 for line in g_lines if line in o_lines)
    sc.hit_ours = sum(1 for line in o_lines if line in g_lines)
    sc.misses = [f"{file}:{s['line']} L{s['level']} {s['number'] or ''} {s['title']}"
                 for s in g if s["line"] not in o_lines]
    sc.false_pos = [f"{file}:{s.line} L{s.level} {s.number or ''} {s.title}"
                    for s in ours if s.line not in g_lines]
    notes = []
    for line, gs in g_lines.items():
        os_ = o_lines.get(line)
        if os_ is None:
            continue
        if os_.level != gs["level"]:
            notes.append(f"{file}:{line} level {os_.level} (gold {gs['level']})")
        if norm(os_.number) != norm(gs["number"]):
            notes.append(f"{file}:{line} number {os_.number!r} (gold {gs['number']!r})")
        if norm(os_.title) != norm(gs["title"]):
            notes.append(f"{file}:{line} title {os_.title!r} (gold {gs['title']!r})")
        parent = kb.section(os_.parent)
        g_parent = next((p for p in gold if p["id"] == gs["parent"]), None)
        if (parent.line if parent else None) != (g_parent["line"] if g_parent else None):
            notes.append(f"{file}:{line} parent line {parent.line if parent else None} "
                         f"(gold {g_parent['line'] if g_parent else None})")
    return sc, notes


def gold_matches(g: dict, ours: Any) -> bool:
    """A matching name (gold name or display name) and the same target value."""
    names = [g["name"], *([g["display_name"]] if g.get("display_name") else [])]
    return any(names_match(n, ours.name) for n in names) and (
        values_match(g.get("target"), ours.target) or growth_as_target(g, ours.target))


def growth_as_target(gold: dict, ours: Any) -> bool:
    """A growth-only target: the gold keeps it in `growth` with no target (地区生产总值 · growth
    4.5%左右); the builder states the growth as the target (增长4.5%左右, number 4.5), the
    convention of the real-document corpus (tests/data/corpus/README.md). Same number, or for a
    growth in words (正增长) the same words."""
    growth = gold.get("growth")
    if gold.get("target") is not None or not growth or ours is None:
        return False
    number = re.search(r"\d+(?:\.\d+)?", growth)
    o_num = to_float(getattr(ours, "number", None))
    if number is not None and o_num is not None:
        return abs(float(number.group()) - o_num) < 1e-6 * max(1.0, o_num)
    return bool(norm(growth)) and norm(growth) in norm(getattr(ours, "value", None))


def indicator_lines(g: dict) -> set[int]:
    lines = {g["line"]}
    for key in ("row_line", "baseline_line", "target_line", "attribute_line"):
        if g.get(key):
            lines.add(g[key])
    lines.update(g.get("also_lines") or [])
    return lines


def score_indicators(gold: list[dict], kb: KnowledgeBase, file: str,
                     gold_sections: list[dict]) -> dict[str, Score]:
    """Name + target value matching (one-to-one, same line preferred); also a line-only figure."""
    g = [i for i in gold if i["file"] == file]
    ours = [i for i in kb.indicators if i.doc == file]
    used: set[int] = set()
    matched_gold: set[str] = set()
    pairs: list[tuple[dict, Any]] = []
    # Two passes: first candidates on one of the gold item's lines, then anywhere in the file.
    for same_line_only in (True, False):
        for gi in g:
            if gi["id"] in matched_gold:
                continue
            lines = indicator_lines(gi)
            for k, oi in enumerate(ours):
                if k in used:
                    continue
                o_lines = {oi.line, *oi.lines}
                if same_line_only and not (o_lines & lines):
                    continue
                if gold_matches(gi, oi):
                    used.add(k)
                    matched_gold.add(gi["id"])
                    pairs.append((gi, oi))
                    break
    # A repeated mention on one of a gold item's own lines (also_lines) is a correct extraction
    # too: it counts for precision, though recall counts each gold item once.
    for k, oi in enumerate(ours):
        if k not in used and any({oi.line, *oi.lines} & indicator_lines(gi) and gold_matches(gi, oi)
                                 for gi in g):
            used.add(k)
    res = {}
    for label, subset in (("tier1", [x for x in g if x.get("tier") == 1]), ("all", g)):
        sc = Score(gold=len(subset), ours=len(ours), hit_ours=len(used))
        sc.hit_gold = sum(1 for x in subset if x["id"] in matched_gold)
        sc.misses = [f"{file}:{x['line']} {x['name']} → {(x.get('target') or {}).get('value')}"
                     for x in subset if x["id"] not in matched_gold]
        sc.false_pos = [f"{file}:{o.line} {o.name} → {o.target.value if o.target else None}"
                        for k, o in enumerate(ours) if k not in used]
        res[label] = sc
    # Secondary: line only (any of a table row's lines), ignoring names and values.
    all_lines = set().union(*(indicator_lines(x) for x in g)) if g else set()
    line_sc = Score(gold=len(g), ours=len(ours))
    o_all = set().union(*({o.line, *o.lines} for o in ours)) if ours else set()
    line_sc.hit_gold = sum(1 for x in g if indicator_lines(x) & o_all)
    line_sc.hit_ours = sum(1 for o in ours if {o.line, *o.lines} & all_lines)
    res["lines"] = line_sc
    # Citations: the matched item's section chain holds the gold's innermost section.
    sec_sc = Score()
    gold_lines = {x["id"]: x["line"] for x in gold_sections}
    for gi, oi in pairs:
        sec_sc.gold += 1
        want = gold_lines.get(gi["section"][-1]) if gi.get("section") else None
        chain = section_chain(kb, oi.section)
        if (want is None and not chain) or (want is not None and want in chain):
            sec_sc.hit_gold += 1
        else:
            sec_sc.misses.append(f"{file}:{oi.line} {oi.name}: section lines {sorted(chain)} (gold {want})")
    res["section"] = sec_sc
    return res


def section_chain(kb: KnowledgeBase, section_id: str | None) -> set[int]:
    """Lines of a section and all its ancestors."""
    lines: set[int] = set()
    sec = kb.section(section_id)
    while sec is not None:
        lines.add(sec.line)
        sec = kb.section(sec.parent)
    return lines


def section_titles(kb: KnowledgeBase, section_id: str | None) -> set[str]:
    """Normalised titles of a section and all its ancestors."""
    titles: set[str] = set()
    sec = kb.section(section_id)
    while sec is not None:
        titles.add(norm(sec.title))
        sec = kb.section(sec.parent)
    return titles


def score_tasks(gold: list[dict], kb: KnowledgeBase, file: str) -> tuple[Score, Score, Score]:
    """Tasks: same file and line; several on one line are paired by title. Then exact deadlines."""
    g = [t for t in gold if t["file"] == file]
    ours = [t for t in kb.tasks if t.doc == file]
    by_line_g: dict[int, list[dict]] = defaultdict(list)
    by_line_o: dict[int, list[Any]] = defaultdict(list)
    for t in g:
        by_line_g[t["line"]].append(t)
    for t in ours:
        by_line_o[t.line].append(t)
    sc = Score(gold=len(g), ours=len(ours))
    dl = Score()
    pairs: list[tuple[dict, Any]] = []
    for line in sorted(set(by_line_g) | set(by_line_o)):
        gs, os_ = list(by_line_g.get(line, [])), list(by_line_o.get(line, []))
        single = len(gs) == 1 and len(os_) == 1
        cands = sorted(((fuzz.partial_ratio(norm(a["title"]), norm(b.title)), i, j)
                        for i, a in enumerate(gs) for j, b in enumerate(os_)), reverse=True)
        gi_used: set[int] = set()
        oj_used: set[int] = set()
        for score, i, j in cands:
            if i in gi_used or j in oj_used or (not single and score < 60):
                continue
            gi_used.add(i)
            oj_used.add(j)
            pairs.append((gs[i], os_[j]))
        sc.misses += [f"{file}:{line} {gs[i]['title']}" for i in range(len(gs)) if i not in gi_used]
        sc.false_pos += [f"{file}:{line} {os_[j].title}" for j in range(len(os_)) if j not in oj_used]
    sc.hit_gold = sc.hit_ours = len(pairs)
    sec_sc = Score()
    for gt, ot in pairs:
        sec_sc.gold += 1
        titles = section_titles(kb, ot.section)
        if (not gt.get("group") and not titles) or norm(gt.get("group")) in titles:
            sec_sc.hit_gold += 1
        else:
            sec_sc.misses.append(f"{file}:{gt['line']} {gt['title']}: not under {gt.get('group')!r}")
        dl.gold += 1
        ours_dl = ot.deadline.isoformat() if ot.deadline else None
        if ours_dl == gt["deadline"]:
            dl.hit_gold += 1
        else:
            dl.misses.append(f"{file}:{gt['line']} {gt['title']}: {ours_dl} "
                             f"({ot.deadline_text!r}) gold {gt['deadline']} ({gt['deadline_basis']})")
    return sc, dl, sec_sc


def score_terms(gold: list[dict], kb: KnowledgeBase, file: str) -> Score:
    """Terms: same file and line."""
    g = [t for t in gold if t["file"] == file]
    ours = [t for t in kb.terms if t.doc == file]
    g_lines = {t["line"] for t in g}
    o_lines = {t.line for t in ours}
    sc = Score(gold=len(g), ours=len(ours))
    sc.hit_gold = len(g_lines & o_lines)
    sc.hit_ours = sum(1 for t in ours if t.line in g_lines)
    sc.misses = [f"{file}:{t['line']} {t['term']}" for t in g if t["line"] not in o_lines]
    sc.false_pos = [f"{file}:{t.line} {t.term}" for t in ours if t.line not in g_lines]
    return sc


def noise_set(doc: dict) -> set[int]:
    lines = set(doc.get("noise_lines") or [])
    for lo, hi in doc.get("noise_ranges") or []:
        lines.update(range(lo, hi + 1))
    return lines


def chrome_leaks(doc_gold: dict, kb: KnowledgeBase, file: str) -> list[str]:
    """Items whose line(s) or text lie on a gold noise line (and the cleaner missed it)."""
    noise = noise_set(doc_gold)
    if not noise:
        return []
    text = kb.texts.get(file, [])
    chrome = cleaning.chrome_lines(text) if text else set()
    noise_texts = [text[n - 1].strip() for n in sorted(noise)
                   if 0 < n <= len(text) and len(text[n - 1].strip()) >= 6]
    leaks: list[str] = []

    def check(kind: str, ident: str, lines: Iterable[int], strings: Iterable[str | None]) -> None:
        bad = sorted(set(lines) & noise)
        if bad:
            leaks.append(f"{file}: {kind} {ident} on noise line(s) {bad}")
        for s in strings:
            for nt in noise_texts:
                if s and nt in s:
                    leaks.append(f"{file}: {kind} {ident} contains noise text {nt[:30]!r}")

    for s in kb.sections:
        if s.doc != file:
            continue
        end = s.end_line or s.line
        inside = [n for n in range(s.line, end + 1)
                  if n in noise and n not in chrome and 0 < n <= len(text) and text[n - 1].strip()]
        check("section", f"{s.line} {s.title[:20]}", [s.line, *inside], [s.title])
    for i in kb.indicators:
        if i.doc == file:
            check("indicator", f"{i.line} {i.name[:20]}", [i.line, *i.lines], [i.name, i.text])
    for t in kb.tasks:
        if t.doc == file:
            check("task", f"{t.line} {t.title[:20]}", [t.line], [t.title, t.text])
    for g in kb.terms:
        if g.doc == file:
            check("term", f"{g.line} {g.term[:20]}", [g.line], [g.term, g.definition])
    d = kb.document(file)
    if d is not None:
        check("document title", d.title[:20], [], [d.title])
    return leaks


def metadata_checks(doc_gold: dict, kb: KnowledgeBase, file: str) -> tuple[int, int, list[str]]:
    """Title (fuzzy), issuer, kind, year and period against the gold document record."""
    d = kb.document(file)
    if d is None:
        return 0, 5, [f"{file}: no document"]
    wrong = []
    gold_titles = [doc_gold["title"], doc_gold.get("short_title") or doc_gold["title"]]
    if not any(norm(t) == norm(d.title) or fuzz.ratio(norm(t), norm(d.title)) >= 90 for t in gold_titles):
        wrong.append(f"title {d.title!r} (gold {doc_gold['title']!r})")
    if (d.issuer or None) != doc_gold.get("issuer"):
        wrong.append(f"issuer {d.issuer!r} (gold {doc_gold.get('issuer')!r})")
    if d.kind != doc_gold["kind"]:
        wrong.append(f"kind {d.kind} (gold {doc_gold['kind']})")
    if d.year != doc_gold.get("year"):
        wrong.append(f"year {d.year} (gold {doc_gold.get('year')})")
    if (list(d.period) if d.period else None) != doc_gold.get("period"):
        wrong.append(f"period {d.period} (gold {doc_gold.get('period')})")
    return 5 - len(wrong), 5, [f"{file}: {w}" for w in wrong]


# ---------------------------------------------------------------- report

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="plan files (default: the bundled plans)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    ap.add_argument("--no-corpus", action="store_true", help="skip the real-document corpus (bench/eval_corpus.py)")
    args = ap.parse_args(argv)

    kb = builder.build_files(args.files) if args.files else builder.build_bundled()
    docs = {d["file"]: d for d in load_gold("documents.json")}
    g_sections, g_ind = load_gold("sections.json"), load_gold("indicators.json")
    g_tasks, g_terms = load_gold("tasks.json"), load_gold("glossary.json")

    totals: dict[str, Score] = defaultdict(Score)
    notes: list[str] = []
    leaks: list[str] = []
    meta_ok = meta_n = 0
    meta_wrong: list[str] = []
    rows = []
    files = [d.file for d in kb.documents]
    for file in files:
        if file not in docs:
            print(f"(no gold for {file}: skipped)")
            continue
        sec, sec_notes = score_sections(g_sections, kb, file)
        ind = score_indicators(g_ind, kb, file, g_sections)
        tsk, dl, tsk_sec = score_tasks(g_tasks, kb, file)
        trm = score_terms(g_terms, kb, file)
        ok, n, wrong = metadata_checks(docs[file], kb, file)
        meta_ok, meta_n = meta_ok + ok, meta_n + n
        meta_wrong += wrong
        doc_leaks = chrome_leaks(docs[file], kb, file)
        leaks += doc_leaks
        notes += sec_notes
        for key, sc in (("sections", sec), ("ind_tier1", ind["tier1"]), ("ind_all", ind["all"]),
                        ("ind_lines", ind["lines"]), ("tasks", tsk), ("deadlines", dl), ("terms", trm),
                        ("ind_section", ind["section"]), ("task_section", tsk_sec)):
            totals[key].add(sc)
        rows.append((file, sec, ind, tsk, dl, trm, ok, n, len(doc_leaks)))

    head = (f"{'document':<26} {'sec P':>6} {'sec R':>6} {'ind1 R':>6} {'indA R':>6} {'ind P':>6} "
            f"{'tsk P':>6} {'tsk R':>6} {'dl ok':>6} {'trm R':>6} {'meta':>5} {'chrome':>6}")
    print(head)
    print("-" * len(head))
    for file, sec, ind, tsk, dl, trm, ok, n, nleak in rows:
        print(f"{file[:26]:<26} {fmt(sec.precision)} {fmt(sec.recall)} {fmt(ind['tier1'].recall)} "
              f"{fmt(ind['all'].recall)} {fmt(ind['all'].precision)} {fmt(tsk.precision)} "
              f"{fmt(tsk.recall)} {fmt(dl.recall)} {fmt(trm.recall)} {ok:>2}/{n:<2} {nleak:>6}")
    print("-" * len(head))
    t = totals
    print("Overall (hits / gold, hits / extracted):")
    lines = [
        ("sections P", t["sections"].precision, f"{t['sections'].hit_ours}/{t['sections'].ours}"),
        ("sections R", t["sections"].recall, f"{t['sections'].hit_gold}/{t['sections'].gold}"),
        ("indicators tier1 R", t["ind_tier1"].recall, f"{t['ind_tier1'].hit_gold}/{t['ind_tier1'].gold}"),
        ("indicators all R", t["ind_all"].recall, f"{t['ind_all'].hit_gold}/{t['ind_all'].gold}"),
        ("indicators P", t["ind_all"].precision, f"{t['ind_all'].hit_ours}/{t['ind_all'].ours}"),
        ("indicators by line R", t["ind_lines"].recall, f"{t['ind_lines'].hit_gold}/{t['ind_lines'].gold}"),
        ("indicators by line P", t["ind_lines"].precision,
         f"{t['ind_lines'].hit_ours}/{t['ind_lines'].ours}"),
        ("tasks P", t["tasks"].precision, f"{t['tasks'].hit_ours}/{t['tasks'].ours}"),
        ("tasks R", t["tasks"].recall, f"{t['tasks'].hit_gold}/{t['tasks'].gold}"),
        ("deadlines exact", t["deadlines"].recall,
         f"{t['deadlines'].hit_gold}/{t['deadlines'].gold} matched tasks"),
        ("indicator sections", t["ind_section"].recall,
         f"{t['ind_section'].hit_gold}/{t['ind_section'].gold} matched items"),
        ("task sections", t["task_section"].recall,
         f"{t['task_section'].hit_gold}/{t['task_section'].gold} matched tasks"),
        ("terms P", t["terms"].precision, f"{t['terms'].hit_ours}/{t['terms'].ours}"),
        ("terms R", t["terms"].recall, f"{t['terms'].hit_gold}/{t['terms'].gold} (target 12/12)"),
        ("metadata fields", ratio(meta_ok, meta_n), f"{meta_ok}/{meta_n}"),
    ]
    for name, value, counts in lines:
        print(f"  {name:<22} {fmt(value)}  {counts:<24} {mark(name, value)}")
    parts = sum(1 for s in kb.sections if s.level == 0)
    deep = sum(1 for s in kb.sections if s.level >= 3)
    print(f"  (sections scored at levels 1-2 as in gold; not scored: {parts} level-0 parts, {deep} level 3+)")
    print(f"  {'chrome leaks':<22} {len(leaks):>5}   (target 0 {'ok' if not leaks else 'BELOW'})")
    print("  (indicators P is against all gold items, tier 1 and 2; a hit needs the same file, a"
          " matching name and the same target value)")
    for leak in leaks:
        print(f"  LEAK {leak}")

    if args.verbose:
        def dump(title: str, items: list[str]) -> None:
            if items:
                print(f"\n{title} ({len(items)}):")
                for item in items:
                    print(f"  {item}")

        dump("Section misses", t["sections"].misses)
        dump("Section false positives", t["sections"].false_pos)
        dump("Section mismatches (level/number/title/parent)", notes)
        dump("Tier-1 indicator misses", t["ind_tier1"].misses)
        dump("Indicator misses (all)", t["ind_all"].misses)
        dump("Indicator false positives", t["ind_all"].false_pos)
        dump("Task misses", t["tasks"].misses)
        dump("Task false positives", t["tasks"].false_pos)
        dump("Deadline mismatches", t["deadlines"].misses)
        dump("Indicator section mismatches", t["ind_section"].misses)
        dump("Task section mismatches", t["task_section"].misses)
        dump("Term misses", t["terms"].misses)
        dump("Term false positives", t["terms"].false_pos)
        dump("Metadata mismatches", meta_wrong)

    if args.json:
        figures = {name: value for name, value, _ in lines}
        figures["chrome leaks"] = len(leaks)
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.files and not args.no_corpus:
        corpus_figures()
    return 0


def corpus_figures() -> None:
    """The same kind of figures on the development corpus of real documents (bench/eval_corpus.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_corpus", Path(__file__).with_name("eval_corpus.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    print("\nDevelopment corpus of real documents (tests/data/corpus, `python bench/eval_corpus.py -v` for failures):")
    module.report(module.run(), verbose=False)


if __name__ == "__main__":
    raise SystemExit(main())
