#!/usr/bin/python3
"""edgeprobe's independent drift reference, in pandas + SciPy.

It follows the documented defaults of Evidently's DataDrift preset (the stattest chosen per column
by type and reference size; dataset drift when the share of drifted columns is >= 0.5):

  reference rows <= 1000:  numerical with > 5 distinct values   -> two-sample KS, drift if p <= 0.05
                           otherwise > 2 distinct values         -> chi-square,    drift if p < 0.05
                           otherwise (binary)                    -> two-proportion z-test, p < 0.05
  reference rows  > 1000:  numerical with > 5 distinct values   -> Wasserstein distance / std(reference)
                                                                    (std floored at 0.001), drift if >= 0.1
                           otherwise                             -> Jensen-Shannon distance (natural log)
                                                                    of the binned shares, drift if >= 0.1

Distinct values count over both sets together. Binning for Jensen-Shannon: numerical columns with
more than 20 distinct reference values get Sturges equal-width bins on the pooled data, all others
one bin per value. The z-test compares the share of the first category in sorted order. Beside
the test, numerical columns get a PSI on reference deciles with empty shares floored at 1e-4.

Columns are numerical when pandas reads them as numeric in both files; missing values (and
+-inf in numerical columns) are dropped per column before testing.

Usage (Debian: apt-get install python3-scipy python3-pandas):
    /usr/bin/python3 scripts/reference/drift_reference.py --reference REF.csv --current CUR.csv [--json OUT.json]

The JSON is strict: infinities are written as the strings "Infinity" / "-Infinity".
"""
import argparse
import json
import math
import sys

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial.distance import jensenshannon

P_THRESHOLD = 0.05
DISTANCE_THRESHOLD = 0.1
DATASET_SHARE = 0.5
SMALL_REFERENCE = 1000


def categories(ref, cur):
    """Every value seen in either set, in a stable order (sorted by its text)."""
    return sorted(set(ref.unique()).union(cur.unique()), key=str)


def counts(series, keys):
    return series.value_counts().reindex(keys, fill_value=0).to_numpy(dtype=float)


def chi_square(ref, cur):
    keys = categories(ref, cur)
    observed = counts(cur, keys)
    expected = counts(ref, keys) / len(ref) * len(cur)
    if np.any((expected == 0) & (observed > 0)):
        # a category the reference never had: infinitely unlikely under it
        return math.inf, 0.0
    res = stats.chisquare(observed, expected)
    return float(res.statistic), float(res.pvalue)


def two_proportion_z(ref, cur):
    first = categories(ref, cur)[0]
    p1, p2 = float((ref == first).mean()), float((cur == first).mean())
    n1, n2 = len(ref), len(cur)
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 0.0, 1.0
    z = (p1 - p2) / se
    return z, float(2 * stats.norm.sf(abs(z)))


def binned_shares(ref, cur, numerical):
    if numerical and ref.nunique() > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref.to_numpy(float), cur.to_numpy(float)]), bins="sturges")
        return (np.histogram(ref.to_numpy(float), edges)[0] / len(ref),
                np.histogram(cur.to_numpy(float), edges)[0] / len(cur))
    keys = categories(ref, cur)
    return counts(ref, keys) / len(ref), counts(cur, keys) / len(cur)


def psi_quantile(ref, cur, bins=10, floor=1e-4):
    edges = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    r = np.maximum(np.histogram(ref, edges)[0] / len(ref), floor)
    c = np.maximum(np.histogram(cur, edges)[0] / len(cur), floor)
    return float(np.sum((c - r) * np.log(c / r)))


def test_column(name, ref_all, cur_all, numerical):
    ref, cur = ref_all, cur_all
    if numerical:
        ref = ref.replace([np.inf, -np.inf], np.nan)
        cur = cur.replace([np.inf, -np.inf], np.nan)
    ref, cur = ref.dropna(), cur.dropna()
    col = {
        "name": name,
        "kind": "numerical" if numerical else "categorical",
        "missingRef": 1 - len(ref) / max(len(ref_all), 1),
        "missingCur": 1 - len(cur) / max(len(cur_all), 1),
    }
    distinct = pd.concat([ref, cur]).nunique()
    many = numerical and distinct > 5
    if len(ref) <= SMALL_REFERENCE:
        if many:
            res = stats.ks_2samp(ref.to_numpy(float), cur.to_numpy(float))
            stat, p, drift, test = float(res.statistic), float(res.pvalue), res.pvalue <= P_THRESHOLD, "ks"
        elif distinct > 2:
            stat, p = chi_square(ref, cur)
            drift, test = p < P_THRESHOLD, "chisquare"
        else:
            stat, p = two_proportion_z(ref, cur)
            drift, test = p < P_THRESHOLD, "z"
        col.update(test=test, statistic=stat, pValue=p, threshold=P_THRESHOLD, drift=bool(drift))
    else:
        if many:
            r, c = ref.to_numpy(float), cur.to_numpy(float)
            stat, test = float(stats.wasserstein_distance(r, c) / max(np.std(r), 0.001)), "wasserstein"
        else:
            stat, test = float(jensenshannon(*binned_shares(ref, cur, numerical))), "jensenshannon"
        col.update(test=test, statistic=stat, pValue=None, threshold=DISTANCE_THRESHOLD, drift=bool(stat >= DISTANCE_THRESHOLD))
    if numerical:
        col["psi"] = psi_quantile(ref.to_numpy(float), cur.to_numpy(float))
    return col


def strict(value):
    """JSON has no infinities: write them as strings, NaN as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: strict(v) for k, v in value.items()}
    if isinstance(value, list):
        return [strict(v) for v in value]
    return value


def drift_report(ref_path, cur_path, columns=None):
    ref, cur = pd.read_csv(ref_path), pd.read_csv(cur_path)
    names = columns or [c for c in ref.columns if c in cur.columns]
    report = []
    for name in names:
        numerical = pd.api.types.is_numeric_dtype(ref[name]) and pd.api.types.is_numeric_dtype(cur[name])
        report.append(test_column(name, ref[name], cur[name], numerical))
    drifted = sum(c["drift"] for c in report)
    share = drifted / len(report) if report else 0.0
    return {"columns": report, "dataset": {"driftShare": share, "drifted": share >= DATASET_SHARE, "threshold": DATASET_SHARE}}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", required=True)
    ap.add_argument("--current", required=True)
    ap.add_argument("--columns", help="comma-separated; default: every column in both files")
    ap.add_argument("--json", help="write here instead of stdout")
    args = ap.parse_args()
    out = strict(drift_report(args.reference, args.current, args.columns.split(",") if args.columns else None))
    text = json.dumps(out, indent=2, allow_nan=False) + "\n"
    if args.json:
        with open(args.json, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
