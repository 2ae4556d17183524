#!/usr/bin/env python3
"""Brute-force peer for the scale benchmark: rapidfuzz process.extractOne with fuzz.ratio over every name.

usage: bench_peer.py CORPUS_DIR [--queries N]

Choices are all follow-up, head-account and registration names of the generated corpus (what our index
covers); queries are registration customer names taken evenly through the submitted order, as the Rust
bench does. Prints the per-query p50 / p99 in ms. Needs `rapidfuzz` (scripts/bench-scale installs it).
"""
import argparse, csv, os, statistics, time, unicodedata

from rapidfuzz import fuzz, process


def fold(s):
    return unicodedata.normalize('NFKC', s).casefold()


def names(path, column):
    with open(path, encoding='utf-8') as f:
        return [fold(r[column]) for r in csv.DictReader(f)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('corpus')
    ap.add_argument('--queries', type=int, default=20)
    a = ap.parse_args()
    choices = (names(os.path.join(a.corpus, 'follow_ups.csv'), 'account_name')
               + names(os.path.join(a.corpus, 'head_accounts.csv'), 'account_name'))
    with open(os.path.join(a.corpus, 'registrations.csv'), encoding='utf-8') as f:
        regs = sorted((r['submitted_at'], r['registration_id'], fold(r['customer_name'])) for r in csv.DictReader(f))
    choices += [name for _, _, name in regs]
    step = max(1, len(regs) // a.queries)
    sample = [name for _, _, name in regs[::step][:a.queries]]
    times = []
    for q in sample:
        t = time.perf_counter()
        process.extractOne(q, choices, scorer=fuzz.ratio, processor=None)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, round((len(times) - 1) * 0.99))]
    print(f"peer rapidfuzz extractOne(fuzz.ratio) over {len(choices)} names: n={len(times)} "
          f"p50 {statistics.median(times):.1f} ms, p99 {p99:.1f} ms")


if __name__ == '__main__':
    main()
