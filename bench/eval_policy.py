"""Our search on an external set: 39 policy documents of 广安市 and 120 question–answer pairs (policy-rag).

    python bench/eval_policy.py              # hit@1/hit@3 of ours and of BM25 over 300-character chunks
    python bench/eval_policy.py --misses     # also the questions our search missed at 3
    python bench/eval_policy.py --split heldout   # only the documents the ranker is not fitted on
    python bench/eval_policy.py --questions bench/queries/policy-fresh.json   # our own questions, by style
    PLANBOT_POLICY_RAG=/path/to/policy-rag python bench/eval_policy.py

The folder (docs/NN.txt, questions.json, README.md) is read from ../shared/corpus/policy-rag when it is
there; the benchmark skips with a message otherwise. The question–answer pairs are never copied into the
repository. Hit criterion (the folder's README): a retrieved text hits when it holds at least 50% of the
distinct character bigrams of the answer (CJK, letters and digits only, after NFKC and lower-casing;
the text cut to its first 1,000 characters). Each hit's contract `text` is tested (the item's own text
when the hit has none).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_common import ROOT, EvalHit, OurSearch, build_kb, kb_summary, tokens  # noqa: E402
from rank_bm25 import BM25Okapi  # noqa: E402

CORPUS = Path("corpus") / "policy-rag"
# The project's own retrievers on 97 of the 120 questions, as its README scores them.
EMBEDDINGS = [
    ("bge-large-zh-v1.5 + bge-reranker-base (README)", 97, 0.680, 0.732),
    ("stella-large-zh-v2 + bge-reranker-base (README)", 97, 0.649, 0.691),
    ("m3e-base + bge-reranker-base (README)", 97, 0.649, 0.691),
    ("m3e-base, 2nd run, 2 chunks (README)", 97, 0.577, 0.598),
]
CHUNK = 300
TEXT_LIMIT = 1000
SPLIT_SEED = "planbot-policy-2026"


def policy_split(doc: str) -> str:
    """'tune' or 'heldout' for a document of the set, fixed by a hash of its file name: the ranker may
    be fitted on the tune documents' questions (bench/fit_ranker.py); the held-out ones are reported."""
    digest = hashlib.sha1(f"{SPLIT_SEED}:{doc}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "heldout"


def find_corpus() -> Path | None:
    """The policy-rag folder: $PLANBOT_POLICY_RAG, or ../shared beside the repository (or its parent)."""
    env = os.environ.get("PLANBOT_POLICY_RAG")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared" / CORPUS, ROOT.parent.parent / "shared" / CORPUS]
    return next((c for c in candidates if (c / "questions.json").exists() and (c / "docs").is_dir()), None)


def bigrams(text: str) -> set[str]:
    """Distinct bigrams over CJK characters, letters and digits (NFKC, lower case, the rest removed)."""
    chars = [c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum()]
    return {a + b for a, b in zip(chars, chars[1:], strict=False)}


def is_hit(answer: str, text: str) -> bool:
    """The README's criterion: the text's first 1,000 characters hold ≥ 50% of the answer's bigrams."""
    want = bigrams(answer)
    if not want:
        return False
    return len(want & bigrams(text[:TEXT_LIMIT])) >= 0.5 * len(want)


def chunks(text: str, size: int = CHUNK) -> list[str]:
    """Sentences packed greedily into chunks of at most `size` characters (a longer sentence is cut)."""
    sentences = [s for s in re.split(r"(?<=[。！？；!?;])", text) if s.strip()]
    out: list[str] = []
    current = ""
    for s in sentences:
        while len(s) > size:
            if current:
                out.append(current)
                current = ""
            out.append(s[:size])
            s = s[size:]
        if len(current) + len(s) > size:
            out.append(current)
            current = ""
        current += s
    if current:
        out.append(current)
    return out


class BM25Chunks:
    """BM25 (rank-bm25 Okapi) over jieba tokens of ~300-character chunks of the documents."""

    def __init__(self, docs: dict[str, str]) -> None:
        self.chunks = [(name, c) for name, text in sorted(docs.items()) for c in chunks(text)]
        self.bm25 = BM25Okapi([tokens(c) or ["∅"] for _, c in self.chunks])

    def search(self, query: str, limit: int = 3) -> list[EvalHit]:
        """The `limit` best chunks."""
        scores = self.bm25.get_scores(tokens(query))
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:limit]
        return [EvalHit(kind="chunk", id=str(i), doc=self.chunks[i][0], line=1, score=float(scores[i]),
                        text=self.chunks[i][1]) for i in order]


