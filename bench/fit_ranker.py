"""Fit the ranker (knowledge/data/ranker.json) on labelled question–item pairs of the TUNE half only.

    python bench/fit_ranker.py            # fit, choose thresholds, print the tune figures, write the file
    python bench/fit_ranker.py --dry-run  # fit and print, write nothing
    python bench/fit_ranker.py --dry-run --show-cost  # also the cost of every answer threshold
    python bench/fit_ranker.py --thresholds --dry-run  # the answer thresholds alone, for the committed weights
    python bench/fit_ranker.py --every --dry-run  # fit on every spent set bench/eval_development.py runs
    python bench/fit_ranker.py --calibration  # the calibration and answer thresholds alone, for the committed weights

Questions fitted on: the tune half of bench/queries/realistic.json, the old development set
(tests/data/gold/queries-dev.json), bench/queries/fresh.json and fresh2.json–fresh8.json
(held-out sets measured once and spent, now development), bench/queries/long-dev.json (whole-sentence questions written for fitting), and — when ../shared/corpus/policy-rag is there — the questions on the policy
set's tune documents (bench/eval_policy.py's split; its held-out documents are never read here), with
the spent policy-fresh.json questions on the same documents.
Pairs: every candidate the search scores for a question, labelled 1 when it answers (the hit rule of
bench/queries/README.md; for the old development set the gold rule; for the policy set its README's
criterion on the hit's text), 0 otherwise; no-answer questions give only 0s. Held-out questions are
never read here.
With --residual FEATURE: the committed ranker is kept and only FEATURE's weight is fitted, its logit an
offset (the weight of a grid with the most tune questions answered first, the smallest on ties) — a feature
added after the last full fit, weighed without refitting the rest (a full refit on today's code moves
every weight, and measured worse on the development sets than the committed one).
Thresholds: `answer` minimises wrong answers plus refused answerable questions (equal weight: the targets are 3 % each) on
the tune half; `list` maximises the list questions' F1; `suggest` is half of `answer`.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_common import build_kb  # noqa: E402
from eval_policy import find_corpus, policy_split  # noqa: E402
from eval_policy import is_hit as policy_is_hit  # noqa: E402
from search_gold import gold_lines  # noqa: E402
from search_gold import is_hit as gold_is_hit  # noqa: E402

from knowledge.features import NAMES  # noqa: E402
from knowledge.listing import topic_query  # noqa: E402
from knowledge.own_words import without_trailing_chatter  # noqa: E402
from knowledge.ranker import CAL_NAMES, EVIDENCE, LONG_QUESTION, Ranker, fit_logistic  # noqa: E402
from knowledge.readings import read  # noqa: E402
from knowledge.search import SearchIndex  # noqa: E402

HERE = Path(__file__).resolve().parent
REALISTIC = HERE / "queries" / "realistic.json"
# Development questions besides the tune half: the spent fresh sets and the long-question set.
DEVELOPMENT = tuple(HERE / "queries" / f for f in ("fresh.json", "fresh2.json", "fresh3.json", "fresh4.json", "fresh5.json", "fresh6.json",
                                                   "fresh7.json", "fresh8.json", "fresh9.json", "fresh10.json",
                                                   "long-dev.json"))
# Spent questions over the policy documents written here (their tune documents' questions are fitted on).
POLICY_DEVELOPMENT = tuple(HERE / "queries" / f for f in ("policy-fresh.json", "policy-fresh2.json", "policy-fresh3.json"))
DEV = HERE.parent / "tests" / "data" / "gold" / "queries-dev.json"
WRONG_COST = 1.0
# Thresholds (in steps of 0.01) on each side that the answer threshold's cost is averaged over.
SMOOTH = 5


@dataclass
class Question:
    """One tune question's candidates: features, labels, and whether it has an answer."""

    x: np.ndarray
    y: np.ndarray
    answerable: bool
    is_list: bool
    expected: int
    long: bool = False  # LONG_QUESTION characters or more to match: its own answer threshold


