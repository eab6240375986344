"""Peer of bench:drift: scipy 1.10 on the very numeric columns bench/drift.mjs drew (raw little-endian float64 files
in a folder, NaN = missing, dropped here as compareFeatures drops them). Per column, on every row: the normed
Wasserstein distance (wasserstein_distance / np.std) and ks_2samp (method 'asymp'). Prints one JSON line: seconds
for each and the values, for the side-by-side table and the agreement check."""
import json
import os
import sys
import time

import numpy as np
from scipy import stats

folder = sys.argv[1]
meta = json.load(open(os.path.join(folder, 'meta.json')))
out = {"wasserstein": {"seconds": 0.0, "values": []}, "ks": {"seconds": 0.0, "values": []}}
for name in meta["columns"]:
    a = np.fromfile(os.path.join(folder, name + '.reference.f64'), dtype='<f8')
    b = np.fromfile(os.path.join(folder, name + '.current.f64'), dtype='<f8')
    t = time.perf_counter()
    a = a[~np.isnan(a)]
    b = b[~np.isnan(b)]
    w = stats.wasserstein_distance(a, b) / np.std(a)
    out["wasserstein"]["seconds"] += time.perf_counter() - t
    out["wasserstein"]["values"].append(float(w))
    t = time.perf_counter()
    r = stats.ks_2samp(a, b, method='asymp')
    out["ks"]["seconds"] += time.perf_counter() - t
    out["ks"]["values"].append([float(r.statistic), float(r.pvalue)])
print(json.dumps(out))
