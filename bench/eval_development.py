"""The development figures in one run: every spent question set, summed (tuned on: not results).

    python bench/eval_development.py              # bundled sets and, with ../shared, the policy sets
    python bench/eval_development.py --per-set    # each set's counts too
    python bench/eval_development.py --out /tmp/dev   # keep each run's output (with its misses) there

Bundled: `eval_search.py --split all --json` on every spent fresh set, long-dev.json and the old development
set, and `--split tune` on realistic.json; right = hit@1 × answerable, wrong = wrong@1 × questions, and so on,
from each run's JSON. Policy: `eval_policy.py` on the 120 pairs and every spent policy-fresh set (hit@1 and
hit@3 × questions). Held-out sets are never run here: the lists below hold spent sets only, and a set is
added when it is spent (its misses read). Runs two at a time (the machine has two cores).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries"
# Spent bundled sets (their misses were read to choose changes), beside realistic.json's tune half.
BUNDLED = [*(f"fresh{n}" for n in (5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 20, 22, 24, 27, 29, 32, 34, 35, 37, 38, 40, 43, 44, 47, 48, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 82, 83, 84, 85, 86, 87, 88, 89, 92, 93, 94, 95, 96, 97, 98, 99, 104, 105, 106, 107, 108, 109, 110, 111, 114, 115, 116, 117, 118, 119, 124, 125, 128, 129, 132, 133, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179)),
           "long-dev"]
# Spent policy sets (the corpus's own 120 pairs are run as well).
POLICY = ["policy-fresh", *(f"policy-fresh{n}" for n in (2, 3, 4, 5, 6, 7, 8, 11, 13, 15, 17, 20, 22, 25, 27, 29, 30, 32))]
_OURS = re.compile(r"ours \(SearchIndex[^\n]*?(\d+)\s+([\d.]+)\s+([\d.]+)")


def _run(args: list[str], out: Path) -> None:
    """Run one evaluation, its output kept in `out`."""
    with out.open("w", encoding="utf-8") as f:
        subprocess.run([sys.executable, *args], stdout=f, stderr=subprocess.STDOUT, check=False, cwd=HERE.parent)


def _bundled_counts(figures: Path) -> dict[str, int]:
    """Counts of one bundled run from its JSON figures."""
    tables = json.loads(figures.read_text(encoding="utf-8"))["tables"]
    o = (tables.get("all") or tables.get("tune") or next(iter(tables.values())))["ours"]["overall"]
    answerable, no_answer = o["answerable"], o["no_answer"]
    return {"questions": o["n"], "right": round((o["hit@1"] or 0) * answerable),
            "right@3": round((o["hit@3"] or 0) * answerable), "wrong": round(o["wrong@1"] * o["n"]),
            "answerable refused": round((o["ans_refused"] or 0) * answerable),
            "no-answer refused": round((o["na_refused"] or 0) * no_answer), "no-answer": no_answer}


def _policy_counts(output: Path) -> dict[str, int] | None:
    """hit@1 and hit@3 counts of one policy run from its printed table; None when it skipped."""
    m = _OURS.search(output.read_text(encoding="utf-8"))
    if m is None:
        return None
    n = int(m.group(1))
    return {"questions": n, "hit@1": round(float(m.group(2)) * n), "hit@3": round(float(m.group(3)) * n)}


def main() -> int:
    """Run every development set and print the sums."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-set", action="store_true", help="print each set's counts too")
    ap.add_argument("--out", type=Path, help="keep each run's output (with its misses) in this folder")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="planbot-dev-"))
    out.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[list[str], Path]] = []
    search = [str(HERE / "eval_search.py"), "--misses", "--show-heldout-misses"]
    for name in BUNDLED:
        jobs.append(([*search, "--queries", str(QUERIES / f"{name}.json"), "--split", "all",
                      "--json", str(out / f"b_{name}.json")], out / f"b_{name}.txt"))
    jobs.append(([*search, "--queries", str(HERE.parent / "tests" / "data" / "gold" / "queries-dev.json"),
                  "--split", "all", "--json", str(out / "b_gold.json")], out / "b_gold.txt"))
    jobs.append(([str(HERE / "eval_search.py"), "--misses", "--queries", str(QUERIES / "realistic.json"),
                  "--split", "tune", "--json", str(out / "b_realistic.json")], out / "b_realistic.txt"))
    policy = [str(HERE / "eval_policy.py"), "--misses"]
    jobs.append((policy, out / "p_pairs.txt"))
    for name in POLICY:
        jobs.append(([*policy, "--questions", str(QUERIES / f"{name}.json")], out / f"p_{name}.txt"))
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        list(pool.map(lambda job: _run(*job), jobs))
    bundled: dict[str, int] = {}
    for figures in sorted(out.glob("b_*.json")):
        counts = _bundled_counts(figures)
        if args.per_set:
            print(f"  {figures.stem[2:]:<14} {counts}")
        for k, v in counts.items():
            bundled[k] = bundled.get(k, 0) + v
    print(f"bundled development ({len(list(out.glob('b_*.json')))} sets): {bundled}")
    policy_sum: dict[str, int] = {}
    for output in sorted(out.glob("p_*.txt")):
        hits = _policy_counts(output)
        if hits is None:
            continue
        if args.per_set:
            print(f"  {output.stem[2:]:<16} {hits}")
        for k, v in hits.items():
            policy_sum[k] = policy_sum.get(k, 0) + v
    print(f"policy development: {policy_sum}" if policy_sum else "policy development: skipped (no ../shared corpus)")
    print(f"each run's output (with its misses): {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
