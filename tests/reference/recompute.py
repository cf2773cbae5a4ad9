#!/usr/bin/env python3
"""Reference check: recomputes every financial output of every scenario from the
resolved inputs that `mkreport metrics --json` exports, independently of the C code
(docs/model.md is the specification), and compares them to 1e-9 relative (absolute
1e-9 near zero). It also recomputes the scenarios' posterior weights from their prior
weights and the exported evidence by Bayes' rule (in log space, all events at once),
the weights after each event, and every finance expectation under both weightings. Prints each failure and "N passed, M failed"; exits 1 on a failure.
Usage: recompute.py MKREPORT CONTENT_DIR...   or   recompute.py --json FILE..."""
import json
import math
import subprocess
import sys

import numpy as np

TOL = 1e-9


def arr(v):
    """A JSON array with nulls as NaN."""
    return np.array([np.nan if x is None else float(x) for x in v])


def num(v):
    return math.nan if v is None else float(v)


def hosting_margin(inp):
    """Azure's margin after depreciation: gross margin - capex per revenue / life."""
    capex = inp.get("capex_per_revenue") or 0.0
    if capex <= 0:
        return inp["azure_gross_margin"]
    return inp["azure_gross_margin"] - capex / inp["useful_life"]


def invest(inp, t0, n):
    """Investment cost (cash + credits at cost), total, and what each year's tranches
    add to the funded pool (credits + funded_cash_share x cash)."""
    cost, funds = np.zeros(n), np.zeros(n)
    total = 0.0
    hm = hosting_margin(inp)
    fcs = inp.get("funded_cash_share") or 0.0
    for t in inp["tranches"]:
        total += t["amount"]
        i = int(t["year"]) - t0
        cash = t["amount"] * t["cash_fraction"]
        credits = t["amount"] * (1 - t["cash_fraction"])
        if 0 <= i < n:
            cost[i] += cash + credits * (1 - hm)
            funds[i] += credits + cash * fcs
    return cost, total, funds


def funded(azure, funds):
    """Azure spend paid with Microsoft's money: each year draws on the pool of the
    investment not yet spent back on Azure."""
    pool, out = 0.0, np.zeros(len(azure))
    for i, az in enumerate(azure):
        pool += funds[i]
        out[i] = min(pool, az) if pool > 0 and az > 0 else 0.0
        pool -= out[i]
    return out


def revenue(inp, n):
    act = arr(inp["revenue_actual"])
    g0, gi, d = inp["growth_initial"], inp["growth_terminal"], inp["growth_decay"]
    rev, growth = np.zeros(n), np.full(n, np.nan)
    rev[0] = inp["revenue_initial"] if math.isnan(act[0]) else act[0]
    for i in range(1, n):
        growth[i] = gi + (g0 - gi) * d ** (i - 1)
        rev[i] = rev[i - 1] * (1 + growth[i]) if math.isnan(act[i]) else act[i]
    return rev, growth


def margin(inp, t0, n):
    act = arr(inp["margin_actual"])
    m0, mi, tm = inp["margin_initial"], inp["margin_terminal"], int(inp["margin_terminal_year"])
    out = np.zeros(n)
    for i in range(n):
        t = t0 + i
        if tm <= t0 or t >= tm:
            path = mi
        else:
            path = m0 + (mi - m0) * (t - t0) / (tm - t0)
        out[i] = path if math.isnan(act[i]) else act[i]
    return out


def waterfall(inp, dist, total, t0):
    """Receipts: a1 until recoup, a2 until the cap, split exactly at each threshold."""
    cap = math.inf if inp["cap_multiple"] is None else inp["cap_multiple"] * total
    limits = [(min(inp["recoup_multiple"] * total, cap), inp["a1"]), (cap, inp["a2"])]
    got, cum = np.zeros(len(dist)), 0.0
    for i, d in enumerate(dist):
        if t0 + i > inp["waterfall_end_year"]:
            continue
        rem = d
        for limit, share in limits:
            if rem <= 0 or cum >= limit:
                continue
            if share <= 0:
                rem = 0
                continue
            pay = min(share * rem, limit - cum)
            got[i] += pay
            rem = 0 if share * rem <= limit - cum else rem - pay / share
            cum += pay
    return got


def irr(cf):
    """Lowest root of NPV in (-0.99, 10]: a finer scan than the C code's, then bisection."""
    if not np.any(cf != 0):
        return math.nan
    grid = np.concatenate([np.linspace(-0.99, 1, 3981), np.linspace(1.0025, 10, 3600)])
    k = np.arange(len(cf))
    vals = np.array([np.sum(cf / (1 + r) ** k) for r in grid])
    for j in range(len(grid)):
        if vals[j] == 0:
            return grid[j]
        if j and np.signbit(vals[j]) != np.signbit(vals[j - 1]):
            lo, hi, flo = grid[j - 1], grid[j], vals[j - 1]
            while hi - lo > 1e-13:
                mid = (lo + hi) / 2
                fm = np.sum(cf / (1 + mid) ** k)
                if np.signbit(fm) == np.signbit(flo):
                    lo, flo = mid, fm
                else:
                    hi = mid
            return (lo + hi) / 2
    return math.nan


