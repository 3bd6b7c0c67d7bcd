"""« Rapports régionaux… » as an agent uses it: a colleague's photos are fetched from the
real server before the build (with progress), or each missing one is named with why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldkit.reports import region_filename
from fieldkit.store import Store
from tests.sync.test_report_photos import CAPTIONS, colleagues, flat_text, image_count
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401
from ui.reports_dialog import ReportsDialog
from ui.tasks import TaskManager

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def bruno_dialog(qtbot, devices, tmp_path) -> Iterator[ReportsDialog]:
    """Bruno's reports dialog, after he pulled Anne's visit and its three photo records."""
    _anne, bruno = colleagues(devices, tmp_path)
    store = Store.open(bruno.home, user="agent-bzh-2", check_same_thread=False)
    tasks = TaskManager(store)
    dialog = ReportsDialog(tasks, bruno.home, printed_on=dt.date(2026, 10, 15))
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path / "rapports"))
    dialog.show()
    qtbot.waitUntil(lambda: dialog.checked_regions() == ["53"], timeout=10_000)
    if dialog.national_check.isChecked():  # only his région's report
        QTest.mouseClick(dialog.national_check, Qt.MouseButton.LeftButton)
    assert not dialog.national_check.isChecked()
    yield dialog
    qtbot.waitUntil(lambda: not dialog.is_building(), timeout=60_000)
    assert TaskManager.close_all_using(store)
    store.close()


def click_build(qtbot, dialog: ReportsDialog) -> list[str]:
    """Click « Construire » as a person does; returns every status text shown meanwhile."""
    shown: list[str] = []
    QTest.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    assert dialog.is_building()
    task = dialog._build_task
    assert task is not None
    task.progressed.connect(lambda *_: shown.append(dialog.status_label.text()))
    qtbot.waitUntil(lambda: not dialog.is_building(), timeout=60_000)
    shown.append(dialog.status_label.text())
    return shown


def test_the_build_fetches_a_colleagues_photos_with_progress(qtbot, bruno_dialog, tmp_path):
    shown = click_build(qtbot, bruno_dialog)
    assert "Photos: 3 / 3" in shown
    assert shown[-1].startswith("1 report")
    assert "could not be included" not in shown[-1]
    pdf = Path(tmp_path / "rapports" / region_filename("53"))
    assert image_count(pdf) == 3
    assert "non disponible" not in flat_text(pdf)


def test_server_stopped_each_missing_photo_is_named_with_why(
    qtbot, bruno_dialog, live_server, tmp_path
):
    live_server.stop()
    shown = click_build(qtbot, bruno_dialog)
    text = shown[-1]
    assert text.startswith("1 report")
    assert "3 photo(s) could not be included" in text
    lines = [line for line in text.splitlines() if line.startswith("•")]
    assert len(lines) == 3
    for caption in CAPTIONS:
        [line] = [line for line in lines if caption in line]
        assert "La Cantine Brestoise" in line
        assert "the server could not be reached" in line
    pdf = Path(tmp_path / "rapports" / region_filename("53"))
    assert flat_text(pdf).count("Photo non disponible sur ce portable") == 3


def test_in_french_the_person_is_told_in_french(qtbot, bruno_dialog, live_server, tmp_path):
    from ui import i18n

    i18n.set_language("fr")  # the dialog is open: it follows the switch
    live_server.stop()
    text = click_build(qtbot, bruno_dialog)[-1]
    assert "3 photos n’ont pas pu être reproduites" in text
    lines = [line for line in text.splitlines() if line.startswith("•")]
    assert len(lines) == 3
    assert all("La Cantine Brestoise" in line for line in lines)
    assert all("le serveur est injoignable" in line for line in lines)


def test_a_long_list_of_missing_photos_keeps_the_dialog_small(
    qtbot, bruno_dialog, live_server, tmp_path
):
    with Store.open(bruno_dialog.home, user="agent-bzh-2") as store:
        visit = store.conn.execute("SELECT id FROM visits").fetchone()[0]
        for i in range(5):
            store.create("photo", {"visit_id": visit, "blob": f"{i}b" * 32, "caption": f"P{i}"})
    live_server.stop()
    text = click_build(qtbot, bruno_dialog)[-1]
    assert "8 photo(s) could not be included" in text
    lines = text.splitlines()
    assert len([line for line in lines if line.startswith("•")]) == 6
    assert lines[-1] == "… and 2 more."
