"""Nothing a person reads is cut in the middle (issue 13): status-bar messages, search
snippets, dialog titles, the report preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem, QToolTip

from tests.ui.test_main_window import activate, settle
from ui import i18n
from ui.main_window import MainWindow

LONG_ERROR = (
    "La synchronisation a échoué : le serveur ne répond pas. Vos modifications sont "
    "enregistrées et restent sur cet ordinateur jusqu’à la prochaine synchronisation réussie."
)


@pytest.fixture
def window(qtbot, ui_store, home):
    window = MainWindow(ui_store, home)
    qtbot.addWidget(window)
    window.show()
    activate(qtbot, window)
    settle(qtbot, window)
    yield window
    window.close()
    window.tasks.wait(5000)


def assert_whole_words(shown: str) -> None:
    """``shown`` is the start of LONG_ERROR, whole words only, then « … »."""
    words = shown.removesuffix("…").split(" ")
    original = LONG_ERROR.split(" ")
    assert shown.endswith("…")
    assert words == original[: len(words)], (shown, original[: len(words)])


def test_a_long_status_message_is_cut_at_a_word_with_the_full_text_at_hand(qtbot, window):
    window.resize(900, 600)
    settle(qtbot, window)
    bar = window.statusBar()
    bar.showMessage(LONG_ERROR, 10_000)
    shown = bar.shown_message()
    metrics = QFontMetrics(bar.font())
    assert metrics.horizontalAdvance(shown) <= bar.message_room()
    assert shown.endswith("…") and shown != LONG_ERROR
    assert_whole_words(shown)  # no « …restent sur cet ordin »
    assert bar.toolTip() == LONG_ERROR and bar.currentMessage() == LONG_ERROR
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(20, bar.height() // 2))
    assert QToolTip.text() == LONG_ERROR
    # A wider window shows more of it, still at a word; a short message is left whole.
    window.resize(1300, 600)
    qtbot.waitUntil(lambda: len(bar.shown_message()) > len(shown))
    assert bar.shown_message().endswith("…") or bar.shown_message() == LONG_ERROR
    bar.showMessage("Lieu enregistré.", 5000)
    assert bar.shown_message() == "Lieu enregistré." and bar.toolTip() == ""


@pytest.mark.parametrize("width", [200, 300, 700, 2000])
def test_eliding_keeps_whole_words(qapp, width):
    from ui.status_bar import elide_at_word

    metrics = QFontMetrics(qapp.font())
    shown = elide_at_word(LONG_ERROR, metrics, width)
    assert metrics.horizontalAdvance(shown) <= width
    if shown != LONG_ERROR:
        assert_whole_words(shown)


def test_dialog_titles_are_never_elided(qtbot, window):
    """A dialog is at least as wide as its whole title (« Import de photos — FieldKit »
    showed as « Import…eldKit » on a narrow progress dialog), and titles stay short
    enough for a 1280-px screen."""
    from PySide6.QtWidgets import QProgressDialog

    from ui import screens

    i18n.set_language("fr")
    settle(qtbot, window)
    progress = QProgressDialog("Import de 2 photos…", "Annuler", 0, 2, window)
    progress.setWindowTitle(QCoreApplication.translate("PhotosTab", "Photo import"))
    assert progress.windowTitle() != "Photo import"  # French, not the source text
    progress.show()
    dialogs = {
        "progress": progress,
        "place": window.open_place_dialog(),
        "about": window.show_about(),
        "reports": window.reports_action.open_dialog(),
    }
    window.sync_ui.show_login()
    dialogs["login"] = window.sync_ui.login_dialog
    window.sync_ui.show_conflicts()
    dialogs["conflicts"] = window.sync_ui.conflicts_dialog
    for name, dialog in dialogs.items():
        qtbot.waitExposed(dialog)
        needed = screens.title_width(dialog)
        assert needed <= 1280, (name, screens.full_title(dialog))
        assert dialog.width() >= needed, (name, screens.full_title(dialog), dialog.width())
        dialog.close()


NOTES = (
    "Les financements intercommunaux accompagnent l’association départementale, "
    "particulièrement accueillante, qui rassemble quotidiennement professionnels "
    "indépendants, bénévoles expérimentés et habitants du quartier."
)


def test_search_snippets_show_the_match_in_whole_words(qtbot, ui_store, home):
    """In the narrow results pane the snippet is wrapped on two lines and cut at
    words around the match (Qt cut « title\nsnippet » on the right, mid-word, match and all)."""
    from ui.models import SnippetRole

    cantine = ui_store.create_place(name="La Cantine Brestoise", postcode="29200", commune="Brest")
    ui_store.create_visit(cantine["id"], visited_on="2026-06-03", notes=NOTES)
    window = MainWindow(ui_store, home)
    qtbot.addWidget(window)
    window.show()
    activate(qtbot, window)
    settle(qtbot, window)
    window.main_splitter.setSizes([250, 1116])  # the left pane, as narrow as it gets
    with qtbot.waitSignal(window.search_finished, timeout=5000):
        window.search_edit.insert("accueillante")
    settle(qtbot, window)
    assert window.results_model.rowCount() == 1
    index = window.results_model.index(0, 0)
    assert "[accueillante]" in index.data(SnippetRole)
    delegate = window.results_view.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(window.results_view)
    option.rect = window.results_view.visualRect(index)
    # Each row is as wide as the list, not wider (its end was out of sight, sideways).
    assert option.rect.width() <= window.results_view.viewport().width()
    assert window.results_view.horizontalScrollBar().maximum() == 0
    metrics = QFontMetrics(option.font)
    whole = index.data(SnippetRole).replace("[", "").replace("]", "")
    assert metrics.horizontalAdvance(whole) > option.rect.width()  # it cannot fit on one line
    title, lines = delegate.lines(option, index)
    assert 1 <= len(lines) <= 2
    text_width = delegate.text_rect(option, index).width()
    assert all(metrics.horizontalAdvance(line) <= text_width for line in lines)
    shown = " ".join(lines)
    assert "accueillante" in shown  # the match, near the end of the snippet, shows
    original = [w.strip("…") for w in whole.split()]
    assert all(word.strip("…") in original for word in shown.split())  # whole words only
    # The row is tall enough for the title and both snippet lines.
    assert window.results_view.sizeHintForRow(0) >= metrics.lineSpacing() * 3
    window.close()
    window.tasks.wait(5000)
