#!/usr/bin/env python3
"""Checks that two runs of a sweep agree bit for bit, timing and memory aside.

    compare-results.py TRIALS_A TRIALS_B [TABLE_A.csv TABLE_B.csv]

TRIALS_A and TRIALS_B are trial folders (RESULTS/<table>/<budget>/trials). Both must hold the same
trials, each with the same status, parameters and metrics; every float is compared by its 64 bits.
The optional CSV tables must have the same columns and the same cells. Metrics and columns that
measure time or memory (names ending in _seconds, steps_per_second, names starting with rss_) and
the provenance section (start time, thread counts) are left out. Exit 0 when all agree, 1 with
one line per difference otherwise, 2 on bad input.
"""
import csv
import math
import struct
import sys
from pathlib import Path

try:
    import yaml
except ImportError:
    sys.exit("compare-results: needs PyYAML (Debian: apt install python3-yaml; or pip install pyyaml)")


def is_timing(name):
    return name.endswith("_seconds") or name == "steps_per_second" or name.startswith("rss_")


def same_value(a, b):
    """Equal, with floats compared by their bits (so -0.0 != 0.0 and NaN == NaN of the same bits)."""
    if isinstance(a, float) and isinstance(b, float):
        return struct.pack(">d", a) == struct.pack(">d", b)
    if isinstance(a, float) or isinstance(b, float):
        return False  # 1 and 1.0 are written differently, so the runs did not agree
    return type(a) is type(b) and a == b


def load_trials(folder):
    path = Path(folder)
    if not path.is_dir():
        sys.exit(f"compare-results: {folder} is not a folder; pass RESULTS/<table>/<budget>/trials")
    trials = {}
    for file in sorted(path.glob("*.yaml")):
        with open(file, encoding="utf-8") as f:
            trials[file.stem] = yaml.safe_load(f)
    if not trials:
        sys.exit(f"compare-results: no trial results (*.yaml) in {folder}")
    return trials


def compare_trials(a_dir, b_dir):
    a, b = load_trials(a_dir), load_trials(b_dir)
    differences = []
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            differences.append(f"trial {name}: only in {a_dir if name in a else b_dir}")
            continue
        ta, tb = a[name], b[name]
        for key in ("table", "budget", "trial", "index", "status", "message", "complete"):
            if not same_value(ta.get(key), tb.get(key)):
                differences.append(f"trial {name}: {key} {ta.get(key)!r} != {tb.get(key)!r}")
        for section in ("params", "metrics"):
            sa, sb = ta.get(section) or {}, tb.get(section) or {}
            for key in sorted(set(sa) | set(sb)):
                if section == "metrics" and is_timing(key):
                    continue
                if key not in sa or key not in sb:
                    differences.append(f"trial {name}: {section}.{key} present in one run only")
                elif not same_value(sa[key], sb[key]):
                    differences.append(f"trial {name}: {section}.{key} {sa[key]!r} != {sb[key]!r}")
    compared = sum(1 for t in a.values() for k in (t.get("metrics") or {}) if not is_timing(k))
    return differences, len(a), compared


def load_csv(file):
    try:
        with open(file, newline="", encoding="utf-8") as f:
            # '#' lines are provenance (command, start times, thread counts), not table cells.
            return list(csv.reader(line for line in f if not line.startswith("#")))
    except OSError as e:
        sys.exit(f"compare-results: cannot read {file}: {e.strerror}")


def compare_tables(a_file, b_file):
    a, b = load_csv(a_file), load_csv(b_file)
    if not a or not b:
        return [f"table {a_file if not a else b_file} is empty"], 0
    if a[0] != b[0]:
        return [f"table columns differ: {a[0]} != {b[0]}"], 0
    keep = [i for i, column in enumerate(a[0]) if not is_timing(column)]
    differences = []
    if len(a) != len(b):
        differences.append(f"table rows differ: {len(a) - 1} != {len(b) - 1}")
    for row, (ra, rb) in enumerate(zip(a[1:], b[1:]), start=1):
        for i in keep:
            ca = ra[i] if i < len(ra) else None
            cb = rb[i] if i < len(rb) else None
            if ca != cb:
                differences.append(f"table row {row}, {a[0][i]}: {ca!r} != {cb!r}")
    return differences, (len(a) - 1) * len(keep)


def main(argv):
    if len(argv) not in (2, 4):
        sys.exit("usage: compare-results.py TRIALS_A TRIALS_B [TABLE_A.csv TABLE_B.csv]")
    differences, trials, metrics = compare_trials(argv[0], argv[1])
    summary = f"{trials} trials, {metrics} metrics"
    if len(argv) == 4:
        table_differences, cells = compare_tables(argv[2], argv[3])
        differences += table_differences
        summary += f", {cells} table cells"
    for line in differences:
        print(line)
    if differences:
        print(f"DIFFERENT: {len(differences)} differences ({summary} compared, timing and memory aside)")
        return 1
    print(f"IDENTICAL: {summary} compared bit for bit (timing and memory aside)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except yaml.YAMLError as e:
        sys.exit(f"compare-results: a trial file is not valid YAML: {e}")