def score(name: str, search, questions: list[dict], show_misses: bool,  # noqa: ANN001
          by_style: dict[str, list[tuple[bool, bool]]] | None = None) -> tuple[float, float]:
    """hit@1 and hit@3 of one searcher; prints its misses at 3 when asked; each question's outcome
    is added to `by_style` under its style when given."""
    h1 = h3 = 0
    misses = []
    for q in questions:
        hits = search(q["q"])[:3]
        ok = [is_hit(q["answer"], h.text) for h in hits]
        h1 += bool(ok[:1] and ok[0])
        h3 += any(ok)
        if by_style is not None:
            by_style.setdefault(q.get("style") or "-", []).append((bool(ok[:1] and ok[0]), any(ok)))
        if not any(ok):
            top = hits[0] if hits else None
            misses.append(f"  {q['id']} {q['q'][:50]}\n      got {top.kind + ' ' + top.doc + ': ' + top.text[:60] if top else '— (refused)'}")
    if show_misses and misses:
        print(f"\nmisses at 3 — {name}:")
        print("\n".join(misses))
    return h1 / len(questions), h3 / len(questions)


def main() -> int:
    """Load the documents as plans, ask the questions, print ours beside BM25 and the embeddings."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--questions", type=Path, default=None,
                    help="another question file over the same documents (id, q, answer, doc, style)")
    ap.add_argument("--split", choices=["tune", "heldout", "all"], default="all",
                    help="questions of the tune documents, the held-out documents, or all (default)")
    args = ap.parse_args()
    corpus = find_corpus()
    if corpus is None:
        print("policy-rag corpus not found (../shared/corpus/policy-rag or $PLANBOT_POLICY_RAG): skipped")
        return 0
    source = args.questions or corpus / "questions.json"
    questions = json.loads(source.read_text(encoding="utf-8"))
    if args.split != "all":
        questions = [q for q in questions if policy_split(q["doc"]) == args.split]
    doc_files = sorted((corpus / "docs").glob("*.txt"))
    docs = {p.name: p.read_text(encoding="utf-8") for p in doc_files}
    kb = build_kb([str(corpus / "docs")])
    ours = OurSearch(kb)
    bm25 = BM25Chunks(docs)
    print(f"policy-rag: {len(doc_files)} documents, {len(questions)} questions of {source.name}, split {args.split!r} ({corpus})")
    print(f"knowledge base: {kb_summary(kb)}; BM25: {len(bm25.chunks)} chunks of ≤{CHUNK} characters")

    styles: dict[str, dict[str, list[tuple[bool, bool]]]] = {"ours": {}, "bm25": {}}
    rows = [("ours (SearchIndex, top 3 hits' text)", len(questions),
             *score("ours", lambda q: ours.search(q, limit=3), questions, args.misses, styles["ours"])),
            ("BM25 over jieba, 300-char chunks", len(questions),
             *score("bm25", lambda q: bm25.search(q, limit=3), questions, args.misses, styles["bm25"]))]
    print(f"\n{'retriever':52} {'n':>4} {'hit@1':>7} {'hit@3':>7}")
    # The embeddings' figures are on the project's own questions only.
    for name, n, h1, h3 in rows + (EMBEDDINGS if args.questions is None else []):
        print(f"{name:52} {n:4d} {h1:7.3f} {h3:7.3f}")
    if len(styles["ours"]) > 1:
        print(f"\n{'style':12} {'n':>4} {'hit@1 ours / bm25':>20} {'hit@3 ours / bm25':>20}")
        for style in sorted(styles["ours"]):
            o, b = styles["ours"][style], styles["bm25"][style]
            cell = [f"{sum(x[k] for x in o) / len(o):.2f} / {sum(x[k] for x in b) / len(b):.2f}" for k in (0, 1)]
            print(f"{style:12} {len(o):4d} {cell[0]:>20} {cell[1]:>20}")
    if args.questions is None:
        print("\nThe embedding figures are the project's own runs on 97 of these 120 questions (chunks of all 81 "
              "documents of its source, top 5 reranked to 3); ours and BM25 are on all 120 and these 39 documents.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