def _lines(index: SearchIndex, i: int) -> set[int]:
    item = index.entries[i].item
    return {item.line} | set(getattr(item, "lines", None) or [])


def labels(index: SearchIndex, idx: list[int], q: dict, gold: bool, glines: dict) -> np.ndarray:
    """1 for each candidate that answers question `q`."""
    out = np.zeros(len(idx))
    for k, i in enumerate(idx):
        e = index.entries[i]
        if "answer" in q and "expect" not in q:  # a policy-set question: its answer's text
            out[k] = float(policy_is_hit(q["answer"], index.hit(i, 0.0).text))
            continue
        for ex in q["expect"]:
            if gold:
                hit = index.hit(i, 0.0)
                if gold_is_hit(hit, ex, glines):
                    out[k] = 1
            elif e.item.doc == ex["file"] and _lines(index, i) & ({ex["line"]} | set(ex.get("lines") or [])):
                out[k] = 1
    return out


def question_pairs(index: SearchIndex, q: dict, gold: bool, glines: dict) -> Question | None:
    """The scored candidates of one question as the search sees them (constraints applied)."""
    today = dt.date.fromisoformat(q["today"]) if q.get("today") else None
    parsed = index.parse(q["q"], today)
    reading = read(index.asked(parsed))
    parsed.past = reading.past  # (as the search sets it from its reading)
    if reading.kind in ("due", "overdue"):
        return None
    if reading.kind == "list" and reading.topic:
        # As the search lists a topic (knowledge/listing.py): without the chat that ends it, its core
        # matched within the places, kinds and year the question named.
        topic = without_trailing_chatter(reading.topic)
        parsed = topic_query(parsed, index.parser.core(topic) or topic, reading.wanted)
    idx, x = index.features(parsed)
    keep = index.classify(parsed, idx, x, index.parser_required(parsed))[0]
    idx = [idx[k] for k in keep]
    x = x[keep] if keep else np.zeros((0, len(NAMES)))
    y = labels(index, idx, q, gold, glines)
    expect = q.get("expect", [q.get("answer")])
    return Question(x, y, bool(expect), bool(q.get("list")), len(expect), len(parsed.text) >= LONG_QUESTION)


def _balance(y: np.ndarray) -> np.ndarray:
    pos = float(y.sum())
    neg = float(len(y) - pos)
    return np.where(y > 0, 0.5 / max(pos, 1.0), 0.5 / max(neg, 1.0))


def _tops(questions: list[Question], ranker: Ranker) -> list[tuple[float, bool, bool]]:
    """Each question's top item as the search sees it — its probability, whether it answers — and whether
    the question is answerable (a question without candidates: probability 0)."""
    tops = []
    for qq in questions:
        if len(qq.x):
            # The search's top item: the most probable (knowledge/search.py orders an answer's
            # candidates by the calibrated probability), answered by that probability.
            p = ranker.probability(qq.x)
            k = int(np.argmax(p))
            tops.append((float(p[k]), bool(qq.y[k]), qq.answerable))
        else:
            tops.append((0.0, False, qq.answerable))
    return tops


def _save(fitted: Ranker, dry_run: bool) -> int:
    """Write the fitted ranker to knowledge/data/ranker.json, unless only asked to print."""
    if not dry_run:
        fitted.save()
        print("written knowledge/data/ranker.json")
    return 0


def _calibration_line(ranker: Ranker) -> str:
    """The calibration's weights, rounded, for printing."""
    return "calibration: " + str({n: round(float(v), 3) for n, v in ranker.calibration["weights"].items()})  # type: ignore[union-attr]


