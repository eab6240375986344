"""Peer of bench:score: the same 6-segment priority bundle scored with numpy's np.select (and pandas with the
text column as strings), on the very columns bench/score.mjs generated (raw little-endian files in a folder).
Prints one JSON line: seconds (median of 5) for numpy and pandas, and the segment sizes, for the side-by-side table."""
import json
import os
import sys
import time

import numpy as np
import pandas as pd

folder = sys.argv[1]
meta = json.load(open(os.path.join(folder, 'meta.json')))
n = meta['rows']
col = {name: np.fromfile(os.path.join(folder, name + '.f64'), dtype='<f8') for name in meta['numeric']}
codes = np.fromfile(os.path.join(folder, 'city.i32'), dtype='<i4')
dictionary = np.array(meta['cities'] + [None], dtype=object)
city_str = dictionary[codes]  # code -1 -> None (missing)


def z(x):
    # Missing counts as 0 in comparisons, as in JSON Logic and seglab's scorers.
    return np.nan_to_num(x, nan=0.0)


def conditions(c, city_in, city_eq7):
    r, f, m, d, a = (z(c['recency_days']), z(c['frequency']), z(c['monetary_total']), z(c['discount_share']), z(c['cart_abandonment_rate']))
    return [
        (m >= 3000) & (r <= 90),
        r > 365,
        (d >= 0.6) & (2 < f) & (f < 20),
        (a >= 0.7) | city_in,
        (f >= 10) & ~city_eq7,
        f < 2,
    ]


def numpy_run():
    city_in = np.isin(codes, [meta['cities'].index(x) for x in ('city-1', 'city-2', 'city-3')])
    city_eq7 = codes == meta['cities'].index('city-7')
    return np.select(conditions(col, city_in, city_eq7), [0, 1, 2, 3, 4, 5], default=6)


def pandas_run(df):
    city = df['city']
    city_in = city.isin(['city-1', 'city-2', 'city-3']).to_numpy()
    city_eq7 = (city == 'city-7').to_numpy()
    cols = {k: df[k].to_numpy() for k in meta['numeric']}
    return np.select(conditions(cols, city_in, city_eq7), [0, 1, 2, 3, 4, 5], default=6)


def median_of(fn, *args):
    times = []
    out = None
    for _ in range(5):
        t = time.perf_counter()
        out = fn(*args)
        times.append(time.perf_counter() - t)
    times.sort()
    return times[2], out


df = pd.DataFrame({**col, 'city': city_str})
numpy_s, out = median_of(numpy_run)
pandas_s, out_pd = median_of(pandas_run, df)
assert (out == out_pd).all()
print(json.dumps({'rows': n, 'numpy': numpy_s, 'pandas': pandas_s, 'sizes': np.bincount(out, minlength=7).tolist(), 'versions': {'numpy': np.__version__, 'pandas': pd.__version__}}))