def payback(cf, cum, t0):
    if cum[0] >= 0:
        return float(t0)
    for i in range(1, len(cum)):
        if cum[i] >= 0 and cum[i - 1] < 0:
            return t0 + i - 1 - cum[i - 1] / cf[i]
    return math.nan


def payback_final(cf, cum, t0):
    """The crossing out of the last negative year; t0 if none is negative; NaN if the
    last year is negative (the cumulative never settles)."""
    neg = np.flatnonzero(cum < 0)
    if len(neg) == 0:
        return float(t0)
    j = int(neg[-1])
    if j == len(cum) - 1:
        return math.nan
    return t0 + j - cum[j] / cf[j + 1]


def lens(cf, inflows, cost, rate, t0):
    """One lens's summary numbers from its cash flows (docs/model.md, Lenses)."""
    cum = np.cumsum(cf)
    return {"payback_year": payback(cf, cum, t0),
            "payback_year_final": payback_final(cf, cum, t0),
            "npv": float(np.sum(cf / (1 + rate) ** np.arange(len(cf)))),
            "irr": irr(cf),
            "moic": inflows / cost if cost else math.nan}


def lenses(o, rate, t0):
    """The three lenses: contractual cash, plus hosting profit, plus the final mark."""
    cost = o["investment_cost"].sum()
    cash_in = o["waterfall"] + o["revenue_share"] + o["stake_sale"]
    host_in = cash_in + o["hosting_profit"]
    final = np.zeros(len(cash_in))
    final[-1] = o["equity_mark"][-1]
    return {"cash": lens(cash_in - o["investment_cost"], cash_in.sum(), cost, rate, t0),
            "cash_hosting": lens(host_in - o["investment_cost"], host_in.sum(), cost,
                                 rate, t0),
            "marked": lens(host_in + final - o["investment_cost"],
                           host_in.sum() + final[-1], cost, rate, t0)}


def recompute(inp):
    """Every output of docs/model.md from the resolved inputs."""
    t0, n = int(inp["start_year"]), int(inp["end_year"]) - int(inp["start_year"]) + 1
    o = {}
    o["investment_cost"], o["total_investment"], funds = invest(inp, t0, n)
    o["hosting_margin"] = hosting_margin(inp)
    o["revenue"], o["growth"] = revenue(inp, n)
    o["margin"] = margin(inp, t0, n)
    o["profit"] = o["revenue"] * o["margin"]
    loss, L, D = inp["loss_carryforward_initial"], np.zeros(n), np.zeros(n)
    for i, p in enumerate(o["profit"]):
        D[i] = max(0.0, p - loss)
        loss = max(0.0, loss - p)
        L[i] = loss
    o["loss_carryforward"], o["distributable"] = L, D
    o["waterfall"] = waterfall(inp, D, o["total_investment"], t0)
    o["revenue_share"] = arr(inp["revenue_share_rate"]) * o["revenue"]
    spend = arr(inp["compute_spend"])
    o["compute_spend"] = np.where(np.isnan(spend), arr(inp["compute_intensity"]) * o["revenue"], spend)
    o["azure_spend"] = o["compute_spend"] * arr(inp["azure_share"])
    o["compute_spend_cumulative"] = np.cumsum(o["compute_spend"])
    o["azure_spend_cumulative"] = np.cumsum(o["azure_spend"])
    o["funded_compute"] = funded(o["azure_spend"], funds)
    o["hosting_profit"] = (o["azure_spend"] - o["funded_compute"]) * o["hosting_margin"]
    mark = arr(inp["stake"]) * arr(inp["valuation"])
    years = np.arange(t0, t0 + n)
    sy, sf = inp["sale_year"], num(inp["sale_fraction"])
    if sy is None:
        o["equity_mark"], o["stake_sale"] = mark, np.zeros(n)
    else:
        o["equity_mark"] = np.where(years >= sy, mark * (1 - sf), mark)
        o["stake_sale"] = np.where(years == sy, mark * sf, 0.0)
    inflow = o["waterfall"] + o["revenue_share"] + o["hosting_profit"] + o["stake_sale"]
    o["cash_flow"] = inflow - o["investment_cost"]
    o["cumulative"] = np.cumsum(o["cash_flow"])
    o["npv"] = float(np.sum(o["cash_flow"] / (1 + inp["discount_rate"]) ** np.arange(n)))
    o["irr"] = irr(o["cash_flow"])
    cost = o["investment_cost"].sum()
    o["inflows"] = float(inflow.sum())
    o["moic"] = o["inflows"] / cost if cost else math.nan
    o["moic_marked"] = (o["inflows"] + o["equity_mark"][-1]) / cost if cost else math.nan
    o["payback_year"] = payback(o["cash_flow"], o["cumulative"], t0)
    for name, vals in lenses(o, inp["discount_rate"], t0).items():
        for key, v in vals.items():
            o["lenses.%s.%s" % (name, key)] = v
    return o


