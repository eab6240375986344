"""Peer of bench:models: scikit-learn 1.2.1's classifiers on the very rows bench/models.mjs generated (raw
little-endian files in a folder). Prints one JSON line: per family its fit seconds, held-out AUC and iterations,
and the seconds HistGradientBoostingClassifier takes to score 1,000,000 rows (the test rows repeated)."""
import json
import os
import sys
import time

import numpy as np
from sklearn.utils._openmp_helpers import _openmp_effective_n_threads
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

folder, F, families = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(',')
Xtr = np.fromfile(os.path.join(folder, 'train_X.f64'), dtype='<f8').reshape(-1, F)
ytr = np.fromfile(os.path.join(folder, 'train_y.u8'), dtype='u1')
Xte = np.fromfile(os.path.join(folder, 'test_X.f64'), dtype='<f8').reshape(-1, F)
yte = np.fromfile(os.path.join(folder, 'test_y.u8'), dtype='u1')


def median_filled(fit_X, *others):
    # scikit-learn 1.2's forests, the logistic model and the MLP take no NaN: each column's training median instead.
    med = np.nanmedian(fit_X, axis=0)
    return [np.where(np.isnan(a), med, a) for a in (fit_X, *others)]


out = {}
for fam in families:
    if fam in ('logistic-regression', 'mlp'):
        # Filled before the clock starts, as bench/models.mjs does for seglab's (their bars are about the fit).
        tr, te = median_filled(Xtr, Xte)
    t0, c0 = time.perf_counter(), time.process_time()
    if fam == 'hist-gradient-boosting':
        # early_stopping='auto' is on above 10,000 rows (10% validation, loss, 10 iterations, tol 1e-7), as seglab's.
        model = HistGradientBoostingClassifier(random_state=0).fit(Xtr, ytr)
        te = Xte
        iterations = int(model.n_iter_)
    elif fam == 'random-forest':
        tr, te = median_filled(Xtr, Xte)
        model = RandomForestClassifier(n_estimators=100, n_jobs=int(os.environ.get('SEGLAB_PEER_JOBS', '2')), random_state=0).fit(tr, ytr)
        iterations = 100
    elif fam == 'logistic-regression':
        # As bench/logistic.mjs: standardised (seglab standardises inside), scikit-learn's defaults (lbfgs, C = 1, 100 iterations).
        model = Pipeline([('scale', StandardScaler()), ('lr', LogisticRegression())]).fit(tr, ytr)
        iterations = int(model.named_steps['lr'].n_iter_[0])
    elif fam == 'mlp':
        # seglab's MLP defaults: (32, 16) relu, adam 1e-3, batches of 256, L2 1e-4, early stopping on 10% (patience 10, tol 1e-4).
        model = Pipeline([('scale', StandardScaler()), ('mlp', MLPClassifier(hidden_layer_sizes=(32, 16), alpha=1e-4, batch_size=256, learning_rate_init=1e-3, max_iter=200, early_stopping=True, validation_fraction=0.1, n_iter_no_change=10, tol=1e-4, random_state=0))]).fit(tr, ytr)
        iterations = int(model.named_steps['mlp'].n_iter_)
    else:
        raise SystemExit(f'unknown family {fam}')
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0  # every thread of the process (OpenMP's included)
    threads = _openmp_effective_n_threads() if fam == 'hist-gradient-boosting' else None
    out[fam] = {'fitSeconds': seconds, 'auc': float(roc_auc_score(yte, model.predict_proba(te)[:, 1])), 'iterations': iterations, 'threads': threads, 'cpuSeconds': cpu_seconds}
    print(f'  {fam}: fit {seconds:.2f} s (CPU {cpu_seconds:.2f} s), {iterations} iterations, AUC {out[fam]["auc"]:.4f}', file=sys.stderr)
    if fam == 'hist-gradient-boosting':
        big = np.tile(Xte, (1_000_000 // len(Xte), 1))
        t0 = time.perf_counter()
        model.predict_proba(big)
        out['scoring'] = {'rows': len(big), 'seconds': time.perf_counter() - t0}
print(json.dumps(out))
