"""Score the builder on the development corpus of real documents (tests/data/corpus/, issue 10).

Usage:
    python bench/eval_corpus.py [-v] [--only STEM ...] [--json FILE] [--write-baseline]

Each document is built alone with `knowledge.builder.build_files` and every expectation in
`tests/data/corpus/expect/*.json` (and `expect/policy-rag/*.json`) is one check. Prints, per document
and overall, checks met / total per category and the share met; `-v` lists every failed check with
what was built instead. Measures only: exit code 0 unless the corpus is missing.

Where the documents are: `$PLANBOT_CORPUS_DOCS`, else `tests/data/corpus/docs/` (local, git-ignored),
else `../shared/corpus/plans-dev/docs/` beside the repository (or its parent). The policy-rag ones:
`$PLANBOT_POLICY_RAG/docs`, else `../shared/corpus/policy-rag/docs/`. A document not found is listed
as skipped and counts nowhere.

Matching rules (norm = NFKC, lower case, without spaces and punctuation; brackets dropped, their
content kept; norm_name also drops a trailing bracketed unit such as （万平方米）):
- metadata (one check each, an expectation of null is not checked):
  kind and year equal; period equal as a pair (null == none); title and issuer: the normalised
  expectation (or one of `title_alternatives` / `issuer_alternatives`) contained in the built value or
  the built value (non-empty) contained in it.
- section: a built section whose number matches (normalised equal, or none expected) and whose
  title matches (normalised equal, or one contains the other).
- indicator: a built indicator, not used by another expectation, whose name matches and whose target
  matches. Names match when rapidfuzz ratio of norm_name >= 85, or the expected name is contained in the
  built one with at most 10 more characters, or the built one is contained in the expected one and has
  at least 70% of its length, or the same characters appear in another order (ratio of the sorted
  characters >= 90, lengths within 2). Targets match on the number (relative tolerance 1e-6) when the
  expectation has one; for a qualitative target (number null) the normalised texts must contain one
  another (the shorter at least half the longer).
- task: met when some built task whose title or text contains the normalised expected title has
  (a) the expected deadline (ISO date equal; an expected null accepts no deadline or a rule-based one,
  not an explicit one) and (b) the expected units: the union of built `units` and `lead_units`
  equals the expected `units` as a set, and built `lead_units` equals the expected `lead_units`
  (units null: not checked). Verbose output says which part failed.
- term: a built term with the same normalised name whose definition starts with `definition_start`.
- not_indicator: met when no built indicator's norm_name equals it or has ratio >= 90 with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from knowledge import builder  # noqa: E402
from knowledge.models import KnowledgeBase  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
EXPECT = CORPUS / "expect"
BASELINE = CORPUS / "baseline.json"
CATEGORIES = ("meta", "sections", "indicators", "tasks", "terms", "not_indicators")
_PUNCT = re.compile(r"[\s\"'“”‘’「」『』《》〈〉【】〔〕\[\]()（）,，.。、:：;；!！?？·•…\-—－_/|%％]")


# ---------------------------------------------------------------- where the documents are

def _candidates(env: str, shared: str, local: Path | None) -> list[Path]:
    """Folders to look in: the environment variable's, the local one, then ../shared (or ../../shared)."""
    found: list[Path] = []
    if os.environ.get(env):
        base = Path(os.environ[env])
        found.append(base / "docs" if env == "PLANBOT_POLICY_RAG" else base)
    if local is not None:
        found.append(local)
    return found + [ROOT.parent / "shared" / shared, ROOT.parent.parent / "shared" / shared]


def doc_path(expect_file: Path, name: str) -> Path | None:
    """The document an expectation file is about, or None when it is not on this machine."""
    if expect_file.parent.name == "policy-rag":
        dirs = _candidates("PLANBOT_POLICY_RAG", "corpus/policy-rag/docs", None)
    else:
        dirs = _candidates("PLANBOT_CORPUS_DOCS", "corpus/plans-dev/docs", CORPUS / "docs")
    return next((d / name for d in dirs if (d / name).is_file()), None)


