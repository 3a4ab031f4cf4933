"""The ranker: a logistic model over knowledge/features.py, fitted on labelled question–item pairs.

Its output is the probability that an item answers the question; thresholds on it (fitted with
the weights) decide between an answer, a list member and "not found". Fitting lives in
bench/fit_ranker.py (numpy Newton steps with an L2 penalty); the product only reads the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.features import NAMES

RANKER_FILE = Path(__file__).parent / "data" / "ranker.json"
LONG_QUESTION = 12
# The calibration step's features: the ranking score, how far a candidate is ahead of (or behind)
# the best other candidate, and the evidence that tells an answerable question from one the plans
# do not answer.
# Evidence that an item answers: more of it never lowers the ranking score (fitted with weights ≥ 0).
EVIDENCE = ("fuzzy", "fuzzy_name", "cov_name", "cov_context", "cov_text", "bm25_name", "bm25_text",
            "name_explained", "exact_name", "exact_text", "name_equal", "match", "explained",
            "asked_kind_named", "intent_match", "year_value")
CAL_NAMES = ("logit", "margin", "unseen", "match", "cov_name", "cov_text", "fuzzy_name", "query_len",
             "explained")


@dataclass
class Ranker:
    """Feature weights (with the means and scales they were fitted on) and decision thresholds."""

    weights: dict[str, float]
    bias: float
    mean: dict[str, float] = field(default_factory=dict)
    scale: dict[str, float] = field(default_factory=dict)
    answer: float = 0.5  # a top item at least this probable is an answer
    # The same for a long question (LONG_QUESTION characters or more to match): a whole sentence
    # shares fewer of its characters with the text that answers it, so its probabilities run lower.
    answer_long: float = 0.5
    listed: float = 0.5  # items at least this probable are listed for 有哪些 questions
    suggest: float = 0.2  # below `answer`, items this probable are offered as "did you mean"
    meta: dict[str, object] = field(default_factory=dict)
    # Calibration (fitted on each question's best two candidates): P(answers) from CAL_NAMES.
    calibration: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._w = np.array([self.weights.get(n, 0.0) for n in NAMES])
        self._m = np.array([self.mean.get(n, 0.0) for n in NAMES])
        self._s = np.array([self.scale.get(n, 1.0) or 1.0 for n in NAMES])
        cal: dict[str, Any] = dict(self.calibration)  # (the fitted file's nested tables, read as JSON)
        self._cw = np.array([cal.get("weights", {}).get(n, 0.0) for n in CAL_NAMES])
        self._cm = np.array([cal.get("mean", {}).get(n, 0.0) for n in CAL_NAMES])
        self._cs = np.array([cal.get("scale", {}).get(n, 1.0) or 1.0 for n in CAL_NAMES])
        self._cb = float(cal.get("bias", 0.0))

    def logit(self, x: np.ndarray) -> np.ndarray:
        """The ranking score of each row of a feature matrix (columns in features.NAMES order)."""
        if x.size == 0:
            return np.zeros(len(x))
        return ((x - self._m) / self._s) @ self._w + self.bias

    def calibration_features(self, x: np.ndarray) -> np.ndarray:
        """CAL_NAMES of each candidate of one question (rows: all of its candidates)."""
        z = self.logit(x)
        if len(z) > 1:
            order = np.argsort(-z)
            best, second = z[order[0]], z[order[1]]
            margin = np.where(np.arange(len(z)) == order[0], z - second, z - best)
        else:
            margin = np.full(len(z), 5.0)
        col = {n: k for k, n in enumerate(NAMES)}
        return np.column_stack([z, margin] + [x[:, col[n]] for n in CAL_NAMES[2:]]) if len(z) else \
            np.zeros((0, len(CAL_NAMES)))

    def answer_threshold(self, text: str) -> float:
        """The probability a top item needs to answer a question whose matched text is `text`."""
        return self.answer_long if len(text) >= LONG_QUESTION else self.answer

    def rank_probability(self, x: np.ndarray) -> np.ndarray:
        """The ranking score as a probability (fitted with each question weighing the same): what
        decides whether an item belongs in a list."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.logit(x), -30, 30)))

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(answers) of each candidate of one question (rows: all of its candidates), calibrated
        on the best two candidates of every tune question."""
        if x.size == 0:
            return np.zeros(len(x))
        if not self.calibration:
            return 1.0 / (1.0 + np.exp(-np.clip(self.logit(x), -30, 30)))
        c = (self.calibration_features(x) - self._cm) / self._cs
        return 1.0 / (1.0 + np.exp(-np.clip(c @ self._cw + self._cb, -30, 30)))

    @classmethod
    def load(cls, path: Path = RANKER_FILE) -> Ranker:
        """The fitted ranker shipped with the package."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(weights=data["weights"], bias=data["bias"], mean=data.get("mean", {}),
                   scale=data.get("scale", {}), answer=data["thresholds"]["answer"],
                   answer_long=data["thresholds"].get("answer_long", data["thresholds"]["answer"]),
                   listed=data["thresholds"]["list"], suggest=data["thresholds"]["suggest"],
                   meta=data.get("meta", {}), calibration=data.get("calibration", {}))

    def save(self, path: Path = RANKER_FILE) -> None:
        """Write the ranker as the package's data file."""
        data = {"features": list(NAMES), "weights": self.weights, "bias": self.bias, "mean": self.mean,
                "scale": self.scale,
                "thresholds": {"answer": self.answer, "answer_long": self.answer_long, "list": self.listed,
                               "suggest": self.suggest},
                "calibration": self.calibration, "meta": self.meta}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50,
                 sample_weight: np.ndarray | None = None,
                 nonnegative: np.ndarray | None = None) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """(weights, bias, mean, scale) of an L2-penalised, optionally weighted logistic regression, by
    Newton's method on standardised features; `nonnegative` marks features whose weight may not be
    negative (evidence for an answer never counts against it), kept so by projection."""
    sw = np.ones(len(y)) if sample_weight is None else sample_weight
    keep = np.zeros(x.shape[1] + 1, dtype=bool)
    if nonnegative is not None:
        keep[:-1] = nonnegative
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not penalised
    def loss(v: np.ndarray) -> float:
        m = z @ v
        return float((sw * (np.logaddexp(0.0, m) - y * m)).sum() + 0.5 * (penalty * v * v).sum())

    current = loss(w)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (sw * (p - y)) + penalty * w
        hess = (z * (sw * p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        # Newton's step, halved until the loss goes down (the projection onto the non-negative
        # weights can otherwise overshoot and diverge).
        size = 1.0
        while True:
            trial = w - size * step
            trial[keep] = np.maximum(trial[keep], 0.0)
            after = loss(trial)
            if after <= current or size < 1e-6:
                break
            size /= 2
        before, w, current = w, trial, min(after, current)
        if np.abs(w - before).max() < 1e-8:
            break
    return w[:-1], float(w[-1]), mean, scale
