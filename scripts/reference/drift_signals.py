#!/usr/bin/python3
"""Write tests/fixtures/drift/signals.json: independent NumPy references for

* Evidently's `psi` stattest (evidently.calculations.stattests.psi + utils.get_binned_data):
  numerical columns with > 20 distinct reference values get np.histogram_bin_edges(concat, 'sturges'),
  others one bin per value; shares over each side's non-missing count; zero shares replaced by 0.0001,
  or by min(non-zero)/1e6 when that minimum is <= 0.0001; psi = sum((r - c) * ln(r / c)).
* NannyML's DataReconstructionDriftCalculator: mean/most-frequent imputation, CountEncoder
  (normalize=True, unseen -> 0), StandardScaler (ddof 0, zero scale -> 1), PCA(n_components=0.65) via
  SVD with sklearn's component rule, row-wise euclidean reconstruction error; thresholds mean +- 3 std
  (ddof 1) of the reference chunks' mean errors.
* NannyML-style bands: mean +- 3 std (ddof 1) of a statistic over chunks.

Run: python3 scripts/reference/drift_signals.py   (NumPy only; written with numpy 2.x)
Evidently, scikit-learn and NannyML are not installed here: their formulas are re-stated with NumPy.
"""
import json
import math
import os

import numpy as np

rng = np.random.default_rng(20261201)
OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'fixtures', 'drift', 'signals.json')


def fill_zeroes(p):
    p = p.copy()
    nz = p[p != 0]
    m = nz.min()
    p[p == 0] = m / 10**6 if m <= 0.0001 else 0.0001
    return p


def evidently_psi(ref, cur, numerical):
    """ref/cur: lists (numbers or strings), missing already dropped."""
    if numerical and len(set(ref)) > 20:
        r = np.asarray(ref, float)
        c = np.asarray(cur, float)
        bins = np.histogram_bin_edges(np.concatenate([r, c]), bins='sturges')
        rp = np.histogram(r, bins)[0] / len(r)
        cp = np.histogram(c, bins)[0] / len(c)
    else:
        keys = sorted(set(ref) | set(cur), key=str)
        rp = np.array([ref.count(k) / len(ref) for k in keys])
        cp = np.array([cur.count(k) / len(cur) for k in keys])
    rp = fill_zeroes(rp)
    cp = fill_zeroes(cp)
    return float(np.sum((rp - cp) * np.log(rp / cp)))


def r4(a):
    return [float(x) for x in np.round(a, 4)]


psi_cases = []
a = r4(rng.normal(0, 1, 400))
b = r4(rng.normal(0.3, 1.2, 300))
psi_cases.append({'name': 'normal shift (Sturges bins)', 'kind': 'numerical', 'ref': a, 'cur': b})
a = [float(x) for x in rng.integers(0, 8, 500)]
b = [float(x) for x in rng.integers(0, 10, 200)]
psi_cases.append({'name': 'few distinct integers (one bin per value, new values)', 'kind': 'numerical', 'ref': a, 'cur': b})
a = r4(rng.exponential(2, 1000))
psi_cases.append({'name': 'identical samples', 'kind': 'numerical', 'ref': a, 'cur': a})
cats = ['red', 'green', 'blue', 'teal']
a = [cats[i] for i in rng.choice(3, 600, p=[0.5, 0.3, 0.2])]
b = [cats[i] for i in rng.choice(4, 250, p=[0.3, 0.3, 0.2, 0.2])]
psi_cases.append({'name': 'categories with one unseen', 'kind': 'categorical', 'ref': a, 'cur': b})
# One reference share of 1/20000 <= 0.0001: its side's zeros are filled with min/1e6.
a = ['a'] * 12000 + ['b'] * 7999 + ['rare']
b = ['a'] * 50 + ['b'] * 40 + ['c'] * 10
psi_cases.append({'name': 'tiny reference share (min/1e6 filling)', 'kind': 'categorical', 'ref_counts': {'a': 12000, 'b': 7999, 'rare': 1},
                  'cur_counts': {'a': 50, 'b': 40, 'c': 10}})
for c in psi_cases:
    if 'ref_counts' in c:
        ref = [k for k, n in c['ref_counts'].items() for _ in range(n)]
        cur = [k for k, n in c['cur_counts'].items() for _ in range(n)]
    else:
        ref, cur = c['ref'], c['cur']
    c['psi'] = evidently_psi(ref, cur, c['kind'] == 'numerical')
    c['call'] = 'evidently_psi(ref, cur) as in this script (Evidently psi_stat_test, n_bins unused for Sturges)'


def count_encode_fit(col):
    vals, counts = np.unique(col, return_counts=True)
    return {v: n / len(col) for v, n in zip(vals.tolist(), counts.tolist())}