def expectation_files() -> list[Path]:
    """All expectation files: the found documents first, then the policy-rag ones."""
    return sorted(EXPECT.glob("*.json")) + sorted((EXPECT / "policy-rag").glob("*.json"))


def stem_of(expect_file: Path) -> str:
    """The key a document has in the baseline and in the output."""
    return ("policy-rag/" if expect_file.parent.name == "policy-rag" else "") + expect_file.stem


# ---------------------------------------------------------------- matching helpers

def norm(text: Any) -> str:
    """Full-width to half-width, lower case, without spaces and punctuation (brackets' content kept)."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", str(text or "")).lower())


def norm_name(text: str | None) -> str:
    """An indicator name without a trailing bracketed unit such as （万平方米）."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    return norm(re.sub(r"\([^()]*\)?$", "", t))


def contains_either(expected: str, built: str) -> bool:
    """One normalised text contains the other (the built one non-empty)."""
    e, b = norm(expected), norm(built)
    return bool(e) and bool(b) and (e in b or b in e)


def names_match(expected: str, built: str) -> bool:
    """The fuzzy name rule of the docstring."""
    e, b = norm_name(expected), norm_name(built)
    if not e or not b:
        return False
    if fuzz.ratio(e, b) >= 85 or (e in b and len(b) <= len(e) + 10) or (b in e and len(b) >= 0.7 * len(e)):
        return True
    return abs(len(e) - len(b)) <= 2 and fuzz.ratio("".join(sorted(e)), "".join(sorted(b))) >= 90


def target_matches(expected: dict | None, built: Any) -> bool:
    """Same number, or for a qualitative target the same words."""
    if expected is None or built is None:
        return False
    number = expected.get("number")
    if number is not None:
        got = getattr(built, "number", None)
        return got is not None and abs(float(got) - float(number)) <= 1e-6 * max(1.0, abs(float(number)))
    e, b = norm(expected.get("value")), norm(getattr(built, "value", None))
    if not e or not b:
        return False
    short, long_ = sorted((e, b), key=len)
    return short in long_ and len(short) >= 0.5 * len(long_)


# ---------------------------------------------------------------- checks

@dataclass
class Result:
    """Checks met and failed per category for one document."""

    met: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failures: list[str] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def check(self, category: str, ok: bool, failure: str) -> None:
        self.total[category] += 1
        if ok:
            self.met[category] += 1
        else:
            self.failures.append(f"[{category}] {failure}")

    @property
    def share(self) -> float:
        total = sum(self.total.values())
        return sum(self.met.values()) / total if total else 1.0


def check_meta(exp: dict, kb: KnowledgeBase, file: str, res: Result) -> None:
    doc = kb.document(file)
    if doc is None:
        for key in ("kind", "year", "period", "title", "issuer"):
            if exp.get(key) is not None or key == "period":
                res.check("meta", False, f"{key}: no document built")
        return
    res.check("meta", doc.kind == exp["kind"], f"kind {doc.kind} (expected {exp['kind']})")
    if exp.get("year") is not None:
        res.check("meta", doc.year == exp["year"], f"year {doc.year} (expected {exp['year']})")
    got_period = list(doc.period) if doc.period else None
    res.check("meta", got_period == exp.get("period"), f"period {got_period} (expected {exp.get('period')})")
    for key in ("title", "issuer"):
        if exp.get(key) is not None:
            got = getattr(doc, key)
            accepted = [exp[key], *exp.get(f"{key}_alternatives", [])]
            res.check("meta", any(contains_either(a, got or "") for a in accepted),
                      f"{key} {got!r} (expected {' or '.join(map(repr, accepted))})")


def check_sections(exp: dict, kb: KnowledgeBase, file: str, res: Result) -> None:
    built = [s for s in kb.sections if s.doc == file]
    for s in exp["sections"]:
        ok = any((not s["number"] or norm(s["number"]) == norm(b.number))
                 and (norm(s["title"]) == norm(b.title) or contains_either(s["title"], b.title)) for b in built)
        res.check("sections", ok, f"{s['number'] or ''}{s['title']} (L{s['level']}) not found")