def choose_answer(questions: list[Question], ranker: Ranker,
                  show_cost: bool = False) -> tuple[float, dict[str, float]]:
    """The answer threshold with the least cost on these questions, and its figures (each
    threshold's cost printed when asked)."""
    tops = _tops(questions, ranker)
    rows = []
    for t in np.arange(0.05, 0.96, 0.01):
        wrong = sum(1 for p, right, _ in tops if p >= t and not right)
        refused = sum(1 for p, _, ans in tops if p < t and ans)
        right = sum(1 for p, r, _ in tops if p >= t and r)
        rows.append((WRONG_COST * wrong + refused, round(float(t), 2),
                     {"right": right, "wrong": wrong, "refused": refused, "n": len(tops)}))
    # The cost is flat over a wide range of thresholds, with narrow dips a few questions make: the
    # cost averaged over the thresholds around each (±SMOOTH) decides, so that a small change of the
    # data does not move the threshold from one dip to another.
    costs = np.array([c for c, _, _ in rows], dtype=np.float64)
    width = 2 * SMOOTH + 1
    smooth = np.convolve(np.pad(costs, SMOOTH, mode="edge"), np.ones(width) / width, mode="valid")
    chosen = rows[int(np.argmin(smooth))]
    if show_cost:
        for (c, t, f), m in zip(rows, smooth, strict=True):
            print(f"  t={t:.2f} cost={c:.0f} smooth={m:.1f} {f}")
    return chosen[1], chosen[2]


def choose_list(questions: list[Question], ranker: Ranker) -> float:
    """The list threshold with the best mean F1 over the list questions."""
    lists = [qq for qq in questions if qq.is_list and len(qq.x)]
    best = (-1.0, 0.5)
    for t in np.arange(0.05, 0.96, 0.01):
        f1s = []
        for qq in lists:
            p = ranker.rank_probability(qq.x)
            picked = p >= t
            tp = float((picked & (qq.y > 0)).sum())
            prec = tp / max(1.0, float(picked.sum()))
            rec = min(1.0, tp / max(1, min(qq.expected, 10)))
            f1s.append(0.0 if tp == 0 else 2 * prec * rec / (prec + rec))
        score = float(np.mean(f1s)) if f1s else 0.0
        if score > best[0]:
            best = (score, float(t))
    return best[1]


def _every_development() -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """Every spent set bench/eval_development.py runs (bundled and policy), beside the ones fitted on so far."""
    from eval_development import BUNDLED, POLICY

    bundled = dict.fromkeys([*DEVELOPMENT, *(HERE / "queries" / f"{n}.json" for n in BUNDLED)])
    policy = dict.fromkeys([*POLICY_DEVELOPMENT, *(HERE / "queries" / f"{n}.json" for n in POLICY)])
    return tuple(bundled), tuple(policy)


def collect(every: bool = False) -> list[Question]:
    """The labelled candidates of every tune question and every old development question (`every`: and
    of every spent set)."""
    index = SearchIndex(build_kb(None))
    glines = gold_lines()
    tune = [q for q in json.loads(REALISTIC.read_text(encoding="utf-8")) if q["split"] == "tune"]
    bundled, policy = _every_development() if every else (DEVELOPMENT, POLICY_DEVELOPMENT)
    for path in bundled:
        tune += json.loads(path.read_text(encoding="utf-8"))
    dev = json.loads(DEV.read_text(encoding="utf-8"))
    questions: list[Question] = []
    for q, gold in [*((q, False) for q in tune), *((q, True) for q in dev)]:
        qq = question_pairs(index, q, gold, glines)
        if qq is not None:
            questions.append(qq)
    corpus = find_corpus()
    if corpus is not None:
        questions += policy_questions(corpus, glines, policy)
    else:
        print("policy-rag corpus not found: fitted without its questions", file=sys.stderr)
    return questions


def policy_questions(corpus: Path, glines: dict,
                     development: tuple[Path, ...] = POLICY_DEVELOPMENT) -> list[Question]:
    """The policy set's tune-document questions, each asked twice: over the tune documents (answerable),
    and over the tune documents without its own (a long question the plans do not answer, unless
    another document does: then it stays answerable). Held-out documents are never loaded."""
    from knowledge.builder import build_files, merge

    parts = {p.name: build_files([p]) for p in sorted((corpus / "docs").glob("*.txt"))
             if policy_split(p.name) == "tune"}
    files = [corpus / "questions.json", *development]
    asked = [q for f in files for q in json.loads(f.read_text(encoding="utf-8")) if q["doc"] in parts]
    out: list[Question] = []
    whole = SearchIndex(merge(parts.values()))
    for q in asked:
        if (qq := question_pairs(whole, q, False, glines)) is not None:
            out.append(qq)
    for doc in parts:
        without = SearchIndex(merge(kb for name, kb in parts.items() if name != doc))
        for q in asked:
            if q["doc"] == doc and (qq := question_pairs(without, q, False, glines)) is not None:
                out.append(dataclasses.replace(qq, answerable=bool(qq.y.any())))
    return out