def most_frequent(col):
    vals, counts = np.unique(col, return_counts=True)
    return vals[np.argmax(counts)]  # np.unique sorts: the smallest value wins ties, as SimpleImputer


class Recon:
    def __init__(self, num, cat):
        self.means = np.nanmean(num, axis=0)
        num = np.where(np.isnan(num), self.means, num)
        self.modes = [most_frequent([v for v in col if v is not None]) for col in cat.T]
        cat = self.impute_cat(cat)
        self.freqs = [count_encode_fit(col) for col in cat.T]
        x = np.hstack([num, self.encode_cat(cat)])
        self.mu = x.mean(axis=0)
        sd = x.std(axis=0)
        self.sd = np.where(sd == 0, 1.0, sd)
        z = (x - self.mu) / self.sd
        self.center = z.mean(axis=0)
        _, s, vt = np.linalg.svd(z - self.center, full_matrices=False)
        var = s**2 / (len(z) - 1)
        ratio = var / var.sum()
        self.k = int(np.searchsorted(np.cumsum(ratio), 0.65, side='right') + 1)
        self.ratio = ratio
        self.comp = vt[: self.k]

    def impute_cat(self, cat):
        out = np.array(cat, dtype=object)
        for j in range(out.shape[1]):
            for i in range(out.shape[0]):
                if out[i, j] is None:
                    out[i, j] = self.modes[j]
        return out

    def encode_cat(self, cat):
        return np.array([[self.freqs[j].get(v, 0.0) for j, v in enumerate(row)] for row in cat], dtype=float)

    def errors(self, num, cat):
        num = np.where(np.isnan(num), self.means, num)
        x = np.hstack([num, self.encode_cat(self.impute_cat(cat))])
        z = (x - self.mu) / self.sd
        zc = z - self.center
        rec = zc @ self.comp.T @ self.comp
        return np.linalg.norm(zc - rec, axis=1)


def make(n, rotate, unseen):
    s = rng.normal(0, 1, n)
    x1 = s + rng.normal(0, 1, n) / 8
    x2 = (-s if rotate else s) + rng.normal(0, 1, n) / 8
    x3 = rng.normal(0, 1, n) / 2
    num = np.round(np.stack([x1, x2, x3], axis=1), 4)
    num[rng.random(n) < 0.03, 2] = np.nan
    cats = np.array(['a', 'b', 'c', 'd'] if unseen else ['a', 'b', 'c', 'c'], dtype=object)
    cat = cats[rng.integers(0, 4, n)].reshape(-1, 1)
    cat[rng.random(n) < 0.02, 0] = None
    return num, cat


ref_num, ref_cat = make(600, False, False)
cur_num, cur_cat = make(300, True, True)
model = Recon(ref_num, ref_cat)
ref_err = model.errors(ref_num, ref_cat)
cur_err = model.errors(cur_num, cur_cat)
chunk = 100
ref_chunks = [float(ref_err[i:i + chunk].mean()) for i in range(0, 600, chunk)]
cur_chunks = [float(cur_err[i:i + chunk].mean()) for i in range(0, 300, chunk)]
m = float(np.mean(ref_chunks))
sd = float(np.std(ref_chunks, ddof=1))


def enc(v):
    return None if (isinstance(v, float) and math.isnan(v)) else v


def table(num, cat):
    return {'x1': [enc(float(v)) for v in num[:, 0]], 'x2': [enc(float(v)) for v in num[:, 1]],
            'x3': [enc(float(v)) for v in num[:, 2]], 'c': [v for v in cat[:, 0]]}


pca = {
    'call': 'Recon(ref) as in this script (NannyML DataReconstructionDriftCalculator, chunk_size=100)',
    'reference': table(ref_num, ref_cat), 'current': table(cur_num, cur_cat), 'chunkRows': chunk,
    'components': model.k, 'explainedRatio': [float(r) for r in model.ratio],
    'referenceRowErrors': [float(e) for e in ref_err[:10]], 'currentRowErrors': [float(e) for e in cur_err[:10]],
    'referenceChunks': ref_chunks, 'currentChunks': cur_chunks, 'currentMean': float(cur_err.mean()),
    'band': {'mean': m, 'std': sd, 'lower': max(m - 3 * sd, 0.0), 'upper': m + 3 * sd},
}

vals = r4(rng.normal(0.1, 0.02, 12))
bands = {'call': 'mean +- 3 * np.std(values, ddof=1)', 'values': vals, 'mean': float(np.mean(vals)), 'std': float(np.std(vals, ddof=1))}

with open(OUT, 'w') as f:
    json.dump({'generator': 'scripts/reference/drift_signals.py', 'numpy': np.__version__, 'psi': psi_cases, 'pca': pca, 'band': bands}, f)
    f.write('\n')
print('wrote', OUT)
