"""Tell the window when the local database was written, whoever wrote it.

A sync (on its own connection), a conflict resolved, an undo, or the ``fieldkit`` CLI in
a terminal may change a record an editor shows. :class:`DatabaseWatcher` asks the core's
:class:`~fieldkit.store.watch.ChangeProbe` on the database lane a few times a second
(microseconds each) and emits ``changed``; each editor then re-reads its own record and
decides what to redraw (and merges with what is typed but unsaved).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from fieldkit.store import Store
from fieldkit.store.watch import ChangeProbe
from ui.tasks import TaskManager

#: How often the database is asked whether it was written (ms).
WATCH_INTERVAL_MS = 400


class DatabaseWatcher(QObject):
    changed = Signal()

    def __init__(
        self,
        tasks: TaskManager,
        parent: QObject | None = None,
        interval_ms: int = WATCH_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._probe: ChangeProbe | None = None
        self._asking = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        """Take the database's mark now (on the lane), then ask every interval."""
        if self._probe is None and not self._asking:
            self.poll()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        if self._asking:
            return  # the lane is busy with a long job: one question at a time
        self._asking = True

        def ask(store: Store) -> bool:
            if self._probe is None:
                self._probe = ChangeProbe(store)
                return False
            return self._probe.poll()

        self.tasks.run(ask, self._answered, self._failed, name="watch database")

    def _answered(self, changed: bool) -> None:
        self._asking = False
        if changed:
            self.changed.emit()

    def _failed(self, _exc: BaseException) -> None:
        self._asking = False  # e.g. the store closing with the window: ask again later
