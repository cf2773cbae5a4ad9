#!/usr/bin/python3
"""The Monte Carlo of mkreport's base scenario, vectorised with NumPy: the same model
(docs/model.md), the same inputs (the resolved base inputs of `mkreport metrics
--json`) and the same laws (triangular(low, value, high) for every input the export's
"sensitivity" lists, as tests/add-dists.py writes them). Times RUNS runs of N draws,
prints draws/s (median) and checks NPV's and payback's p5/p50/p95 against mkreport's
"monte_carlo" within a tolerance derived from N and mkreport's histogram bins.
Usage: mc_numpy.py METRICS.json N RUNS"""
import json
import math
import sys
import time

import numpy as np

# Input path -> (key in "inputs", tranche index or None).
SIMPLE = {"finance.discount_rate": "discount_rate",
          "finance.azure_gross_margin": "azure_gross_margin",
          "finance.revenue.initial": "revenue_initial",
          "finance.revenue.growth_initial": "growth_initial",
          "finance.revenue.growth_terminal": "growth_terminal",
          "finance.revenue.growth_decay": "growth_decay",
          "finance.margin.initial": "margin_initial",
          "finance.margin.terminal": "margin_terminal",
          "finance.loss_carryforward_initial": "loss_carryforward_initial",
          "finance.waterfall.share_until_recoup": "a1",
          "finance.waterfall.share_until_cap": "a2",
          "finance.waterfall.recoup_multiple": "recoup_multiple",
          "finance.waterfall.cap_multiple": "cap_multiple"}


def arr(v):
    return np.array([np.nan if x is None else float(x) for x in v])


def sample(inp, rows, n, rng):
    """Every input as a scalar or, if uncertain, an (n,) array of triangular draws."""
    p = dict(inp)
    p["tranches"] = [dict(t) for t in inp["tranches"]]
    for r in rows:
        path = r["path"]
        if path in SIMPLE:
            key, base = SIMPLE[path], inp[SIMPLE[path]]
            p[key] = rng.triangular(r["low"], base, r["high"], n)
        elif path.startswith("finance.tranches."):
            _, _, k, field = path.split(".")
            t = p["tranches"][int(k)]
            t[field] = rng.triangular(r["low"], inp["tranches"][int(k)][field], r["high"], n)
        else:
            raise SystemExit("mc_numpy.py: no mapping for input " + path)
    return p


def stage(rem, cum, limit, share, got):
    """One waterfall stage on arrays (model_fin_stage, vectorised)."""
    active = (rem > 0) & (cum < limit)
    room = limit - cum
    full = share * rem
    pay = np.where(active, np.minimum(full, room), 0.0)
    if np.ndim(share) == 0 and share <= 0:
        return np.where(active, 0.0, rem), cum, got
    left = np.where(active & (full > room), rem - pay / share, np.where(active, 0.0, rem))
    return left, cum + pay, got + pay


