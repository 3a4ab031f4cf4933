"""Choose the ranker's model by cross-validation on the TUNE half (never the held-out half).

    python bench/ranker_cv.py       # logistic regression vs gradient-boosted trees, 4 folds

Folds split the tune questions (and the old development questions); each model is fitted on three
folds and scored on the fourth: top-1 right among answerable questions, and the share of no-answer
questions whose best candidate is below the answer threshold chosen on the training folds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_ranker import Question, _balance, collect  # noqa: E402

from knowledge.ranker import fit_logistic  # noqa: E402

FOLDS = 4


def _lr(train: list[Question]):  # type: ignore[no-untyped-def]
    x = np.vstack([q.x for q in train if len(q.x)])
    y = np.concatenate([q.y for q in train if len(q.x)])
    sw = np.concatenate([_balance(q.y) for q in train if len(q.x)])
    w, b, mean, scale = fit_logistic(x, y, sample_weight=sw * len(train) / sw.sum())
    return lambda z: 1 / (1 + np.exp(-(((z - mean) / scale) @ w + b)))


def _gbm(train: list[Question], **kw):  # type: ignore[no-untyped-def]
    from sklearn.ensemble import HistGradientBoostingClassifier

    x = np.vstack([q.x for q in train if len(q.x)])
    y = np.concatenate([q.y for q in train if len(q.x)])
    sw = np.concatenate([_balance(q.y) for q in train if len(q.x)])
    model = HistGradientBoostingClassifier(max_iter=kw.get("trees", 100), max_depth=kw.get("depth", 3),
                                           learning_rate=0.1, min_samples_leaf=kw.get("leaf", 20),
                                           l2_regularization=1.0, random_state=0)
    model.fit(x, y, sample_weight=sw * len(x) / sw.sum())
    return lambda z: model.predict_proba(z)[:, 1]


def evaluate(predict, train: list[Question], test: list[Question]) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """(top-1 right share of answerable, no-answer refused share, answerable refused share) on `test`,
    with the answer threshold that costs least on `train`."""
    def tops(qs: list[Question]) -> list[tuple[float, bool, bool]]:
        out = []
        for q in qs:
            if len(q.x):
                p = predict(q.x)
                k = int(np.argmax(p))
                out.append((float(p[k]), bool(q.y[k]), q.answerable))
            else:
                out.append((0.0, False, q.answerable))
        return out

    tr = tops(train)
    best = min(np.arange(0.02, 0.99, 0.01),
               key=lambda t: 1.5 * sum(1 for p, r, _ in tr if p >= t and not r) + sum(1 for p, _, a in tr if p < t and a))
    te = tops(test)
    ans = [t for t in te if t[2]]
    na = [t for t in te if not t[2]]
    hit = sum(1 for p, r, _ in ans if r and p >= best) / max(1, len(ans))
    na_ref = sum(1 for p, _, _ in na if p < best) / max(1, len(na))
    refused = sum(1 for p, _, _ in ans if p < best) / max(1, len(ans))
    return hit, na_ref, refused


def main() -> int:
    """Print each model's cross-validated figures."""
    questions = collect()
    models = {"logistic": _lr}
    try:
        import sklearn  # noqa: F401  (optional: only this comparison uses it, never the product)
    except ImportError:
        print("scikit-learn is not installed: gradient-boosted trees skipped (pip install scikit-learn)")
    else:
        models.update({"gbm d3 100": _gbm, "gbm d2 200": lambda t: _gbm(t, depth=2, trees=200),
                       "gbm d4 60 leaf40": lambda t: _gbm(t, depth=4, trees=60, leaf=40)})
    for name, fit in models.items():
        rows = []
        for k in range(FOLDS):
            test = [q for n, q in enumerate(questions) if n % FOLDS == k]
            train = [q for n, q in enumerate(questions) if n % FOLDS != k]
            rows.append(evaluate(fit(train), train, test))
        m = np.mean(rows, axis=0)
        print(f"{name:18} hit@1 answered right {m[0]:.1%}  no-answer refused {m[1]:.1%}  answerable refused {m[2]:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
