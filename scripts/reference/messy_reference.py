#!/usr/bin/python3
"""Expected drift results on the messy pairs (scripts/reference/messy-pairs.ts), read the way a
person reads them with pandas: the right separators, decimal and thousands marks, day-first or
month-first dates, json_normalize for nested records, text markers coerced to missing in numerical
columns, and the columns a person would test (ids, free text and dates left out). Statistics come
from drift_reference.py's test_column (pandas + SciPy), so nothing here is edgeprobe's code.

Usage: /usr/bin/python3 scripts/reference/messy_reference.py DIR > messy.json
DIR holds the files written by writeMessyPairs (NAME_ref.EXT, NAME_cur.EXT).
"""
import json
import os
import sys

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from drift_reference import DATASET_SHARE, strict, test_column  # noqa: E402


def report(ref, cur, numerical, categorical, excluded, timeline=None):
    cols = []
    for name in [c for c in ref.columns if c in numerical or c in categorical]:
        num = name in numerical
        r, c = ref[name], cur[name]
        if num:
            r, c = pd.to_numeric(r, errors="coerce"), pd.to_numeric(c, errors="coerce")
        else:
            # 3 and "3" are one category: compare their text.
            r = r.map(lambda v: v if pd.isna(v) else str(v))
            c = c.map(lambda v: v if pd.isna(v) else str(v))
        cols.append(test_column(name, r, c, num))
    drifted = sum(c["drift"] for c in cols)
    share = drifted / len(cols) if cols else 0.0
    out = {"columns": cols, "dataset": {"driftShare": share, "drifted": share >= DATASET_SHARE, "threshold": DATASET_SHARE},
           "excluded": excluded}
    if timeline is not None:
        out["timeline"] = timeline
    return out


def months(dates):
    counts = dates.dt.strftime("%Y-%m").value_counts().sort_index()
    return [{"label": k, "rows": int(v)} for k, v in counts.items()]


def main():
    d = sys.argv[1]
    p = lambda name, side, ext: os.path.join(d, f"{name}_{side}.{ext}")
    out = {}

    ref, cur = pd.read_json(p("cars_markers", "ref", "json")), pd.read_json(p("cars_markers", "cur", "json"))
    out["cars_markers"] = report(ref, cur,
        numerical=["Miles_per_Gallon", "Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration"],
        categorical=["Origin"], excluded=["Name", "Year"])

    ref = pd.read_csv(p("seattle_eu", "ref", "csv"), sep=";", decimal=",")
    cur = pd.read_csv(p("seattle_eu", "cur", "csv"), sep=";", decimal=",")
    cur_dates = pd.to_datetime(cur["date"], dayfirst=True, format="%d.%m.%Y")
    out["seattle_eu"] = report(ref, cur, numerical=["precipitation", "temp_max", "temp_min", "wind"],
        categorical=["weather"], excluded=["date"], timeline=months(cur_dates))

    ref = pd.read_csv(p("flights_us_thousands", "ref", "csv"), thousands=",")
    cur = pd.read_csv(p("flights_us_thousands", "cur", "csv"), thousands=",")
    cur_dates = pd.to_datetime(cur["date"], format="%m/%d/%Y %H:%M")
    out["flights_us_thousands"] = report(ref, cur, numerical=["delay", "distance"], categorical=["origin", "destination"],
        excluded=["date"], timeline=months(cur_dates))

    read = lambda f: pd.json_normalize([json.loads(line) for line in open(f) if line.strip()])
    ref, cur = read(p("cars_nested", "ref", "jsonl")), read(p("cars_nested", "cur", "jsonl"))
    out["cars_nested"] = report(ref, cur,
        numerical=["weight", "engine.cylinders", "engine.displacement", "engine.horsepower", "performance.mpg", "performance.acceleration"],
        categorical=["origin"], excluded=["name", "year"])

    print(json.dumps(strict(out), indent=2, allow_nan=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
