"""The peer of `seglab run` in bench/e2e.mjs: the same job written the way a Python data scientist would.

pandas read_csv of customers, transactions and events (usecols and categorical dtypes, so that 118M events
fit in memory at all), RFM and 30/60/90/365-day window aggregates as of asOf, engagement ratios from the
events, log1p + standard scaling, a scikit-learn KMeans sweep k = 2..8 (n_init 4, as seglab's nInit) with
the silhouette on a sample of 10,000, the best silhouette's k, and a bootstrap of 20 refits (ARI of each
refit's predictions against the labels). Prints one JSON object with the phase timings and the results.

Usage: python3 bench/peer_e2e.py DATA_DIR [AS_OF] [SEED]
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler

data = sys.argv[1]
as_of = pd.Timestamp(sys.argv[2] if len(sys.argv) > 2 else "2026-07-01")
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 42
phases = {}
t = time.perf_counter()


def phase(name):
    global t
    now = time.perf_counter()
    phases[name] = round(now - t, 2)
    t = now


customers = pd.read_csv(f"{data}/customers.csv.gz", usecols=["customer_id", "signup_date", "email_opt_in"], parse_dates=["signup_date"])
tx = pd.read_csv(
    f"{data}/transactions.csv.gz",
    usecols=["customer_id", "ts", "amount", "discount_used", "is_return"],
    dtype={"customer_id": "category"},
    parse_dates=["ts"],
)
phase("read customers + transactions")
events = pd.read_csv(
    f"{data}/events.csv.gz",
    usecols=["customer_id", "ts", "event_type"],
    dtype={"customer_id": "category", "event_type": "category"},
    parse_dates=["ts"],
)
phase("read events")

customers = customers[customers.signup_date < as_of]
tx = tx[tx.ts < as_of]
orders = tx[~tx.is_return]
days = (as_of - orders.ts).dt.days
f = pd.DataFrame(index=customers.customer_id)
g = orders.groupby("customer_id", observed=True)
f["recency_days"] = (as_of - g.ts.max()).dt.days
f["frequency"] = g.size()
f["monetary"] = tx.groupby("customer_id", observed=True).amount.sum()
f["monetary_avg"] = g.amount.mean()
f["discount_share"] = g.discount_used.mean()
for w in (30, 60, 90, 365):
    recent = orders[days < w].groupby("customer_id", observed=True)
    f[f"orders_{w}d"] = recent.size()
    f[f"spend_{w}d"] = recent.amount.sum()
f["tenure_days"] = (as_of - customers.set_index("customer_id").signup_date).dt.days
phase("RFM and order windows")

events = events[events.ts < as_of]
edays = (as_of - events.ts).dt.days
counts = events.groupby(["customer_id", "event_type"], observed=True).size().unstack(fill_value=0)
sessions = events[events.event_type == "session"]
f["sessions_90d"] = sessions[edays[sessions.index] < 90].groupby("customer_id", observed=True).size()
f["days_since_last_session"] = (as_of - sessions.groupby("customer_id", observed=True).ts.max()).dt.days
f["cart_abandonment_rate"] = counts.get("cart_abandoned", 0) / counts.get("add_to_cart", 0).replace(0, np.nan)
f["email_open_rate"] = counts.get("email_open", 0) / counts.get("email_sent", 0).replace(0, np.nan)
phase("event aggregates")

cols = ["recency_days", "orders_90d", "orders_365d", "monetary_avg", "discount_share", "sessions_90d", "cart_abandonment_rate", "email_open_rate", "tenure_days", "days_since_last_session"]
X = f[cols].copy()
for c in ["orders_90d", "orders_365d", "sessions_90d", "cart_abandonment_rate", "discount_share", "email_open_rate"]:
    X[c] = X[c].fillna(0)
for c in ["recency_days", "days_since_last_session"]:
    X[c] = X[c].fillna(X[c].max())
X = X.fillna(X.median())
for c in ["recency_days", "orders_90d", "orders_365d", "monetary_avg", "sessions_90d", "tenure_days", "days_since_last_session"]:
    X[c] = np.log1p(X[c].clip(lower=0))
Z = StandardScaler().fit_transform(X.to_numpy())
phase("prepare")

sweep = []
for k in range(2, 9):
    km = KMeans(n_clusters=k, n_init=4, random_state=seed).fit(Z)
    sil = silhouette_score(Z, km.labels_, sample_size=10_000, random_state=seed)
    sweep.append({"k": k, "inertia": float(km.inertia_), "silhouette": round(float(sil), 4)})
phase("KMeans sweep k=2..8")
best = max(sweep, key=lambda s: s["silhouette"])["k"]
final = KMeans(n_clusters=best, n_init=4, random_state=seed).fit(Z)
phase("final fit")
rng = np.random.default_rng(seed)
aris = []
for b in range(20):
    idx = rng.integers(0, len(Z), len(Z))
    boot = KMeans(n_clusters=best, n_init=4, random_state=seed + b + 1).fit(Z[idx])
    aris.append(adjusted_rand_score(final.labels_, boot.predict(Z)))
phase("bootstrap of 20")

sizes = np.bincount(final.labels_)
print(json.dumps({
    "customers": int(len(Z)),
    "transactions": int(len(tx)),
    "events": int(len(events)),
    "k": int(best),
    "shares": sorted([round(float(s) / len(Z), 4) for s in sizes], reverse=True),
    "sweep": sweep,
    "bootstrapAri": round(float(np.mean(aris)), 4),
    "phases": phases,
    "peakRssMB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
}))