def model(p, t0, n, draws):
    """Cumulative cash flow (draws, n), NPV and payback year (draws,) of the sampled p."""
    capex = p.get("capex_per_revenue") or 0.0
    hm = p["azure_gross_margin"] - (capex / p["useful_life"] if capex > 0 else 0.0)
    fcs = p.get("funded_cash_share") or 0.0
    cost, funds = np.zeros((draws, n)), np.zeros((draws, n))
    total = 0.0
    for t in p["tranches"]:
        total = total + t["amount"]
        i = int(t["year"]) - t0
        if 0 <= i < n:
            cost[:, i] += t["amount"] * t["cash_fraction"] + \
                t["amount"] * (1 - t["cash_fraction"]) * (1 - hm)
            funds[:, i] += t["amount"] * (1 - t["cash_fraction"]) + \
                t["amount"] * t["cash_fraction"] * fcs
    cap = np.full(draws, np.inf) if p["cap_multiple"] is None else p["cap_multiple"] * total
    recoup = np.minimum(p["recoup_multiple"] * total, cap)
    ract, mact = arr(p["revenue_actual"]), arr(p["margin_actual"])
    rs, ci, az = arr(p["revenue_share_rate"]), arr(p["compute_intensity"]), arr(p["azure_share"])
    cs, mark = arr(p["compute_spend"]), arr(p["stake"]) * arr(p["valuation"])
    tm, m0, mi = int(p["margin_terminal_year"]), p["margin_initial"], p["margin_terminal"]
    rev = np.full(draws, p["revenue_initial"], dtype=float)
    loss = np.full(draws, float(p["loss_carryforward_initial"]))
    wcum, cum, pool = np.zeros(draws), np.zeros(draws), np.zeros(draws)
    cums = np.empty((draws, n))
    npv, disc = np.zeros(draws), 1.0 / (1 + p["discount_rate"])
    f = np.ones(draws)
    for i in range(n):
        t = t0 + i
        if i > 0:
            g = p["growth_terminal"] + (p["growth_initial"] - p["growth_terminal"]) * \
                p["growth_decay"] ** (i - 1)
            rev = rev * (1 + g)
        if not math.isnan(ract[i]):
            rev = np.full(draws, ract[i])
        if not math.isnan(mact[i]):
            m = mact[i]
        elif tm <= t0 or t >= tm:
            m = mi
        else:
            m = m0 + (mi - m0) * (t - t0) / (tm - t0)
        pr = rev * m
        rem = np.maximum(0, pr - loss)
        loss = np.maximum(0, loss - pr)
        got = np.zeros(draws)
        if t <= p["waterfall_end_year"]:
            rem, wcum, got = stage(rem, wcum, recoup, p["a1"], got)
            rem, wcum, got = stage(rem, wcum, cap, p["a2"], got)
        spend = ci[i] * rev if math.isnan(cs[i]) else cs[i]
        sale = mark[i] * p["sale_fraction"] if p["sale_year"] == t else 0.0
        azs = spend * az[i]
        pool = pool + funds[:, i]
        used = np.where((pool > 0) & (azs > 0), np.minimum(pool, azs), 0.0)
        pool = pool - used
        cf = got + rs[i] * rev + (azs - used) * hm + sale - cost[:, i]
        cum = cum + cf
        cums[:, i] = cum
        npv += cf * f
        f = f * disc
    return cums, npv, payback(cums, t0)


def payback(cums, t0):
    """First crossing from < 0 to >= 0, by the end-of-year rule; NaN if never."""
    draws, n = cums.shape
    out = np.where(cums[:, 0] >= 0, float(t0), np.nan)
    cross = (cums[:, 1:] >= 0) & (cums[:, :-1] < 0)
    has = cross.any(axis=1) & np.isnan(out)
    k = np.argmax(cross, axis=1) + 1
    rows = np.nonzero(has)[0]
    prev, cur = cums[rows, k[rows] - 1], cums[rows, k[rows]]
    out[rows] = t0 + k[rows] - 1 - prev / (cur - prev)
    return out


def run(doc, draws, seed):
    base = doc["scenarios"]["base"]["inputs"]
    rng = np.random.default_rng(seed)
    p = sample(base, doc["sensitivity"], draws, rng)
    t0 = int(base["start_year"])
    n = int(base["end_year"]) - t0 + 1
    return model(p, t0, n, draws)


def main():
    doc = json.load(open(sys.argv[1]))
    draws, runs = int(sys.argv[2]), int(sys.argv[3])
    times = []
    for k in range(runs):
        t = time.perf_counter()
        cums, npv, pb = run(doc, draws, 1000 + k)
        times.append(time.perf_counter() - t)
    med = sorted(times)[len(times) // 2]
    print("numpy: %d draws x %d runs, median %.3f s: %.0f draws/s" % (draws, runs, med, draws / med))
    mc, bad = doc["monte_carlo"], 0
    pb = np.where(np.isnan(pb), np.inf, pb)
    for name, x in (("npv", npv), ("payback_year", pb)):
        span = np.percentile(x[np.isfinite(x)], 99.9) - np.percentile(x[np.isfinite(x)], 0.1)
        for p in (5, 50, 95):
            q = np.percentile(x, p)
            dens = (np.percentile(x, p + 2) - np.percentile(x, p - 2)) / 0.04
            tol = 5 * dens * math.sqrt(p / 100 * (1 - p / 100)) * \
                (1 / math.sqrt(draws) + 1 / math.sqrt(mc["draws"])) + 2 * span / 2048
            got = mc[name]["p%d" % p]
            ok = abs(got - q) <= tol
            bad += not ok
            print("  %-12s p%-2d mkreport %12.6f  numpy %12.6f  |diff| %.2e  tol %.2e  %s"
                  % (name, p, got, q, abs(got - q), tol, "ok" if ok else "DIFFERS"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
