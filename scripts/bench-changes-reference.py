#!/usr/bin/env python3
"""The baseline of `make bench-changes`: a plain dictionary diff of two versions of the OFAC SDN
legacy CSV set (sdn.csv, alt.csv, add.csv), standard library only.

Each version is read with the csv module into one dict per entry, keyed by ent_num: the sdn.csv
fields, and the alias names and the addresses as sorted tuples ("-0-" read as empty). The diff is
what a script would write: the keys added and removed, and for the keys in both, the fields whose
values differ. It does less than Exportal's change set, which also collapses whitespace, compares
multi-valued fields in any order counting repeats and sorts the result for a page; it is the
simplest honest answer to "what changed", not a copy of Exportal's rules.

Prints one JSON object: median milliseconds to read both versions and to diff them, and the counts.
"""
import argparse
import csv
import json
import os
import statistics
import time

SDN_FIELDS = ["name", "type", "programme", "title", "call_sign", "vessel_type", "tonnage", "grt",
              "vessel_flag", "vessel_owner", "remarks"]


def value(text):
    text = text.strip()
    return "" if text == "-0-" else text


def rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return [row for row in csv.reader(handle) if row]


def read(folder):
    entries = {}
    for row in rows(os.path.join(folder, "sdn.csv")):
        entries[row[0]] = dict(zip(SDN_FIELDS, (value(v) for v in row[1:])), aliases=[], addresses=[])
    for row in rows(os.path.join(folder, "alt.csv")):
        if row[0] in entries:
            entries[row[0]]["aliases"].append((value(row[2]), value(row[3])))
    for row in rows(os.path.join(folder, "add.csv")):
        if row[0] in entries:
            entries[row[0]]["addresses"].append(tuple(value(v) for v in row[2:]))
    for entry in entries.values():
        entry["aliases"] = tuple(sorted(entry["aliases"]))
        entry["addresses"] = tuple(sorted(entry["addresses"]))
    return entries


def diff(old, new):
    added = sorted(new.keys() - old.keys(), key=int)
    removed = sorted(old.keys() - new.keys(), key=int)
    amended = {}
    for key in old.keys() & new.keys():
        before, after = old[key], new[key]
        if before != after:
            amended[key] = [field for field in before if before[field] != after.get(field)]
    return added, removed, amended


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    reads, diffs = [], []
    for _ in range(max(1, args.runs)):
        started = time.perf_counter()
        old, new = read(args.old), read(args.new)
        reads.append(time.perf_counter() - started)
        started = time.perf_counter()
        added, removed, amended = diff(old, new)
        diffs.append(time.perf_counter() - started)
    print(json.dumps({"read_ms": statistics.median_low(reads) * 1000, "diff_ms": statistics.median_low(diffs) * 1000,
                      "added": len(added), "removed": len(removed), "amended": len(amended)}))


if __name__ == "__main__":
    main()