RESIDUAL_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)


def fit_residual(questions: list[Question], name: str, dry_run: bool) -> int:
    """Fit one feature's weight with the committed ranker's logit as an offset: the weight of
    RESIDUAL_GRID, added to the feature's committed weight, that ranks an answering candidate first for the
    most tune questions."""
    ranker = Ranker.load()
    k = NAMES.index(name)
    scored = [qq for qq in questions if len(qq.x) and qq.y.any()]
    firsts = []
    for w in RESIDUAL_GRID:
        first = sum(int(qq.y[int(np.argmax(ranker.logit(qq.x) + w * qq.x[:, k]))] > 0) for qq in scored)
        firsts.append(first)
        print(f"  {name} weight {w:.2f}: answering candidate first for {first} of {len(scored)} questions")
    best = RESIDUAL_GRID[int(np.argmax(firsts))]
    weights, mean, scale = dict(ranker.weights), dict(ranker.mean), dict(ranker.scale)
    # The grid's weight is added to what the committed ranker already gives the feature (w·(x − m)/s): on the
    # raw feature that is w/s + best, and −w·m/s moves into the bias (every logit as fitted; for a feature new
    # to the ranker, w = 0, the weight is the grid's alone).
    committed, m, sc = weights.get(name, 0.0), mean.get(name, 0.0), scale.get(name, 1.0) or 1.0
    weights[name], mean[name], scale[name] = committed / sc + best, 0.0, 1.0
    bias = ranker.bias - committed * m / sc
    fitted = dataclasses.replace(ranker, weights=weights, mean=mean, scale=scale, bias=bias,
                                 meta={**ranker.meta, f"residual_{name}": {"weight": weights[name], "added": best,
                                                                           "first": max(firsts), "of": len(scored)}})
    print(f"{name}: weight {committed / sc:.2f} + {best:.2f} = {weights[name]:.2f}")
    return _save(fitted, dry_run)


def fit_thresholds(questions: list[Question], dry_run: bool, show_cost: bool) -> int:
    """Choose the answer thresholds again for the committed weights and calibration (what the search's
    top item is may change without a change of weights: its order)."""
    ranker = Ranker.load()
    answer, figures = choose_answer([qq for qq in questions if not qq.long], ranker, show_cost)
    answer_long, figures_long = choose_answer([qq for qq in questions if qq.long], ranker, show_cost)
    print(f"answer {ranker.answer:.2f} → {answer:.2f} {figures}; long {ranker.answer_long:.2f} → {answer_long:.2f} "
          f"{figures_long}")
    fitted = dataclasses.replace(ranker, answer=answer, answer_long=answer_long, suggest=round(answer / 2, 2),
                                 meta={**ranker.meta, "tune_at_answer_threshold": figures,
                                       "tune_long_at_answer_long_threshold": figures_long})
    return _save(fitted, dry_run)


def calibrate(ranker: Ranker, questions: list[Question], l2: float) -> Ranker:
    """The ranker with its calibration fitted again: P(answers) from CAL_NAMES on each question's best two
    candidates by the ranking score, without weights, so the probability means what it says there."""
    cxs, cys = [], []
    for qq in questions:
        if len(qq.x):
            top = np.argsort(-ranker.logit(qq.x))[:2]
            cxs.append(ranker.calibration_features(qq.x)[top])
            cys.append(qq.y[top])
    cx, cy = np.vstack(cxs), np.concatenate(cys)
    cw, cb, cm, cs = fit_logistic(cx, cy, l2=l2,
                                  nonnegative=np.array([n in EVIDENCE or n in ("logit", "margin") for n in CAL_NAMES]))
    return dataclasses.replace(ranker, calibration={
        "weights": dict(zip(CAL_NAMES, cw.tolist(), strict=True)), "bias": cb,
        "mean": dict(zip(CAL_NAMES, cm.tolist(), strict=True)),
        "scale": dict(zip(CAL_NAMES, cs.tolist(), strict=True))})


