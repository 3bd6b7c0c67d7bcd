"""The conflicts view shows where two versions differ (issue 13): words highlighted, the
common version when known, a labelled merge box, a list header that is not clipped."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from fieldkit.store import Store
from fieldkit.sync.local import ConflictInfo, _insert_conflict
from ui import i18n
from ui.sync.conflicts_view import ConflictsDialog, word_diff_html
from ui.tasks import TaskManager

BASE = "Une équipe de trois personnes anime le lieu."
THEIRS = "Une équipe de quatre personnes anime le lieu depuis mars."
MINE = "Une équipe de trois bénévoles anime le lieu."


def test_word_diff_highlights_only_the_words_that_differ():
    theirs, mine = word_diff_html(THEIRS, MINE)
    marked = re.compile(r'<span style="background: #[0-9a-f]+;">([^<]*)</span>')
    assert marked.findall(theirs) == ["quatre", "personnes", "lieu depuis mars."]
    assert marked.findall(mine) == ["trois", "bénévoles", "lieu."]
    # What both say alike is not marked.
    assert theirs.startswith('<p style="white-space: pre-wrap;">Une équipe de <span')
    escaped, _ = word_diff_html("a <b> & c", "a c")
    assert "&lt;b&gt; &amp;" in escaped


def test_the_view_shows_base_and_labels_the_merge_box(qtbot, ui_store: Store):
    i18n.set_language("fr")
    place = ui_store.create_place(name="Le Bocal", postcode="29200")
    visit = ui_store.create_visit(place["id"], visited_on="2026-10-01", notes=MINE)
    with ui_store.transaction():
        _insert_conflict(
            ui_store,
            ConflictInfo(
                "c1",
                "visit",
                visit["id"],
                3,
                mine={"notes": MINE},
                theirs={"notes": THEIRS},
                base={"notes": BASE},
            ),
        )
    tasks = TaskManager(ui_store)
    dialog = ConflictsDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 560)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.choices) == 1, timeout=10_000)
    [choice] = dialog.choices
    assert choice.theirs_view.toPlainText() == THEIRS and choice.mine_view.toPlainText() == MINE
    assert "#ffd8a8" in choice.theirs_view.toHtml()
    assert choice.base_label is not None
    assert choice.base_label.text() == f"Avant les deux modifications\u00a0: {BASE}"
    assert choice.result_label.text().startswith("&Valeur à garder")
    assert choice.result_label.buddy() is choice.result_edit
    # The list's headers are whole (« Champs en conflit » was cut).
    header = dialog.list_view.horizontalHeader()
    metrics = header.fontMetrics()
    for section in range(dialog.model.columnCount()):
        text = dialog.model.headerData(section, header.orientation())
        assert header.sectionSize(section) >= metrics.horizontalAdvance(text), text
    # The visit's date as a French reader writes it, not the core's ISO date.
    cell = dialog.model.index(0, dialog.model.COLUMNS.index("title"))
    assert cell.data() == "Le Bocal — 01/10/2026"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == cell.data()  # whole, when elided
    assert "01/10/2026" in dialog.heading.text() and "2026-10-01" not in dialog.heading.text()
    dialog.close()
    tasks.wait(5000)
