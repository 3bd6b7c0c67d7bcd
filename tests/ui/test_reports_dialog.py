"""« Rapports régionaux… »: real reports built through the dialog, in a worker, previewed."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThread, QUrl
from PySide6.QtGui import QDesktopServices

from fieldkit import photos
from fieldkit.reports import NATIONAL_FILENAME, region_filename
from tests.photo_factory import make_jpeg
from ui.reports_dialog import ReportsDialog
from ui.tasks import TaskManager

PRINTED = dt.date(2026, 10, 15)


@pytest.fixture
def mission(ui_store, tmp_path):
    """Two régions with visits (one with photos), the others without."""
    store = ui_store
    lyon = store.create_place(name="La Fabrique Écolière", postcode="69007", commune="Lyon")
    brest = store.create_place(name="La Cantine Brestoise", postcode="29200", commune="Brest")
    visit = store.create_visit(lyon["id"], visited_on="2026-03-12", status="final", notes="Notes.")
    store.create_visit(lyon["id"], visited_on="2026-04-02", status="draft", notes="Brouillon.")
    store.create_visit(brest["id"], visited_on="2026-06-01", status="final")
    store.create_interview(
        visit["id"], person_name="Yvonne Kerjean", role="user", consent="refused"
    )
    files = [make_jpeg(tmp_path / f"p{i}.jpg", (300, 200), seed=i + 1) for i in range(3)]
    photos.import_photos(store, visit["id"], files, workers=1)
    return store


@pytest.fixture
def dialog(qtbot, mission, home, tmp_path):
    tasks = TaskManager(mission)
    d = ReportsDialog(tasks, home, printed_on=PRINTED, author="Chloé Mercier")
    qtbot.addWidget(d)
    d.folder_edit.setText(str(tmp_path / "rapports"))
    d.show()
    qtbot.waitUntil(lambda: d.region_list.count() == 18, timeout=10_000)
    yield d
    if d.is_building():
        d.cancel_build()
    qtbot.waitUntil(lambda: not d.is_building(), timeout=30_000)
    tasks.wait(30_000)


def build_and_wait(qtbot, d: ReportsDialog) -> None:
    d.build_button.click()
    assert d.is_building() and not d.build_button.isEnabled() and d.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not d.is_building(), timeout=60_000)


def test_regions_with_visits_are_preselected(qtmodeltester, dialog):
    qtmodeltester.check(dialog.region_list.model())
    assert sorted(dialog.checked_regions()) == ["53", "84"]
    texts = [dialog.region_list.item(i).text() for i in range(dialog.region_list.count())]
    assert any(t.startswith("Auvergne-Rhône-Alpes — 2 visit") for t in texts)


def test_drafts_option_recounts_the_visits(qtbot, dialog):
    dialog.drafts_check.setChecked(False)

    def aura_count():
        for i in range(dialog.region_list.count()):
            item = dialog.region_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == "84":
                return item.data(Qt.ItemDataRole.UserRole + 1)
        return None

    qtbot.waitUntil(lambda: aura_count() == 1, timeout=10_000)
    assert sorted(dialog.checked_regions()) == ["53", "84"]  # the choice is kept


def test_build_preview_and_open_folder(qtbot, dialog, tmp_path, monkeypatch):
    seen_threads = []
    dialog.tasks.busy_changed.connect(lambda _n: seen_threads.append(QThread.currentThread()))
    build_and_wait(qtbot, dialog)
    folder = tmp_path / "rapports"
    assert dialog.outcome is not None and not dialog.outcome.cancelled
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [region_filename("84"), region_filename("53"), NATIONAL_FILENAME]
    )
    aura = PdfReader(folder / region_filename("84"))
    text = "\n".join(page.extract_text() for page in aura.pages)
    assert "La Fabrique Écolière" in text and "15 octobre 2026" in text
    assert "Yvonne" not in text and "Kerjean" not in text and "Usager·ère n° 1" in text
    assert dialog.progress_bar.value() == dialog.progress_bar.maximum()
    assert dialog.status_label.text().startswith("3 report")  # "%n report(s) built."
    assert dialog.build_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert all(t is QThread.currentThread() for t in seen_threads)  # signals on the GUI thread

    # The first PDF is previewed, page by page, inside the dialog.
    assert dialog.preview_combo.count() == 3
    qtbot.waitUntil(lambda: dialog.preview_page_count() == len(aura.pages), timeout=30_000)
    assert dialog.preview_info.text().startswith(f"{len(aura.pages)} page")
    first_page = dialog.preview_layout.itemAt(0).widget()
    assert first_page.image.width() > 400  # rendered sharp, shown at the pane's width
    assert first_page.pixmap().height() > first_page.pixmap().width()
    assert first_page.width() <= dialog.preview_scroll.viewport().width()
    national = len(PdfReader(folder / NATIONAL_FILENAME).pages)  # table, map, figures
    dialog.preview_combo.setCurrentIndex(2)
    qtbot.waitUntil(lambda: dialog.preview_page_count() == national, timeout=30_000)

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert dialog.open_folder_button.isEnabled()
    dialog.open_folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(folder))]


def test_options_reach_the_report(qtbot, dialog, tmp_path):
    dialog.none_button.click()
    item = next(
        dialog.region_list.item(i)
        for i in range(dialog.region_list.count())
        if dialog.region_list.item(i).data(Qt.ItemDataRole.UserRole) == "84"
    )
    item.setCheckState(Qt.CheckState.Checked)
    dialog.national_check.setChecked(False)
    dialog.no_photos_check.setChecked(True)
    dialog.drafts_check.setChecked(False)
    build_and_wait(qtbot, dialog)
    folder = tmp_path / "rapports"
    assert [p.name for p in folder.iterdir()] == [region_filename("84")]
    reader = PdfReader(folder / region_filename("84"))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Édition sans photos" in text and "Brouillon." not in text
    for page in reader.pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())


def test_cancel_leaves_no_partial_file(qtbot, dialog, tmp_path):
    dialog.build_button.click()
    dialog.cancel_button.click()  # straight away: the worker sees it at its next check
    qtbot.waitUntil(lambda: not dialog.is_building(), timeout=60_000)
    assert dialog.outcome is not None and dialog.outcome.cancelled
    assert "Cancelled" in dialog.status_label.text()
    folder = tmp_path / "rapports"
    leftovers = [p.name for p in folder.iterdir()] if folder.exists() else []
    assert not any(name.endswith(".part") for name in leftovers)
    assert len(leftovers) == len(dialog.outcome.results)  # only finished reports


def test_a_failing_region_is_said_and_the_others_are_built(qtbot, dialog, tmp_path):
    """Bretagne cannot be written (a folder has its file's name): the dialog names it,
    says why, and builds Auvergne-Rhône-Alpes and the national summary all the same."""
    folder = tmp_path / "rapports"
    (folder / region_filename("53")).mkdir(parents=True)
    build_and_wait(qtbot, dialog)
    outcome = dialog.outcome
    assert outcome is not None and not outcome.cancelled
    assert [f.region for f in outcome.failures] == ["53"]
    assert sorted(r.path.name for r in outcome.results) == sorted(
        [region_filename("84"), NATIONAL_FILENAME]
    )
    text = dialog.status_label.text()
    assert text.startswith("2 report") and "1 report" in text
    assert f"Bretagne: the file {folder / region_filename('53')} could not be written" in text
    assert "#b00020" in dialog.status_label.styleSheet()
    assert dialog.preview_combo.count() == 2
    assert all(path.is_file() for path in outcome.paths)


def test_nothing_ticked_is_refused_with_a_message(qtbot, dialog, tmp_path):
    dialog.none_button.click()
    dialog.national_check.setChecked(False)
    dialog.build_button.click()
    assert not dialog.is_building()
    assert "Tick at least one region" in dialog.status_label.text()
    assert not (tmp_path / "rapports").exists()


def test_a_period_that_ends_before_it_starts_is_refused(qtbot, dialog, tmp_path):
    dialog.period_check.setChecked(True)
    dialog.date_from.setDate(dialog.date_to.date().addDays(3))
    dialog.build_button.click()
    assert not dialog.is_building()
    assert "ends before it starts" in dialog.status_label.text()


def test_an_unwritable_folder_gives_a_clear_error(qtbot, dialog, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    dialog.folder_edit.setText(str(blocker / "rapports"))
    build_and_wait(qtbot, dialog)
    assert "could not be built" in dialog.status_label.text()
    assert dialog.build_button.isEnabled()


def test_closing_while_building_cancels_first(qtbot, dialog):
    dialog.build_button.click()
    dialog.close_button.setEnabled(True)  # as if clicked through: reject() must not close
    dialog.reject()
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.is_building(), timeout=60_000)
    dialog.reject()
    assert not dialog.isVisible()


# The offscreen test platform cannot raise a window; it says so, and that is all.
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|propagateSizeHints)")
def test_file_menu_entry_opens_the_dialog(qtbot, ui_store, home):
    from ui.main_window import MainWindow

    window = MainWindow(ui_store, home)
    qtbot.addWidget(window)
    action = window.reports_action  # installed by the main window
    actions = window.file_menu.actions()
    # In the block the main window keeps for other modules, before its last separator.
    assert actions.index(window.demo_action) < actions.index(action)
    assert actions.index(action) < actions.index(window.file_extra_separator)
    assert action.text() == "&Regional reports…"
    action.trigger()
    dialog = action.dialog
    assert dialog is not None and dialog.isVisible() and dialog.parent() is window
    qtbot.waitUntil(lambda: dialog.region_list.count() == 18, timeout=10_000)
    action.trigger()
    assert action.dialog is dialog  # one dialog, brought back
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    dialog.close()


def test_preview_pages_fit_the_width_of_the_pane(qtbot, dialog):
    """At 1366×768 the preview pane is narrower than a rendered page: the pages follow the
    pane's width (they were cut on the right), and widen again with it."""
    from PySide6.QtGui import QColor, QImage

    from ui.reports_dialog import PREVIEW_WIDTH_PX, PreviewPage

    dialog.resize(1000, 700)
    qtbot.waitUntil(lambda: dialog.preview_scroll.viewport().width() < PREVIEW_WIDTH_PX)
    page = QImage(PREVIEW_WIDTH_PX, int(PREVIEW_WIDTH_PX * 1.414), QImage.Format.Format_RGB32)
    page.fill(QColor("white"))
    dialog._preview_ready(dialog._preview_generation, ([page, page], 2))
    qtbot.waitUntil(lambda: dialog.preview_page_count() == 2)

    def pages() -> list[PreviewPage]:
        items = (dialog.preview_layout.itemAt(i).widget() for i in range(2))
        return [p for p in items if isinstance(p, PreviewPage)]

    def fits() -> bool:
        room = dialog.preview_scroll.viewport().width()
        return all(p.width() <= room and p.geometry().right() < room for p in pages())

    qtbot.waitUntil(fits)
    assert dialog.preview_scroll.horizontalScrollBar().maximum() == 0
    for p in pages():  # the page keeps its shape
        assert abs(p.pixmap().height() / p.pixmap().width() - 1.414) < 0.01
    narrow = pages()[0].width()
    dialog.resize(1900, 1000)
    qtbot.waitUntil(lambda: pages()[0].width() > narrow)
    assert pages()[0].pixmap().width() <= PREVIEW_WIDTH_PX
    qtbot.waitUntil(fits)
