"""Search latency on the benchmark-size demo mission (1,800 places / 5,000 visits / 15,000 interviews).

Builds the mission in a scratch data directory, then runs 200 accent-free queries a
person might type (whole words, partial words, two-word queries, commune names without
their accents) through ``Store.search`` and reports p50/p95 latency. Target: p95 ≤ 20 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import time
import unicodedata

from bench.common import Row, scratch
from fieldkit import demo_data as words
from fieldkit.demo import BENCHMARK_SIZES, build_demo
from fieldkit.paths import Home
from fieldkit.store import Store

QUERY_COUNT = 200
TARGET_P95_MS = 20.0
TARGET_BUILD_S = 60.0


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def demo_vocabulary() -> list[str]:
    """Words of four letters or more from the demo's notes, names and communes, accents removed."""
    texts = [
        *words.NOTE_SENTENCES,
        *words.INTERVIEW_SENTENCES,
        *words.QUOTES,
        *words.SUMMARIES,
        *(c[1] for c in words.COMMUNES),
        *(b for bases in words.NAME_BASES.values() for b in bases),
    ]
    vocabulary = set()
    for text in texts:
        for raw in strip_accents(text).replace("’", " ").replace("-", " ").split():
            word = "".join(ch for ch in raw if ch.isalnum()).lower()
            if len(word) >= 4 and "{" not in raw:
                vocabulary.add(word)
    return sorted(vocabulary)


def queries(count: int = QUERY_COUNT, seed: int = 7) -> list[str]:
    """Whole words, prefixes of 3+ letters (search-as-you-type) and two-word queries."""
    rng = random.Random(seed)
    vocab = demo_vocabulary()
    out = []
    for i in range(count):
        word = rng.choice(vocab)
        if i % 4 == 1:  # a partial word, as typed
            word = word[: rng.randint(3, max(3, len(word) - 1))]
        elif i % 4 == 2:
            word = f"{word} {rng.choice(vocab)[:4]}"
        out.append(word)
    return out


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def run() -> list[Row]:
    home = Home(scratch("search")).ensure()
    store = Store.open(home, user="bench")
    try:
        started, cpu = time.perf_counter(), time.process_time()
        summary = build_demo(store, **BENCHMARK_SIZES)
        build_seconds = time.perf_counter() - started
        build_cpu = time.process_time() - cpu
        store.close()
        # Measured on a fresh connection, as the app searches after a launch, not on the
        # one whose page cache the build just filled.
        store = Store.open(home, user="bench")
        qs = queries()
        store.search(qs[0])  # one query first, as the app's first keystroke would
        load_before = os.getloadavg()[0]
        latencies = []
        hits = []
        for q in qs:
            t0 = time.perf_counter()
            result = store.search(q)
            latencies.append((time.perf_counter() - t0) * 1000)
            hits.append(len(result))
        # The same queries twice more, keeping each one's fastest run: what the code costs
        # when other processes (a test suite on the same cores) take the CPU away.
        best = list(latencies)
        for _ in range(2):
            for i, q in enumerate(qs):
                t0 = time.perf_counter()
                store.search(q)
                best[i] = min(best[i], (time.perf_counter() - t0) * 1000)
        load_after = os.getloadavg()[0]
    finally:
        store.close()
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    load = {"load_avg_1min": [round(load_before, 2), round(load_after, 2)]}
    size = f"{summary.places} places / {summary.visits} visits / {summary.interviews} interviews"
    return [
        Row(
            "search",
            "demo build (benchmark size)",
            round(build_seconds, 2),
            "s",
            target=f"< {TARGET_BUILD_S:g} s",
            ok=build_seconds < TARGET_BUILD_S,
            extra={"size": size},
        ),
        Row(
            "search",
            "demo build (benchmark size), CPU",
            round(build_cpu, 2),
            "cpu-s",
            extra={
                "size": size,
                "note": "CPU seconds of this process: steadier on a shared machine",
            },
        ),
        Row(
            "search",
            "p50 latency, 200 accent-free queries",
            round(p50, 2),
            "ms",
            extra={"size": size},
        ),
        Row(
            "search",
            "p95 latency, 200 accent-free queries",
            round(p95, 2),
            "ms",
            target=f"≤ {TARGET_P95_MS:g} ms",
            ok=p95 <= TARGET_P95_MS,
            extra={
                "size": size,
                "max_ms": round(max(latencies), 2),
                "queries_with_hits": sum(1 for h in hits if h),
                "mean_hits": round(statistics.mean(hits), 1),
                **load,
            },
        ),
        Row(
            "search",
            "p95 latency, best of 3 runs per query",
            round(percentile(best, 95), 2),
            "ms",
            extra={"size": size, **load},
        ),
    ]


if __name__ == "__main__":  # pragma: no cover
    from bench.__main__ import print_table

    print_table(run())
