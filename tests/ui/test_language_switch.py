"""Affichage → Langue switches every text the person can see, in every window and tab.

The test opens the main window with a visit in the editor (its three tabs), the dialogs
(place, interview, photo viewer, photo and CSV import reports, reports, sign-in,
conflicts), pushes undo commands, switches language and walks every widget, action,
menu, tooltip, placeholder, tab, header and window title. A text of the other language
fails it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from fieldkit import importer, photos
from fieldkit.store import Store
from tests.photo_factory import make_jpeg
from tests.ui.conftest import OFFSCREEN_NOISE
from ui import i18n
from ui.i18n_fr import FRENCH
from ui.main_window import MainWindow
from ui.photos_tab import ImportReportDialog

PLACEHOLDER = re.compile(r"%n|%\d|\{[a-z_]+\}")


def _norm(text: str) -> str:
    return (
        text.replace("&&", "\0")
        .replace("&", "")
        .replace("\0", "&")
        .replace("\u00a0", " ")
        .replace("\u202f", " ")
        .strip()
    )


def _forms(value: str | tuple[str, str]) -> list[str]:
    return list(value) if isinstance(value, tuple) else [value]


def _signatures(texts: set[str], other: set[str]) -> tuple[set[str], list[str]]:
    """Whole texts, and long literal pieces, that belong to one language only."""
    whole = {t for t in texts if not PLACEHOLDER.search(t) and t not in other and len(t) > 3}
    pieces: list[str] = []
    for t in texts:
        for piece in PLACEHOLDER.split(t):
            piece = piece.strip(" :.,;—()“”«»")
            if len(piece) >= 12 and " " in piece and not any(piece in o for o in other):
                pieces.append(piece)
    return whole, pieces


ENGLISH_TEXTS = {_norm(k) for k in FRENCH}
FRENCH_TEXTS = {_norm(f) for v in FRENCH.values() for f in _forms(v)}
FRENCH_WHOLE, FRENCH_PIECES = _signatures(FRENCH_TEXTS, ENGLISH_TEXTS)
ENGLISH_WHOLE, ENGLISH_PIECES = _signatures(ENGLISH_TEXTS, FRENCH_TEXTS)


def model_texts(model: QAbstractItemModel | None) -> Iterator[str]:
    if model is None:
        return
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model hides it
        columns = 1
    for section in range(columns):
        value = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(value, str):
            yield value
    for row in range(min(model.rowCount(root), 5)):
        for col in range(columns):
            index = model.index(row, col, root)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    yield value


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every visible-to-a-person text under ``root``."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        where = f"{type(w).__name__}:{w.objectName() or '?'}"
        if w.isWindow():
            yield where + " title", w.windowTitle()
        yield where + " tooltip", w.toolTip()
        if isinstance(w, QLabel):
            yield where, w.text()
        if isinstance(w, QAbstractButton):
            yield where, w.text()
        if isinstance(w, QGroupBox):
            yield where, w.title()
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
            yield where + " placeholder", w.placeholderText()
        if isinstance(w, QTextEdit | QPlainTextEdit) and w.isReadOnly():
            yield where, w.toPlainText()
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                yield where + f" item {i}", w.itemText(i)
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield where + f" tab {i}", w.tabText(i)
                yield where + f" tab tooltip {i}", w.tabToolTip(i)
        if isinstance(w, QMenu):
            yield where + " menu", w.title()
        if isinstance(w, QAbstractItemView):
            for text in model_texts(w.model()):
                yield where + " model", text
        for action in w.actions():
            a_where = f"action:{action.objectName() or '?'}"
            yield a_where, action.text()
            yield a_where + " icon text", action.iconText()
            yield a_where + " tooltip", action.toolTip()
            if action.menu() is not None:
                yield a_where + " menu", action.menu().title()


def leftovers(roots: list[QWidget], lang: str) -> list[str]:
    """Texts of the other language found under ``roots``."""
    whole, pieces = (
        (FRENCH_WHOLE, FRENCH_PIECES) if lang == "en" else (ENGLISH_WHOLE, ENGLISH_PIECES)
    )
    found = []
    for root in roots:
        for where, text in widget_texts(root):
            t = _norm(text or "")
            if not t:
                continue
            bad = t in whole or next((p for p in pieces if p in t), None)
            if bad:
                found.append(f"{where}: {text!r}")
    return sorted(set(found))


@pytest.fixture
def mission(ui_store: Store, tmp_path: Path) -> dict[str, str]:
    s = ui_store
    place = s.create_place(
        name="Le Bocal", kind="coworking", postcode="29200", commune="Brest", region="53"
    )
    visit = s.create_visit(place["id"], visited_on="2026-05-04", visitors="Anne")
    s.create(
        "interview",
        {
            "visit_id": visit["id"],
            "person_name": "Claire Lefèvre",
            "role": "manager",
            "organisation": "Le Bocal",
            "consent": "given",
            "consent_on": "2026-05-04",
            "pseudonymise": False,
            "notes": "",
            "quotes": "",
        },
    )
    photos.import_photos(s, visit["id"], [make_jpeg(tmp_path / "a.jpg")])
    return {"place": place["id"], "visit": visit["id"]}


# The offscreen platform cannot raise a window (the reports dialog asks to).
@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise")
def test_every_window_and_tab_switches_language_both_ways(qtbot, ui_store, home, mission, tmp_path):
    i18n.set_language("fr")
    window = MainWindow(ui_store, home)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.tree_ready and window.tasks.pending == 0, timeout=10_000)
    assert window.select_visit(mission["visit"])
    editor = window.editor
    qtbot.waitUntil(lambda: editor.loaded, timeout=10_000)
    qtbot.waitUntil(lambda: editor.interviews.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: editor.photos.model.rowCount() == 1, timeout=10_000)
    editor.interviews.table.selectRow(0)
    editor.photos.grid.setCurrentIndex(editor.photos.model.index(0, 0))

    # Undo commands made in French: an editor field, an interview, a photo, a place.
    editor.form.notes.setPlainText("Des notes")
    editor.flush()
    editor.photos.move_photos([], 0)  # nothing to move: no command
    window.tasks.wait(10_000)
    assert window.undo_stack.count() >= 1

    # The dialogs, each left open.
    place_dialog = window.open_place_dialog()
    editor.tabs.setCurrentWidget(editor.interviews)
    editor.interviews.edit_selected()
    interview_dialog = editor.interviews.dialog
    assert interview_dialog is not None
    editor.tabs.setCurrentWidget(editor.photos)
    editor.photos.open_viewer(editor.photos.grid.currentIndex())
    viewer = editor.photos.viewer
    report = photos.ImportReport()
    report.refuse(str(tmp_path / "x.txt"), "is not an image.", "not_an_image")
    report.duplicates.append(str(tmp_path / "a.jpg"))
    photo_report = ImportReportDialog(report, window)
    photo_report.show()
    csv = tmp_path / "lieux.csv"
    csv.write_text("nom;code postal\nA;29200\nB;99999\n", encoding="utf-8")
    places_report = window.show_import_report(importer.import_places(ui_store, csv))
    reports = window.reports_action.open_dialog()
    window.sync_ui.show_login()
    window.sync_ui.show_conflicts()
    about = window.show_about()
    window.tasks.wait(10_000)
    roots = [
        window,
        place_dialog,
        interview_dialog,
        photo_report,
        places_report,
        reports,
        window.sync_ui.login_dialog,
        window.sync_ui.conflicts_dialog,
        about,
    ]
    if viewer is not None:
        roots.append(viewer)

    # French first: nothing English anywhere (the check the other way round).
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    assert leftovers(roots, "fr") == []

    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    left = leftovers(roots, "en")
    assert left == [], "\n".join(left)
    assert editor.tabs.tabText(0) == "Visit"
    assert window.undo_action.text() == "&Undo Edit notes"
    assert window.undo_action.iconText() == "Undo"

    window.language_actions["fr"].trigger()
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    assert leftovers(roots, "fr") == []
    assert editor.tabs.tabText(0) == "Visite"
    assert window.undo_action.text() == "&Annuler\u00a0: modification des notes"

    for dialog in roots[1:]:
        dialog.close()
    QApplication.processEvents()
