"""Score knowledge.cleaning.chrome_lines against the gold chrome lines of the bundled plans.

Run: python bench/eval_chrome.py  — prints per-document and overall precision and recall of
chrome lines (non-blank lines only; the gold lists no blank lines), and each miss/false flag.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.cleaning import chrome_lines  # noqa: E402
from knowledge.readers import read_file  # noqa: E402


def gold_chrome(doc: dict, lines: list[str]) -> set[int]:
    """The gold chrome lines of one document, blank lines left out."""
    found = set(doc.get("noise_lines", []))
    for start, end in doc.get("noise_ranges", []):
        found |= set(range(start, end + 1))
    return {n for n in found if lines[n - 1].strip()}


def main() -> None:
    """Print the scores."""
    gold = json.loads((ROOT / "tests/data/gold/documents.json").read_text(encoding="utf-8"))
    tp = fp = fn = 0
    for doc in gold:
        lines = read_file(ROOT / "knowledge/plans" / doc["file"])
        want = gold_chrome(doc, lines)
        got = {n for n in chrome_lines(lines) if lines[n - 1].strip()}
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
        print(f"{doc['file']}: gold {len(want)}, flagged {len(got)}, hits {len(want & got)}")
        for n in sorted(got - want):
            print(f"   false flag {n}: {lines[n - 1].strip()[:60]}")
        for n in sorted(want - got):
            print(f"   missed     {n}: {lines[n - 1].strip()[:60]}")
    print(f"overall: precision {tp / max(tp + fp, 1):.3f}, recall {tp / max(tp + fn, 1):.3f} "
          f"(tp={tp} fp={fp} fn={fn})")


if __name__ == "__main__":
    main()
