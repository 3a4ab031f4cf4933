"""Assign every question of realistic.json to `tune` or `heldout`, once.

    python bench/queries/split.py          # writes the split into realistic.json (only if none is recorded)
    python bench/queries/split.py --check  # recomputes it and says whether the recorded split matches

Within each style the questions (in id order) are shuffled with a fixed seed and then alternate
tune, heldout, tune, … so both halves hold every style. The split is recorded in the file and is
never redrawn: a file whose recorded split differs from the computed one is an error, not a reason
to rewrite it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "realistic.json"
SEED = "planbot-realistic-2024"


def compute_split(questions: list[dict]) -> dict[str, str]:
    """Question id → 'tune' | 'heldout', deterministic for a given set of ids and styles."""
    by_style: dict[str, list[str]] = defaultdict(list)
    for q in questions:
        by_style[q["style"]].append(q["id"])
    split: dict[str, str] = {}
    for style, ids in sorted(by_style.items()):
        ids = sorted(ids)
        random.Random(f"{SEED}:{style}").shuffle(ids)
        for k, qid in enumerate(ids):
            split[qid] = "tune" if k % 2 == 0 else "heldout"
    return split


def dump(questions: list[dict]) -> str:
    """One question per line, so a diff shows which questions changed."""
    return "[\n" + ",\n".join(json.dumps(q, ensure_ascii=False) for q in questions) + "\n]\n"


def main() -> int:
    """Record the split (once) or check it."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare the recorded split with the computed one")
    args = ap.parse_args()
    questions = json.loads(QUERIES.read_text(encoding="utf-8"))
    split = compute_split(questions)
    recorded = {q["id"]: q.get("split") for q in questions}
    if any(recorded.values()):
        differ = [qid for qid, s in recorded.items() if s != split[qid]]
        if differ:
            print(f"the recorded split differs from the computed one for {len(differ)} questions "
                  f"({', '.join(differ[:5])}…); the split is never redrawn", file=sys.stderr)
            return 1
        print(f"split already recorded and identical ({len(questions)} questions)")
        return 0
    if args.check:
        print("no split recorded yet")
        return 1
    for q in questions:
        q["split"] = split[q["id"]]
    QUERIES.write_text(dump(questions), encoding="utf-8")
    n = sum(1 for s in split.values() if s == "tune")
    print(f"split recorded: {n} tune, {len(split) - n} heldout")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
