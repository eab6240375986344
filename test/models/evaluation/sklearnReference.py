"""Reference values of scikit-learn 1.2.1 for test/models/evaluation/sklearnReference.test.ts.

Run once with Debian's python3-sklearn and commit the output (tests never need Python):
    /usr/bin/python3 test/models/evaluation/sklearnReference.py > test/models/evaluation/sklearnReference.json
The data (seeded numpy draws, rounded so that scores tie) is written into the JSON with the results.
"""
import json

import numpy as np
import sklearn
from sklearn.calibration import _sigmoid_calibration, calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score

rng = np.random.default_rng(20261203)
n = 400
latent = rng.normal(0, 1.3, n)
y = (rng.random(n) < 1 / (1 + np.exp(-(latent - 0.8)))).astype(int)
# Probabilities rounded to 2 decimals (many ties), a few exactly 0 and 1 (log loss clips them).
p = np.round(1 / (1 + np.exp(-(latent + rng.normal(0, 0.8, n) - 0.8))), 2)
p[[3, 17, 101]] = 0.0
p[[5, 44, 250]] = 1.0
# Raw scores rounded to one decimal (ties across classes).
scores = np.round(latent + rng.normal(0, 1.0, n), 1)
# Sample weights: whole numbers, halves and a few zeros.
w = rng.integers(0, 4, n) / 2.0
w[w == 0] = 0.0

out = {
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "y": y.tolist(),
    "p": p.tolist(),
    "scores": scores.tolist(),
    "w": w.tolist(),
    "rocAuc": {"p": roc_auc_score(y, p), "pWeighted": roc_auc_score(y, p, sample_weight=w), "scores": roc_auc_score(y, scores)},
    "averagePrecision": {
        "p": average_precision_score(y, p),
        "pWeighted": average_precision_score(y, p, sample_weight=w),
        "scores": average_precision_score(y, scores),
    },
    "logLoss": {"p": log_loss(y, p), "pWeighted": log_loss(y, p, sample_weight=w)},
    "brier": {"p": brier_score_loss(y, p), "pWeighted": brier_score_loss(y, p, sample_weight=w)},
    "calibration": [],
}
for strategy in ["uniform", "quantile"]:
    for bins in [5, 7, 10]:
        prob_true, prob_pred = calibration_curve(y, p, n_bins=bins, strategy=strategy)
        out["calibration"].append({"strategy": strategy, "bins": bins, "observed": prob_true.tolist(), "meanPredicted": prob_pred.tolist()})

grid = np.concatenate([[-10.0, -3.333, 0.05, 0.123, 1.77, 2.5, 99.0], np.unique(scores)])
iso = IsotonicRegression(out_of_bounds="clip").fit(scores, y)
iso_w = IsotonicRegression(out_of_bounds="clip").fit(scores, y, sample_weight=w)
out["isotonic"] = {
    "grid": grid.tolist(),
    "X": iso.X_thresholds_.tolist(),
    "y": iso.y_thresholds_.tolist(),
    "predict": iso.predict(grid).tolist(),
    "XWeighted": iso_w.X_thresholds_.tolist(),
    "yWeighted": iso_w.y_thresholds_.tolist(),
    "predictWeighted": iso_w.predict(grid).tolist(),
}
# Platt: scikit-learn's P(y = 1 | f) = 1 / (1 + exp(a f + b)), fitted by BFGS on Platt's smoothed targets.
a, b = _sigmoid_calibration(scores, y)
aw, bw = _sigmoid_calibration(scores, y, sample_weight=w)
out["platt"] = {"a": float(a), "b": float(b), "aWeighted": float(aw), "bWeighted": float(bw)}
print(json.dumps(out))