def fit_calibration(questions: list[Question], l2: float, dry_run: bool, show_cost: bool) -> int:
    """Fit the calibration again for the committed ranking weights (a calibration feature added since the
    last full fit), then the answer thresholds for it."""
    ranker = calibrate(Ranker.load(), questions, l2)
    answer, figures = choose_answer([qq for qq in questions if not qq.long], ranker, show_cost)
    answer_long, figures_long = choose_answer([qq for qq in questions if qq.long], ranker, show_cost)
    fitted = dataclasses.replace(ranker, answer=answer, answer_long=answer_long, suggest=round(answer / 2, 2),
                                 meta={**ranker.meta, "calibration_refit": list(CAL_NAMES),
                                       "tune_at_answer_threshold": figures,
                                       "tune_long_at_answer_long_threshold": figures_long})
    print(_calibration_line(fitted))
    print(f"thresholds: answer {answer:.2f} {figures}; long {answer_long:.2f} {figures_long}")
    return _save(fitted, dry_run)


CALIBRATION_GRID = (0.0, -0.1, -0.2, -0.3, -0.5, -0.75, -1.0)


def _cost_at(ranker: Ranker, questions: list[Question]) -> tuple[int, int, int]:
    """Wrong answers, refused answerable questions and right answers of the search's top item at the
    committed answer thresholds."""
    wrong = refused = right = 0
    for qq, (p, answers, answerable) in zip(questions, _tops(questions, ranker), strict=True):
        if p < (ranker.answer_long if qq.long else ranker.answer):
            refused += int(answerable)
        elif answers:
            right += 1
        else:
            wrong += 1
    return wrong, refused, right


def fit_residual_calibration(questions: list[Question], name: str, dry_run: bool) -> int:
    """Fit one calibration feature's weight on top of the committed calibration and thresholds (its value an
    offset, weights ≤ 0: evidence that the plans do not answer): the weight of CALIBRATION_GRID with the
    fewest wrong answers plus refused answerable questions on the tune questions, the smallest on ties."""
    ranker = Ranker.load()
    cal = {key: dict(value) if isinstance(value, dict) else value for key, value in ranker.calibration.items()}
    costs = []
    for w in CALIBRATION_GRID:
        cal["weights"][name], cal["mean"][name], cal["scale"][name] = w, 0.0, 1.0  # type: ignore[index]
        wrong, refused, right = _cost_at(dataclasses.replace(ranker, calibration=cal), questions)
        costs.append(WRONG_COST * wrong + refused)
        print(f"  {name} calibration weight {w:+.2f}: right {right}, wrong {wrong}, refused {refused}")
    best = CALIBRATION_GRID[int(np.argmin(costs))]
    cal["weights"][name], cal["mean"][name], cal["scale"][name] = best, 0.0, 1.0  # type: ignore[index]
    fitted = dataclasses.replace(ranker, calibration=cal,
                                 meta={**ranker.meta, f"residual_calibration_{name}": {"weight": best,
                                                                                       "cost": min(costs)}})
    print(f"{name}: calibration weight {best:+.2f}")
    return _save(fitted, dry_run)


