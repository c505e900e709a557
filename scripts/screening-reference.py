#!/usr/bin/env python3
"""Reference name matchers on the same labelled data as `exportal-bench screening`, to put its
figures in context: rapidfuzz's token_set_ratio, and a Jaro-Winkler + Soundex token matcher
(jellyfish). Prints the best F1 over all thresholds on nomenklatura's cases and, for
token_set_ratio, recall at <= 1 % false positives on yente's UN names.

    python3 scripts/screening-reference.py ../shared/data/name_matching

Needs: pip install rapidfuzz jellyfish
"""
import csv
import sys
import unicodedata
from pathlib import Path

import jellyfish
from rapidfuzz import fuzz, process, utils


def fold(name):
    """Lower case, no diacritics, letters and digits only."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c if c.isalnum() else " " for c in text.lower()).split()


def token_set(a, b):
    return fuzz.token_set_ratio(a, b, processor=utils.default_process) / 100


def jw_soundex(a, b):
    """Each token takes its best partner in the other name: Jaro-Winkler, or 0.9 when the
    Soundex codes agree; the mean over the tokens of each name, averaged over both directions."""
    left, right = fold(a), fold(b)
    if not left or not right:
        return 0.0

    def similarity(token, other):
        score = jellyfish.jaro_winkler_similarity(token, other)
        if score < 0.9 and token.isalpha() and other.isalpha() and jellyfish.soundex(token) == jellyfish.soundex(other):
            score = 0.9
        return score

    forward = sum(max(similarity(t, o) for o in right) for t in left) / len(left)
    backward = sum(max(similarity(t, o) for o in left) for t in right) / len(right)
    return (forward + backward) / 2


def best_f1(scored):
    best = (0.0, 0.0, 0.0, 0.0)
    positives = sum(1 for _, match in scored if match)
    ordered = sorted(scored, key=lambda item: -item[0])
    tp = fp = 0
    for i, (score, match) in enumerate(ordered):
        tp += match
        fp += not match
        if i + 1 < len(ordered) and ordered[i + 1][0] == score:
            continue
        precision, recall = tp / (tp + fp), tp / positives
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        if f1 > best[0]:
            best = (f1, score, precision, recall)
    return best


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/name_matching")
    with open(folder / "nomenklatura_name_bench_cases.csv", newline="", encoding="utf-8") as handle:
        cases = [(row["name1"], row["name2"], row["is_match"] == "true") for row in csv.DictReader(handle)]
    print(f"Reference matchers on nomenklatura_name_bench_cases.csv ({len(cases)} pairs)")
    for label, scorer in (("rapidfuzz token_set_ratio", token_set), ("Jaro-Winkler + Soundex (jellyfish)", jw_soundex)):
        f1, threshold, precision, recall = best_f1([(scorer(a, b), match) for a, b, match in cases])
        print(f"    {label}: best F1 {f1:.3f} at {threshold:.3f} (precision {precision:.3f}, recall {recall:.3f})")

    def names(file):
        with open(folder / file, newline="", encoding="utf-8") as handle:
            return [row["full_name"] for row in csv.DictReader(handle)]

    treated, untreated = names("yente_positives_un_treated.csv"), names("yente_positives_un_untreated.csv")
    negatives = names("yente_negatives_global_synthetic.csv") + names("yente_negatives_us_synthetic.csv")
    positives = [token_set(a, b) for a, b in zip(treated, untreated)]
    matrix = process.cdist(negatives, untreated, scorer=fuzz.token_set_ratio, processor=utils.default_process)
    worst = sorted((max(row) / 100 for row in matrix), reverse=True)
    threshold = worst[len(worst) // 100] + 1e-9
    recall = sum(score >= threshold for score in positives) / len(positives)
    print(f"yente UN positives ({len(positives)}) vs synthetic negatives ({len(negatives)}), token_set_ratio:")
    print(f"    threshold for <= 1% false positives {threshold:.3f} -> recall {recall:.4f}")


if __name__ == "__main__":
    main()
