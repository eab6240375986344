"""Peer of bench:models-real: scikit-learn 1.2.1's classifiers on the design matrices and folds bench/models-real.mjs
wrote (seglab's encoder: X_one-hot.f64 for the logistic regression and the MLP, X_codes.f64 for the trees; fold.i32
the test fold of every row; raw little-endian). Per family and fold: fit seconds, test ROC AUC, iterations. For the
logistic regression also the coefficients on all rows at C = 1: lbfgs at its defaults and newton-cg at tol 1e-10
(the optimum), with the condition number of the penalised Hessian there. Prints one JSON line."""
import json
import os
import sys
import time
import warnings

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

folder = sys.argv[1]
meta = json.load(open(os.path.join(folder, 'meta.json')))
n = meta['rows']
X = {enc: np.fromfile(os.path.join(folder, f'X_{enc}.f64'), dtype='<f8').reshape(n, meta['cols'][enc]) for enc in ('one-hot', 'codes')}
y = np.fromfile(os.path.join(folder, 'y.u8'), dtype='u1').astype(int)
fold = np.fromfile(os.path.join(folder, 'fold.i32'), dtype='<i4')
categorical = np.zeros(meta['cols']['codes'], dtype=bool)
categorical[meta['categorical']] = True


def sentinel_filled(fit_X, *others):
    # scikit-learn 1.2's forests take no NaN: below each column's training minimum, so a split can still isolate
    # the missing rows (as seglab's trees learn a direction for them); median filling would blur them.
    lo = np.nanmin(fit_X, axis=0) - 1
    lo = np.where(np.isnan(lo), -1, lo)
    return [np.where(np.isnan(a), lo, a) for a in (fit_X, *others)]


def make(fam):
    if fam == 'logistic-regression':
        return Pipeline([('scale', StandardScaler()), ('lr', LogisticRegression(C=1.0, solver='lbfgs', max_iter=1000))]), 'one-hot'
    if fam == 'hist-gradient-boosting':
        return HistGradientBoostingClassifier(categorical_features=categorical if categorical.any() else None, random_state=0), 'codes'
    if fam == 'random-forest':
        return RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=0), 'codes'
    if fam == 'mlp':
        return Pipeline([('scale', StandardScaler()), ('mlp', MLPClassifier(hidden_layer_sizes=(32, 16), alpha=1e-4, batch_size=256, learning_rate_init=1e-3, max_iter=200, early_stopping=True, validation_fraction=0.1, n_iter_no_change=10, tol=1e-4, random_state=0))]), 'one-hot'
    raise SystemExit(f'unknown family {fam}')


def iterations(model):
    last = model[-1] if isinstance(model, Pipeline) else model
    for name in ('n_iter_',):
        if hasattr(last, name):
            v = getattr(last, name)
            return int(v[0]) if hasattr(v, '__len__') else int(v)
    return len(getattr(last, 'estimators_', []))


out = {}
# scikit-learn 1.2's forest has no categorical splits: it reads the level codes as numbers, and is fitted on the
# one-hot matrix too ('random-forest-one-hot'); the bar is read against the better of the two.
runs = [(fam, None) for fam in meta['families']]
if 'random-forest' in meta['families']:
    runs.insert(runs.index(('random-forest', None)) + 1, ('random-forest-one-hot', 'one-hot'))
for fam, encoding in runs:
    folds = []
    for f in range(meta['folds']):
        model, enc = make(fam.replace('-one-hot', ''))
        enc = encoding or enc
        tr, te = fold != f, fold == f
        Xtr, Xte = X[enc][tr], X[enc][te]
        t0 = time.perf_counter()
        if fam.startswith('random-forest'):
            Xtr, Xte = sentinel_filled(Xtr, Xte)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            model.fit(Xtr, y[tr])
        seconds = time.perf_counter() - t0
        auc = float(roc_auc_score(y[te], model.predict_proba(Xte)[:, 1]))
        folds.append({'auc': auc, 'fitSeconds': seconds, 'iterations': iterations(model)})
        print(f'  {fam} fold {f + 1}: AUC {auc:.4f}, fit {seconds:.2f} s', file=sys.stderr)
    out[fam] = {'folds': folds}

if 'logistic-regression' in meta['families']:
    A = X['one-hot']
    fits = {}
    for name, kw in (('lbfgs', {}), ('newton', {'solver': 'newton-cg', 'tol': 1e-10, 'max_iter': 10000})):
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            m = Pipeline([('scale', StandardScaler()), ('lr', LogisticRegression(C=1.0, **kw))]).fit(A, y)
        lr = m.named_steps['lr']
        fits[name] = {'coef': [float(v) for v in lr.coef_[0]], 'intercept': float(lr.intercept_[0]), 'iterations': int(lr.n_iter_[0])}
    # Hessian of C·Σ logloss + ½‖β‖² at the optimum (standardised columns, intercept unpenalised).
    Z = StandardScaler().fit_transform(A)
    Z1 = np.hstack([Z, np.ones((n, 1))])
    beta = np.array(fits['newton']['coef'] + [fits['newton']['intercept']])
    p = 1 / (1 + np.exp(-(Z1 @ beta)))
    H = (Z1 * (p * (1 - p))[:, None]).T @ Z1
    H[np.arange(Z.shape[1]), np.arange(Z.shape[1])] += 1.0
    ev = np.linalg.eigvalsh(H)
    fits['conditionNumber'] = float(ev[-1] / ev[0])
    out['logistic'] = fits
print(json.dumps(out))