def main(argv: list[str] | None = None) -> int:
    """Fit, choose thresholds, print, and write knowledge/data/ranker.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--drop", default="", help="features left out of the fit, comma-separated")
    ap.add_argument("--show-cost", action="store_true", help="print the cost of every answer threshold")
    ap.add_argument("--residual", default="", help="fit only this feature's weight on top of the committed ranker")
    ap.add_argument("--thresholds", action="store_true",
                    help="choose only the answer thresholds again, for the committed weights")
    ap.add_argument("--calibration", action="store_true",
                    help="fit only the calibration (and the answer thresholds) again, for the committed weights")
    ap.add_argument("--residual-calibration", default="",
                    help="fit only this calibration feature's weight on top of the committed calibration")
    ap.add_argument("--every", action="store_true",
                    help="fit on every spent set bench/eval_development.py runs, not only the first ones")
    args = ap.parse_args(argv)
    questions = collect(args.every)
    if args.residual:
        return fit_residual(questions, args.residual, args.dry_run)
    if args.thresholds:
        return fit_thresholds(questions, args.dry_run, args.show_cost)
    if args.calibration:
        return fit_calibration(questions, args.l2, args.dry_run, args.show_cost)
    if args.residual_calibration:
        return fit_residual_calibration(questions, args.residual_calibration, args.dry_run)
    x = np.vstack([qq.x for qq in questions if len(qq.x)])
    y = np.concatenate([qq.y for qq in questions if len(qq.x)])
    # Each question weighs the same, its right and its wrong candidates half each: a question with
    # many candidates (or many right ones) does not outweigh the others.
    sw = np.concatenate([_balance(qq.y) for qq in questions if len(qq.x)])
    dropped = {d for d in args.drop.split(",") if d}
    used = [k for k, n in enumerate(NAMES) if n not in dropped]
    names = [NAMES[k] for k in used]
    w, b, mean, scale = fit_logistic(x[:, used], y, l2=args.l2, sample_weight=sw * len(questions) / sw.sum(),
                                     nonnegative=np.array([n in EVIDENCE for n in names]))
    ranker = Ranker(weights=dict(zip(names, w.tolist(), strict=True)), bias=b,
                    mean=dict(zip(names, mean.tolist(), strict=True)),
                    scale=dict(zip(names, scale.tolist(), strict=True)))
    # Calibration: P(answers) from the ranking score and the answerability evidence.
    ranker = calibrate(ranker, questions, args.l2)
    ranker.answer, figures = choose_answer([qq for qq in questions if not qq.long], ranker, args.show_cost)
    ranker.answer_long, figures_long = choose_answer([qq for qq in questions if qq.long], ranker, args.show_cost)
    ranker.listed = choose_list(questions, ranker)
    ranker.suggest = round(ranker.answer / 2, 2)
    fitted_on = ("bench/queries/realistic.json tune half + every spent set of bench/eval_development.py "
                 "(fresh-fresh10 and BUNDLED) + tests/data/gold/queries-dev.json + policy-rag tune documents "
                 "(its questions and those of every spent policy set)") if args.every else (
        "bench/queries/realistic.json tune half + bench/queries/fresh.json + fresh2-10 + "
        "bench/queries/long-dev.json + tests/data/gold/queries-dev.json + "
        "policy-rag tune documents (its questions and policy-fresh.json's, "
        "policy-fresh2.json's and policy-fresh3.json's)")
    ranker.meta = {"fitted_on": fitted_on,
                   "pairs": int(len(y)), "positives": int(y.sum()), "questions": len(questions),
                   "l2": args.l2, "dropped": sorted(dropped), "tune_at_answer_threshold": figures,
                   "tune_long_at_answer_long_threshold": figures_long}
    print(f"pairs {len(y)} (positives {int(y.sum())}) from {len(questions)} questions")
    for n, v in sorted(zip(names, w.tolist(), strict=True), key=lambda t: -abs(t[1])):
        print(f"  {n:16} {v:+.3f}")
    print(_calibration_line(ranker))
    print(f"thresholds: answer {ranker.answer:.2f} (long questions {ranker.answer_long:.2f}) list "
          f"{ranker.listed:.2f} suggest {ranker.suggest:.2f}; at the answer threshold: {figures}, long: {figures_long}")
    return _save(ranker, args.dry_run)


if __name__ == "__main__":
    raise SystemExit(main())
