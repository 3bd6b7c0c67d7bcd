"""Privacy: what the consent rule costs an export, and what an erasure costs.

On the benchmark mission (1,800 places, 5,000 visits, 15,000 interviews): export JSON
with pseudonyms (the default) and with names, and erase one interview (rows, search
index, FTS optimize, VACUUM, WAL checkpoint) on the data directory's real file.
"""

from __future__ import annotations

import time

from bench.common import Row, scratch
from fieldkit import erasure
from fieldkit.demo import BENCHMARK_SIZES, build_demo
from fieldkit.exporter import export
from fieldkit.paths import Home
from fieldkit.store import Store


def run() -> list[Row]:
    home = Home(scratch("privacy")).ensure()
    store = Store.open(home, user="bench")
    rows: list[Row] = []
    try:
        build_demo(store, **BENCHMARK_SIZES)
        out = scratch("privacy-export")
        for label, with_names in (("pseudonyms", False), ("with names", True)):
            t0, cpu0 = time.perf_counter(), time.process_time()
            summary = export(store, "json", out / label, with_names=with_names)
            rows.append(
                Row(
                    "privacy",
                    f"export JSON, {label}",
                    time.perf_counter() - t0,
                    "s",
                    extra={
                        "interviews": summary.counts["interview"],
                        "pseudonymised": summary.pseudonymised,
                        # Wall time on a shared machine; the CPU time is the code's cost.
                        "cpu_s": round(time.process_time() - cpu0, 2),
                    },
                )
            )
        size_mb = home.db_path.stat().st_size / 1e6
        interview = store.conn.execute("SELECT id FROM interviews LIMIT 1").fetchone()[0]
        t0, cpu0 = time.perf_counter(), time.process_time()
        result = erasure.erase(store, "interview", interview)
        rows.append(
            Row(
                "privacy",
                "erase one interview (incl. VACUUM)",
                time.perf_counter() - t0,
                "s",
                extra={
                    "database_mb": round(size_mb, 1),
                    "bytes_wiped": result.bytes_wiped,
                    "cpu_s": round(time.process_time() - cpu0, 2),
                },
            )
        )
    finally:
        store.close()
    return rows