def check_indicators(exp: dict, kb: KnowledgeBase, file: str, res: Result) -> None:
    built = [i for i in kb.indicators if i.doc == file]
    res.notes["built indicators"] = len(built)
    used: set[int] = set()
    for e in exp["indicators"]:
        hit = next((k for k, b in enumerate(built)
                    if k not in used and names_match(e["name"], b.name) and target_matches(e["target"], b.target)), None)
        if hit is not None:
            used.add(hit)
            res.check("indicators", True, "")
            continue
        near = [f"{b.name} → {b.target.value if b.target else None}" for b in built if names_match(e["name"], b.name)]
        res.check("indicators", False, f"{e['name']} → {e['target']['value']}: "
                  + (f"same name built as {near[:3]}" if near else "no indicator of that name"))


def _deadline_ok(expected: str | None, task: Any) -> bool:
    got: dt.date | None = task.deadline
    if expected is None:
        return got is None or task.deadline_kind != "explicit"
    return got is not None and got.isoformat() == expected


def _units_ok(exp: dict, task: Any) -> bool:
    if exp.get("units") is None:
        return True
    lead = {norm(u) for u in getattr(task, "lead_units", None) or []}
    every = {norm(u) for u in task.units} | lead
    return every == {norm(u) for u in exp["units"]} and lead == {norm(u) for u in exp.get("lead_units") or []}


def check_tasks(exp: dict, kb: KnowledgeBase, file: str, res: Result) -> None:
    built = [t for t in kb.tasks if t.doc == file]
    res.notes["built tasks"] = len(built)
    for e in exp["tasks"]:
        title = norm(e["title"])
        cands = sorted((t for t in built if title and (title in norm(t.title) or title in norm(t.text))),
                       key=lambda t: title not in norm(t.title))
        good = [t for t in cands if _deadline_ok(e["deadline"], t) and _units_ok(e, t)]
        if cands:
            res.notes["tasks found"] += 1
            res.notes["tasks deadline ok"] += any(_deadline_ok(e["deadline"], t) for t in cands)
            res.notes["tasks units ok"] += any(_units_ok(e, t) for t in cands)
        if good or not cands:
            res.check("tasks", bool(good), f"{e['title']}: no task found")
            continue
        t = cands[0]
        why = []
        if not _deadline_ok(e["deadline"], t):
            why.append(f"deadline {t.deadline} ({t.deadline_kind}, {t.deadline_text!r}), expected {e['deadline']} "
                       f"({e['deadline_text']})")
        if not _units_ok(e, t):
            why.append(f"units {t.units} lead {getattr(t, 'lead_units', None)}, expected {e['units']} "
                       f"lead {e.get('lead_units')}")
        res.check("tasks", False, f"{e['title']}: " + "; ".join(why))


def check_terms(exp: dict, kb: KnowledgeBase, file: str, res: Result) -> None:
    built = [t for t in kb.terms if t.doc == file]
    for e in exp.get("terms") or []:
        ok = any(norm(t.term) == norm(e["term"]) and norm(t.definition).startswith(norm(e["definition_start"]))
                 for t in built)
        res.check("terms", ok, f"{e['term']} not found")


def check_not_indicators(exp: dict, kb: KnowledgeBase, file: str, res: Result) -> None:
    names = [i.name for i in kb.indicators if i.doc == file]
    for bad in exp.get("not_indicators") or []:
        hits = [n for n in names if norm_name(n) == norm_name(bad) or fuzz.ratio(norm_name(n), norm_name(bad)) >= 90]
        res.check("not_indicators", not hits, f"{bad!r} became an indicator: {hits[:3]}")


def evaluate(expect_file: Path) -> tuple[Result | None, float, str | None]:
    """Build one document and check its expectations: (result or None when skipped, seconds, error)."""
    exp = json.loads(expect_file.read_text(encoding="utf-8"))
    path = doc_path(expect_file, exp["file"])
    if path is None:
        return None, 0.0, None
    start = time.perf_counter()
    res = Result()
    try:
        kb = builder.build_files([path])
    except Exception as exc:  # noqa: BLE001 - a crash is a measured failure, not the end of the run
        kb, error = KnowledgeBase(), f"{type(exc).__name__}: {exc}"
    else:
        error = None
    seconds = time.perf_counter() - start
    for check in (check_meta, check_sections, check_indicators, check_tasks, check_terms, check_not_indicators):
        check(exp, kb, path.name, res)
    return res, seconds, error


