"""The older unspent held-out sets in one run, aggregates only: a change's first test on questions nobody read.

    python bench/eval_unspent.py                # bundled sets and, with ../shared, the policy sets
    python bench/eval_unspent.py --out /tmp/u   # keep each run's figures there

Runs `eval_search.py --split all --json` on every older unspent bundled set and `eval_policy.py` on every
unspent policy-fresh set, never with --misses (no miss of these sets is ever printed), and prints the sums:
right (hit@1 × answerable), right@3, wrong, answerable refused, no-answer refused, the mean list recall; policy
hit@1 and hit@3 × questions. The lists below are the sets bench/queries/README.md names as unspent and older than
the pair measured at a round's end; a set read for its misses leaves them (and joins eval_development.py).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from eval_development import HERE, QUERIES, _bundled_counts, _policy_counts, _run

BUNDLED = [f"fresh{n}" for n in (16, 19, 21, 23, 25, 26, 28, 30, 31, 33, 36, 39, 41, 42, 45, 46, 49, 50, 61, 62, 80,
                                 81, 90, 91, 100, 101, 102, 103, 112, 113, 120, 121, 122, 123)]
POLICY = [f"policy-fresh{n}" for n in (9, 10, 12, 14, 16, 18, 19, 21, 23, 24, 26, 28, 31, 33, 34)]


def _recall(figures: Path) -> float | None:
    """The mean list recall@10 of one bundled run (None without list questions)."""
    return json.loads(figures.read_text(encoding="utf-8"))["tables"]["all"]["ours"]["overall"].get("recall@10")


def main() -> int:
    """Run every older unspent set and print the sums (no misses)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="keep each run's figures in this folder")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="planbot-unspent-"))
    out.mkdir(parents=True, exist_ok=True)
    jobs = [([str(HERE / "eval_search.py"), "--queries", str(QUERIES / f"{name}.json"), "--split", "all",
              "--json", str(out / f"b_{name}.json")], out / f"b_{name}.txt") for name in BUNDLED]
    jobs += [([str(HERE / "eval_policy.py"), "--questions", str(QUERIES / f"{name}.json")], out / f"p_{name}.txt")
             for name in POLICY]
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        list(pool.map(lambda job: _run(*job), jobs))
    bundled: dict[str, int] = {}
    recalls = []
    for figures in sorted(out.glob("b_*.json")):
        for k, v in _bundled_counts(figures).items():
            bundled[k] = bundled.get(k, 0) + v
        if (recall := _recall(figures)) is not None:
            recalls.append(recall)
    mean = f"{100 * sum(recalls) / len(recalls):.1f} %" if recalls else "-"
    print(f"unspent bundled ({len(list(out.glob('b_*.json')))} sets): {bundled}; mean list recall@10 {mean}")
    policy: dict[str, int] = {}
    for output in sorted(out.glob("p_*.txt")):
        for k, v in (_policy_counts(output) or {}).items():
            policy[k] = policy.get(k, 0) + v
    print(f"unspent policy: {policy}" if policy else "unspent policy: skipped (no ../shared corpus)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
