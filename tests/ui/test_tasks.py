"""The worker helper: results and errors come back on the GUI thread; the DB lane is serial."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from fieldkit.errors import ValidationError
from fieldkit.store import Store, connect
from ui.tasks import TaskManager


@pytest.fixture
def tasks(qtbot):
    # The database lane is another thread, so the connection may not check its thread.
    store = Store(connect(":memory:", check_same_thread=False))
    manager = TaskManager(store)
    yield manager
    manager.wait(5000)


def test_success_is_delivered_on_the_gui_thread(qtbot, tasks):
    seen = {}

    def job(store):
        seen["worker"] = QThread.currentThread()
        return store.create_place(name="Le Hangar")["name"]

    def done(result):
        seen["result"] = result
        seen["callback"] = QThread.currentThread()

    tasks.run(job, done)
    # The job may finish before a waitSignal could connect: wait on its visible effect.
    qtbot.waitUntil(lambda: "callback" in seen, timeout=5000)
    assert seen["result"] == "Le Hangar"
    assert seen["callback"] is QThread.currentThread()
    assert seen["worker"] is not seen["callback"]


def test_failure_is_delivered_with_the_exception(qtbot, tasks):
    errors = []
    tasks.run(lambda s: s.create_place(name=""), None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValidationError) and errors[0].code == "empty_name"


def test_unhandled_failure_is_reported(qtbot, tasks):
    with qtbot.waitSignal(tasks.unhandled_failure, timeout=5000) as blocker:
        tasks.run(lambda s: 1 / 0)
    assert isinstance(blocker.args[0], ZeroDivisionError)
    assert "ZeroDivisionError" in blocker.args[1]


def test_database_lane_runs_jobs_one_at_a_time(qtbot, tasks):
    active, peak = [0], [0]
    lock = threading.Lock()

    def job(store):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.01)
        with lock:
            active[0] -= 1

    for _ in range(5):
        tasks.run(job)
    assert tasks.wait(5000)
    qtbot.wait(10)
    assert peak[0] == 1


def test_long_job_reports_progress_and_can_be_cancelled(qtbot, tasks):
    reports = []
    started = threading.Event()

    def job(store, progress):
        for i in range(1000):
            if progress.cancelled:
                return i
            progress.report(i, 1000, "step")
            started.set()
            time.sleep(0.002)
        return 1000

    results = []
    task = tasks.run_long(job, results.append, on_progress=lambda d, t, lbl: reports.append(d))
    started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results[0] < 1000
    assert reports and reports[0] == 0


def test_call_waits_for_the_result(tasks):
    assert tasks.call(lambda s: s.create_place(name="Synchrone")["name"]) == "Synchrone"
    with pytest.raises(ValidationError):
        tasks.call(lambda s: s.create_place(name=" "))


def test_jobs_and_results_are_released_on_the_gui_thread(qtbot, tasks):
    # A worker must never drop the last reference to what a job captured or returned:
    # if that is a Qt wrapper, shiboken destroys it on the worker thread, which races
    # with the GUI thread (a crash in BindingManager::releaseWrapper).
    released = []

    class Marker:
        def __del__(self):
            released.append(threading.current_thread() is threading.main_thread())

    def make_job():
        captured = Marker()
        return lambda store: (captured, Marker())[1]

    task = tasks.run(make_job(), lambda result: None)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    tasks.wait(5000)
    qtbot.waitUntil(lambda: len(released) == 2, timeout=5000)
    assert released == [True, True]


def test_a_closed_manager_starts_nothing(qtbot, tasks):
    """Once closed (the window is gone, its store about to close), a job submitted late
    is not run: it would query a closed connection, or one closing under it."""
    gate = threading.Event()
    ran: list[str] = []
    running = tasks.run(lambda _s: gate.wait(5) and ran.append("queued before"))
    closer = threading.Thread(target=lambda: tasks.close(5000))
    closer.start()
    time.sleep(0.05)
    late = tasks.run(lambda s: ran.append(s.get_setting("x", "late")))
    gate.set()
    closer.join(5)
    assert not closer.is_alive() and tasks.closed
    assert ran == ["queued before"]  # the job queued before the close still ran, whole
    assert late.dropped and not running.dropped
    with pytest.raises(RuntimeError):
        tasks.call(lambda _s: None)


def test_a_status_refresh_queued_at_window_close_does_not_touch_the_store(
    qtbot, ui_store, home, monkeypatch
):
    """The segfault at teardown: a status refresh delivered after the window closed
    started ``pending_report`` on the database lane while the store was being closed."""
    import ui.sync
    from ui.main_window import MainWindow

    window = MainWindow(ui_store, home)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    calls: list[int] = []
    real = ui.sync.pending_report

    def counted(store, *args, **kwargs):
        calls.append(1)
        return real(store, *args, **kwargs)

    monkeypatch.setattr(ui.sync, "pending_report", counted)
    window.status_refreshed.emit(0, 0)  # the app is open: the pending changes are read
    qtbot.waitUntil(lambda: calls == [1] and window.tasks.pending == 0, timeout=10_000)
    window.close()
    window.status_refreshed.emit(0, 0)  # a status answer still queued at close
    assert window.tasks.wait(5000)
    assert calls == [1]
    assert TaskManager.close_all_using(ui_store)