# ---------------------------------------------------------------- report

def fmt(met: int, total: int) -> str:
    return "   -   " if total == 0 else f"{met:>3}/{total:<3}"


def run(only: list[str] | None = None) -> dict[str, tuple[Result | None, float, str | None]]:
    """Evaluate every expectation file (or those whose stem is in `only`)."""
    return {stem_of(f): evaluate(f) for f in expectation_files() if not only or stem_of(f) in only}


def report(results: dict[str, tuple[Result | None, float, str | None]], verbose: bool) -> dict[str, Any]:
    """Print the per-document table and the overall figures; return them as a dict."""
    head = f"{'document':<38} " + " ".join(f"{c[:7]:>7}" for c in CATEGORIES) + "   share   secs"
    print(head)
    print("-" * len(head))
    totals: dict[str, list[int]] = {c: [0, 0] for c in CATEGORIES}
    shares: dict[str, float] = {}
    skipped = []
    for stem, (res, secs, error) in results.items():
        if res is None:
            skipped.append(stem)
            continue
        for c in CATEGORIES:
            totals[c][0] += res.met[c]
            totals[c][1] += res.total[c]
        shares[stem] = res.share
        cells = " ".join(fmt(res.met[c], res.total[c]) for c in CATEGORIES)
        print(f"{stem[:38]:<38} {cells}  {100 * res.share:5.1f}%  {secs:5.2f}" + (f"  ERROR {error}" if error else ""))
    print("-" * len(head))
    met = sum(m for m, _ in totals.values())
    total = sum(t for _, t in totals.values())
    print(f"{'overall':<38} " + " ".join(fmt(*totals[c]) for c in CATEGORIES)
          + (f"  {100 * met / total:5.1f}%" if total else ""))
    print(f"Expectations met: {met}/{total}" + (f" = {100 * met / total:.1f}%" if total else "")
          + f" on {len(shares)} documents (development corpus, target >= 90%)")
    notes: dict[str, int] = defaultdict(int)
    for res, _, _ in results.values():
        for k, v in (res.notes.items() if res else ()):
            notes[k] += v
    print("  (tasks: found {f} of {t}; among found, deadline right for {d}, units right for {u}; built: {bi} indicators, "
          "{bt} tasks)".format(f=notes["tasks found"], t=totals["tasks"][1], d=notes["tasks deadline ok"],
                               u=notes["tasks units ok"], bi=notes["built indicators"], bt=notes["built tasks"]))
    if skipped:
        print(f"Skipped (document not on this machine, see tests/data/corpus/README.md): {', '.join(skipped)}")
    if verbose:
        for stem, (res, _, _) in results.items():
            if res and res.failures:
                print(f"\n{stem} ({len(res.failures)} failed):")
                for failure in res.failures:
                    print(f"  {failure}")
    return {"overall": met / total if total else None, "met": met, "total": total, "documents": shares,
            "categories": {c: {"met": m, "total": t} for c, (m, t) in totals.items()}, "skipped": skipped}


def write_baseline(figures: dict[str, Any]) -> None:
    """Record the per-document shares as the floor the tests hold (tests/test_corpus.py)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=False).stdout.strip()
    except OSError:
        commit = ""
    data = {"commit": commit, "overall": figures["overall"], "met": figures["met"], "total": figures["total"],
            "documents": {k: math.floor(v * 10000) / 10000 for k, v in sorted(figures["documents"].items())}}
    BASELINE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"baseline written: {BASELINE.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every failed check")
    ap.add_argument("--only", nargs="*", help="document stems to run (policy-rag ones as policy-rag/NN)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    ap.add_argument("--write-baseline", action="store_true", help="record per-document shares in baseline.json")
    args = ap.parse_args(argv)
    figures = report(run(args.only), args.verbose)
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.write_baseline:
        if args.only:
            print("--write-baseline needs the whole corpus: not written")
        else:
            write_baseline(figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