def close(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= TOL * max(abs(a), abs(b)) or abs(a - b) <= TOL


def check(doc, label, tally):
    for name, sc in doc["scenarios"].items():
        mine, fin = recompute(sc["inputs"]), sc["finance"]
        for key, want in mine.items():
            got = fin.get(key)
            if key.startswith("lenses."):
                _, ln, field = key.split(".")
                got = fin.get("lenses", {}).get(ln, {}).get(field)
            if got is None and not isinstance(want, np.ndarray) and math.isnan(want):
                tally[0] += 1
                continue
            if got is None:
                tally[1] += 1
                print("FAIL %s %s: %s missing from the export" % (label, name, key))
                continue
            g = arr(got) if isinstance(got, list) else [num(got)]
            w = want if isinstance(want, np.ndarray) else [want]
            bad = [i for i in range(len(w)) if len(g) != len(w) or not close(g[i], w[i])]
            if bad:
                tally[1] += 1
                i = bad[0]
                print("FAIL %s %s.%s[%d]: mkreport %r, reference %r"
                      % (label, name, key, i, g[i] if i < len(g) else None, w[i]))
            else:
                tally[0] += 1


def posterior(doc):
    """Returns (names, prior, posterior, weights after each event) from the export."""
    names = [n for n, sc in doc["scenarios"].items() if sc.get("prior_probability") is not None]
    prior = np.array([doc["scenarios"][n]["prior_probability"] for n in names], dtype=float)
    logw, after = np.log(prior), []
    for ev in doc.get("evidence", []):
        logw = logw + np.log(np.array([ev["likelihood"][n] for n in names], dtype=float))
        w = np.exp(logw - logw.max())
        after.append(w / w.sum())
    w = np.exp(logw - logw.max()) if names else logw
    return names, prior / prior.sum(), (w / w.sum() if names else w), after


MISSING = object()


def scenario_value(sc, key):
    """The per-scenario value behind expectation key ("finance.npv",
    "finance.lens.cash.moic", "finance.cumulative"): a number, None (null), a list, or
    MISSING when the export does not carry it per scenario."""
    parts, fin = key.split("."), sc["finance"]
    if len(parts) == 4 and parts[:2] == ["finance", "lens"]:
        return fin.get("lenses", {}).get(parts[2], {}).get(parts[3], MISSING)
    if len(parts) == 2 and parts[0] == "finance":
        return fin.get(parts[1], MISSING)
    return MISSING


def expect(doc, names, w, key):
    """The weights w times each scenario's value of key, or MISSING."""
    vals = [scenario_value(doc["scenarios"][n], key) for n in names]
    if any(v is MISSING for v in vals):
        return MISSING
    if all(isinstance(v, list) for v in vals):
        return sum(wi * arr(v) for wi, v in zip(w, vals))
    return sum(wi * num(v) for wi, v in zip(w, vals))


def check_bayes(doc, label, tally):
    def cmp(what, got, want):
        g = arr(got) if isinstance(got, list) else np.array([num(got)])
        wv = np.atleast_1d(want)
        if len(g) == len(wv) and all(close(a, b) for a, b in zip(g, wv)):
            tally[0] += 1
        else:
            tally[1] += 1
            print("FAIL %s %s: mkreport %r, reference %r" % (label, what, got, want))
    names, prior, post, after = posterior(doc)
    for i, n in enumerate(names):
        cmp("%s.posterior_probability" % n, doc["scenarios"][n]["posterior_probability"], post[i])
    for ev, w in zip(doc.get("evidence", []), after):
        for i, n in enumerate(names):
            cmp("evidence %s.weight_after.%s" % (ev["id"], n), ev["weight_after"][n], w[i])
    for obj, w in (("expected", prior), ("expected_posterior", post)):
        for key, got in doc.get(obj, {}).items():
            want = expect(doc, names, w, key)
            if want is not MISSING:
                cmp("%s[%s]" % (obj, key), got["values"] if isinstance(got, dict) else got,
                    want)


def main():
    args, tally = sys.argv[1:], [0, 0]
    if len(args) >= 2 and args[0] == "--json":
        docs = [(f, json.load(open(f))) for f in args[1:]]
    elif len(args) >= 2:
        docs = [(d, json.loads(subprocess.run([args[0], "metrics", "-C", d, "--json"],
                check=True, capture_output=True, text=True).stdout)) for d in args[1:]]
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for label, doc in docs:
        check(doc, label, tally)
        check_bayes(doc, label, tally)
    print("%d passed, %d failed" % (tally[0], tally[1]))
    return 1 if tally[1] else 0


if __name__ == "__main__":
    sys.exit(main())
