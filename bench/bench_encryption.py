"""Encryption at rest against clear, side by side in one run (issue: encrypted ÷ clear).

- search p95 over the 200 accent-free queries of ``bench_search``, benchmark mission,
  target ≤ 1.15×;
- GUI start-up to a populated window (``bench_gui``'s child process), target ≤ 1.15×;
- photo import rate (``bench_photos``' 12 MP JPEGs, one worker), target ≥ 0.85×;
- first full sync down of the benchmark mission from a real server, target ≥ 0.85×.

The encrypted mission keeps its key in a keyring (a file-backed keyring backend, as an OS
keychain would); what a passphrase adds instead, one argon2id unwrap, is its own line. Each pair is
measured alternately, best of several rounds, so load from other processes hits both.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import keyring

from bench import bench_gui, bench_photos, bench_search, bench_sync
from bench.common import Row, scratch
from bench.file_keyring import FileKeyring
from fieldkit import encryption
from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.store.migrations import SCHEMA_VERSION
from fieldkit.sync import login

PASSPHRASE = "bench passphrase 2026"
ROUNDS = 3
PHOTOS = 16


FOLDER = Path(tempfile.gettempdir()) / f"fieldkit-bench-encrypted-mission-v{SCHEMA_VERSION}"


def _encrypted_copy(clear: Home) -> Home:
    """The benchmark mission, encrypted with its key in the (file) keyring."""
    marker = FOLDER / "built"
    home = Home(FOLDER / "home")
    if marker.is_file():
        return home
    keys = FOLDER / "keyring.json"
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    keys.write_text("{}")
    shutil.copytree(clear.root, home.root)
    encryption.encrypt_home(home)
    marker.write_text("ok")
    return home


def _search_p95(home: Home) -> tuple[float, float, float]:
    """p95 in ms of: one pass, each query's best of ROUNDS (wall), and each query's best of
    ROUNDS in CPU time of this thread (what the query costs, whatever else runs)."""
    qs = bench_search.queries()
    with Store.open(home, user="bench") as store:
        store.search(qs[0])
        first = []
        best = [float("inf")] * len(qs)
        best_cpu = [float("inf")] * len(qs)
        for r in range(ROUNDS):
            for i, q in enumerate(qs):
                t0, c0 = time.perf_counter(), time.thread_time()
                store.search(q)
                ms = (time.perf_counter() - t0) * 1000
                best_cpu[i] = min(best_cpu[i], (time.thread_time() - c0) * 1000)
                if r == 0:
                    first.append(ms)
                best[i] = min(best[i], ms)
    return (
        bench_search.percentile(first, 95),
        bench_search.percentile(best, 95),
        bench_search.percentile(best_cpu, 95),
    )


def _unlock_ms(root: Path) -> float:
    """What a passphrase adds to a start-up: one argon2id unwrap of the data key."""
    home = Home(root / "passphrase-home").ensure()
    encryption.setup_new_home(home, passphrase=PASSPHRASE)
    best = float("inf")
    for _ in range(3):
        encryption.forget_keys()
        t0 = time.perf_counter()
        encryption.data_key(home, PASSPHRASE)
        best = min(best, (time.perf_counter() - t0) * 1000)
    return best


def _import_rate(paths: list[Path], root: Path, sealed: bool) -> float:
    best = 0.0
    for r in range(ROUNDS):
        target = root / f"{'sealed' if sealed else 'clear'}-{r}"
        home = Home(target).ensure()
        if sealed:
            encryption.setup_new_home(home, passphrase=PASSPHRASE)
        started = time.perf_counter()
        bench_photos.fieldkit_import(paths, target, workers=1)
        best = max(best, len(paths) / (time.perf_counter() - started))
        shutil.rmtree(target)
    return best


def _pull_rate(root: Path, url: str, sealed: bool, records: int, r: int) -> tuple[float, float]:
    """Records pulled per second of wall time, and per CPU-second of this process."""
    name = f"{'sealed' if sealed else 'clear'}-{r}"
    home = Home(root / name).ensure()
    if sealed:
        encryption.setup_new_home(home, passphrase=PASSPHRASE)
    store = Store.open(home, user=bench_sync.USER)
    try:
        login(store, url, bench_sync.USER, bench_sync.PASSWORD, device_name=name)
        summary, seconds, cpu = bench_sync.timed_sync_cpu(store)
        if summary.pulled < records:
            raise RuntimeError(f"pulled {summary.pulled} of {records} records")
        return summary.pulled / seconds, summary.pulled / cpu
    finally:
        store.close()
        shutil.rmtree(home.root, ignore_errors=True)


def run() -> list[Row]:
    previous_keyring = keyring.get_keyring()
    # The encrypted mission's key is in a keyring, as on a laptop with an OS keychain; the
    # start-up child processes find the same (file) keyring through the environment.
    FOLDER.mkdir(parents=True, exist_ok=True)
    env = {
        "PYTHON_KEYRING_BACKEND": "bench.file_keyring.FileKeyring",
        "FIELDKIT_BENCH_KEYRING": str(FOLDER / "keyring.json"),
        encryption.NEW_HOME_ENV: "off",  # new directories stay clear unless made sealed here
    }
    os.environ.update(env)
    keyring.set_keyring(FileKeyring())
    try:
        return _run(scratch("encryption"))
    finally:
        for name in env:
            os.environ.pop(name, None)
        keyring.set_keyring(previous_keyring)


def _ratio_row(
    metric: str, clear: float, sealed: float, unit: str, target: str, ok: bool, **extra: object
) -> Row:
    return Row(
        "encryption",
        metric,
        round(sealed / clear, 3),
        "×",
        target=target,
        ok=ok,
        extra={"clear": round(clear, 3), "encrypted": round(sealed, 3), "unit": unit, **extra},
    )


def _run(root: Path) -> list[Row]:
    rows: list[Row] = []
    clear_home, _ = bench_gui.mission_home()
    if encryption.is_encrypted(clear_home):
        raise RuntimeError(f"{clear_home} should be the clear benchmark mission")
    sealed_home = _encrypted_copy(clear_home)
    encryption.data_key(sealed_home)

    # -- search ---------------------------------------------------------------------------
    c_first, c_best, c_cpu = _search_p95(clear_home)
    s_first, s_best, s_cpu = _search_p95(sealed_home)
    ratio = s_best / c_best
    rows.append(
        _ratio_row(
            "search p95 (best of 3 per query), encrypted ÷ clear",
            c_best,
            s_best,
            "ms",
            "≤ 1.15",
            ratio <= 1.15,
            single_pass_ms={"clear": round(c_first, 2), "encrypted": round(s_first, 2)},
        )
    )
    rows.append(
        _ratio_row(
            "search p95 in CPU time of the query (best of 3 per query), encrypted ÷ clear",
            c_cpu,
            s_cpu,
            "ms",
            "≤ 1.15",
            s_cpu / c_cpu <= 1.15,
        )
    )

    # -- GUI start-up -----------------------------------------------------------------------
    clear_times, sealed_times = [], []
    for _ in range(ROUNDS):
        clear_times += bench_gui.measure_startup(clear_home, runs=1)
        sealed_times += bench_gui.measure_startup(sealed_home, runs=1)
    c, s = min(clear_times), min(sealed_times)
    rows.append(
        _ratio_row(
            "GUI start-up to a populated window, encrypted ÷ clear",
            c,
            s,
            "s",
            "≤ 1.15",
            s / c <= 1.15,
        )
    )
    rows.append(
        Row(
            "encryption",
            "passphrase instead of keyring: argon2id unlock added to start-up",
            round(_unlock_ms(root), 1),
            "ms",
        )
    )

    # -- photo import ----------------------------------------------------------------------
    photos_dir = root / "card"
    photos_dir.mkdir()
    bench_photos.COUNT = PHOTOS
    paths = bench_photos.make_photos(photos_dir)
    clear_rate = _import_rate(paths, root, sealed=False)
    sealed_rate = _import_rate(paths, root, sealed=True)
    rows.append(
        _ratio_row(
            f"photo import rate ({PHOTOS} × 12 MP JPEG, 1 worker), encrypted ÷ clear",
            clear_rate,
            sealed_rate,
            "photos/s",
            "≥ 0.85",
            sealed_rate / clear_rate >= 0.85,
        )
    )

    # -- first full sync down --------------------------------------------------------------
    # The mission is pushed from a copy, so the cached benchmark mission stays unsynced.
    shutil.copytree(clear_home.root, root / "maker")
    with bench_sync.ServerThread(root / "server") as server:
        maker = Store.open(Home(root / "maker"), user=bench_sync.USER)
        try:
            login(maker, server.url, bench_sync.USER, bench_sync.PASSWORD, device_name="maker")
            summary, _ = bench_sync.timed_sync(maker)
            records = summary.pushed
        finally:
            maker.close()
        clear_runs, sealed_runs = [], []
        for r in range(ROUNDS):  # alternately, so load from other processes hits both
            clear_runs.append(_pull_rate(root, server.url, False, records, r))
            sealed_runs.append(_pull_rate(root, server.url, True, records, r))
        clear_pull = max(wall for wall, _ in clear_runs)
        sealed_pull = max(wall for wall, _ in sealed_runs)
        clear_cpu = max(cpu for _, cpu in clear_runs)
        sealed_cpu = max(cpu for _, cpu in sealed_runs)
    rows.append(
        _ratio_row(
            "first full sync down (benchmark mission), encrypted ÷ clear",
            clear_pull,
            sealed_pull,
            "records/s",
            "≥ 0.85",
            sealed_pull / clear_pull >= 0.85,
        )
    )
    rows.append(
        _ratio_row(
            "first full sync down, records per CPU-second (client + server), encrypted ÷ clear",
            clear_cpu,
            sealed_cpu,
            "records/CPU-s",
            "≥ 0.85",
            sealed_cpu / clear_cpu >= 0.85,
        )
    )
    return rows


if __name__ == "__main__":  # pragma: no cover
    from bench.__main__ import print_table

    print_table(run())
