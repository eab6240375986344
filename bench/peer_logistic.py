"""The scikit-learn peer of bench/logistic.mjs: fit Pipeline(StandardScaler(), LogisticRegression()) (lbfgs,
defaults) on the raw float64 X and uint8 y the bench wrote, best of 3, and a tight newton-cg fit as the optimum
both are compared with. Prints one JSON object."""
import json, sys, time, warnings
import numpy as np, sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

folder, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
X = np.fromfile(f"{folder}/X.f64", dtype=np.float64).reshape(n, d)
y = np.fromfile(f"{folder}/y.u8", dtype=np.uint8).astype(int)
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    model = Pipeline([("scale", StandardScaler()), ("lr", LogisticRegression())]).fit(X, y)
    best = min(best, time.perf_counter() - t0)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    tight = Pipeline([("scale", StandardScaler()), ("lr", LogisticRegression(solver="newton-cg", tol=1e-10, max_iter=1000))]).fit(X, y)
lr, lt = model.named_steps["lr"], tight.named_steps["lr"]
diff = max(np.max(np.abs(lr.coef_[0] - lt.coef_[0])), abs(lr.intercept_[0] - lt.intercept_[0]))
json.dump({"version": sklearn.__version__, "seconds": best, "nIter": int(lr.n_iter_[0]), "diff": float(diff),
           "coefTight": [float(v) for v in lt.coef_[0]], "interceptTight": float(lt.intercept_[0])}, sys.stdout)
