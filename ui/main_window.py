"""The main window: navigation tree, visit list, visit editor, search, menus, status bar.

Every read and write of the store goes through ``self.tasks`` (the database lane); the GUI
thread only builds models from the plain rows that come back. Results that arrive after the
user has moved on (an older search, an older selection) are dropped by generation counters.

Hook points for other parts of the app:

- ``file_menu`` / ``file_extra_separator``: insert "Rapports régionaux…" before it;
- ``sync_menu``: the Synchronisation menu (empty until the sync module fills it);
- ``set_online(bool)``, ``set_last_sync(text)``, ``refresh_status()`` and the status-bar
  labels ``online_label``, ``last_sync_label``, ``pending_label``, ``conflicts_label``;
- ``data_changed(list[Change])`` after every write made from this window, and
  ``status_refreshed(pending, conflicts)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelection,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fieldkit import __version__, importer
from fieldkit.paths import Home
from fieldkit.store import Change, SearchHit, Store
from ui import commands, i18n, screens
from ui.encryption_ui import install_encryption_action
from ui.erase import erase_record
from ui.i18n import error_message, shown_keys
from ui.icons import icon
from ui.map_view import geo_credit, install_map_action
from ui.mission import install_mission
from ui.models import (
    IdRole,
    NavTreeModel,
    Node,
    NodeKindRole,
    PlaceIdRole,
    RowRole,
    SearchResultsModel,
    VisitIdRole,
    VisitSortProxy,
    VisitTableModel,
    build_tree,
    node_key,
)
from ui.place_dialog import PlaceDialog
from ui.record_watch import DatabaseWatcher
from ui.reports_dialog import install_reports_action
from ui.retention_ui import install_retention_action
from ui.search_delegate import SearchHitDelegate
from ui.status_bar import StatusBar
from ui.support_menu import install_support_menu
from ui.sync import install_sync
from ui.sync.history_dialog import HistoryDialog
from ui.tasks import Progress, TaskManager
from ui.undo_texts import retranslate_stack
from ui.view_keys import current_row, follow_current_row, open_menu_with_keys
from ui.visit_editor import VisitEditor

#: How often the status bar re-reads the outbox and conflict counts (ms).
STATUS_REFRESH_MS = 5000
SEARCH_LIMIT = 50
#: One letter matches nearly every record: it would list everything, slowly, so the search
#: starts at the second letter.
MIN_SEARCH_CHARS = 2


def search_job(store: Store, text: str) -> tuple[str, list[SearchHit], list[dict[str, Any]]]:
    """Hits for ``text`` and the visits they point at (a visit, an interview's visit, or
    every visit of a matching place), for the visit list."""
    hits = store.search(text, limit=SEARCH_LIMIT)
    visit_ids = {h.visit_id for h in hits if h.visit_id}
    place_ids = {h.place_id for h in hits if h.kind == "place"}
    visits = store.visits(ids=visit_ids) if visit_ids else []
    seen = {v["id"] for v in visits}
    for pid in place_ids:
        visits.extend(v for v in store.visits(place_id=pid) if v["id"] not in seen)
    visits.sort(key=lambda v: v["visited_on"], reverse=True)
    return text, hits, visits


@dataclass
class _Latest:
    """Generation numbers of the loads and the newest search text.

    A result for an older generation is dropped when it arrives; a job that starts when
    it is already stale does not even run its query (the lane stays free for the new one).
    """

    tree: int = 0
    visits: int = 0
    search: str = ""


class PlacesImportDialog(QDialog):
    """What an import of places did: counts, then every refused line with its reason."""

    def __init__(self, summary: importer.ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setObjectName("importReportDialog")
        self.summary_label = QLabel(objectName="importSummary")
        self.summary_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        self.errors_view = QPlainTextEdit(objectName="importErrors")
        self.errors_view.setReadOnly(True)
        self.errors_view.setMinimumSize(520, 160)
        self.errors_label = QLabel(objectName="importErrorsLabel")
        if summary.errors:
            self.errors_label.setStyleSheet("color: #a33a3a; font-weight: bold;")
        layout.addWidget(self.errors_label)
        if summary.errors or summary.warnings:
            layout.addWidget(self.errors_view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.retranslate_ui()
        layout.activate()

    def retranslate_ui(self) -> None:
        summary = self.summary
        self.setWindowTitle(self.tr("Import of places"))
        self.summary_label.setText(
            self.tr("Created: %1 · Updated: %2 · Unchanged: %3")
            .replace("%1", str(summary.created))
            .replace("%2", str(summary.updated))
            .replace("%3", str(summary.unchanged))
        )
        lines = [
            self.tr("Line %1: %2").replace("%1", str(line)).replace("%2", error_message(reason))
            for line, reason in summary.errors
        ]
        lines += [
            self.tr("Line %1 (warning): %2")
            .replace("%1", str(line))
            .replace("%2", error_message(reason))
            for line, reason in summary.warnings
        ]
        if summary.errors:
            heading = self.tr("%n line(s) could not be imported:", "", len(summary.errors))
        else:
            heading = self.tr("Every line was imported.")
        self.errors_label.setText(heading)
        self.errors_view.setPlainText("\n".join(lines))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class AboutBox(QMessageBox):
    """Aide → À propos de FieldKit (its texts follow the language)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutBox")
        self.setIconPixmap(icon("fieldkit").pixmap(64, 64))
        self.setText(f"<b>FieldKit {__version__}</b>")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("About FieldKit"))
        self.setInformativeText(
            self.tr(
                "Field visits to tiers-lieux, offline first: places, visits, interviews "
                "and photos, synchronised with the mission's server."
            )
            + "\n\n"
            + geo_credit()
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class MainWindow(QMainWindow):
    data_changed = Signal(list)  # list[Change]
    status_refreshed = Signal(int, int)  # pending changes, open conflicts
    tree_loaded = Signal()
    visits_loaded = Signal()
    search_finished = Signal(str)

    def __init__(self, store: Store, home: Home, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.store = store
        self.home = home
        self.tasks = TaskManager(store, self)
        self.tasks.unhandled_failure.connect(self._on_unhandled_failure)
        self.undo_stack = QUndoStack(self)
        self.settings = QSettings()

        # What the person asked for last (a plain object: jobs read it from the lane).
        self._latest = _Latest()
        self._search_in_flight = False
        self._restoring_tree = False
        self._wanted_key: str | None = None
        self._wanted_visit: str | None = None
        self._expanded: set[str] = set()
        self._scope_text = ""
        self._list_is_search = False
        self._current_visit: str | None = None
        self.tree_ready = False
        # The last dialog of each kind opened (tests and other modules look at them).
        self.error_box: QMessageBox | None = None
        self.place_dialog: PlaceDialog | None = None
        self.erase_dialog: QMessageBox | None = None  # the last erasure question shown
        self.import_report: PlacesImportDialog | None = None
        self.demo_progress: QProgressDialog | None = None
        self.about_box: QMessageBox | None = None

        screens.install()  # every window and dialog fits the screen (a 1366×768 laptop)
        self.writing_mode = False
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        install_reports_action(self)  # File → « Rapports régionaux… »
        install_map_action(self)  # View → « Carte »
        install_encryption_action(self)  # File → « Chiffrement des données… »
        self.setStatusBar(StatusBar(self))  # messages cut at a word, never mid-word
        self._build_status_bar()
        install_sync(self)  # Synchronisation menu (F5, sign-in, conflicts), status bar
        install_mission(self)  # Fichier → « Ouvrir une mission… », drops, update banner
        install_support_menu(self)  # Aide → dossier des données, rapport de diagnostic
        install_retention_action(self)  # Édition → « Durée de conservation des noms… »
        self.retranslate_ui()
        self._restore_window_state()

        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()

        # Writes made elsewhere (a sync on its own connection, the CLI, an undo): the open
        # editors re-read their records and merge with unsaved typing.
        self.watcher = DatabaseWatcher(self.tasks, self)
        self.watcher.changed.connect(self._database_changed)
        self.watcher.start()

        self.reload_tree()
        self.refresh_status()

    def _database_changed(self) -> None:
        self.editor.check_external()
        dialog = self.place_dialog
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
            place_id = dialog.place.get("id")
            if place_id:
                self.tasks.run(
                    lambda s: s.get("place", place_id),
                    lambda row: shiboken6.isValid(dialog) and dialog.absorb(row),
                    name="check place",
                )

    # == building ======================================================================
    def _build_widgets(self) -> None:
        self.setWindowIcon(icon("fieldkit"))
        self.setMinimumSize(760, 480)

        # Left: search field, search results, navigation tree.
        self.search_edit = QLineEdit(objectName="searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.textChanged.connect(self._on_search_text)
        self.search_edit.returnPressed.connect(self._activate_first_result)
        self.search_edit.installEventFilter(self)  # Esc clears, ↓ goes to the results

        self.results_model = SearchResultsModel(self)
        self.results_view = QListView(objectName="resultsView")
        self.results_view.setModel(self.results_model)
        self.results_view.setUniformItemSizes(True)  # title + two snippet lines each
        # The snippet is cut at words around the match, not mid-word on the right.
        self.results_view.setItemDelegate(SearchHitDelegate(self.results_view))
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.activated.connect(self._jump_to_hit)
        self.results_view.clicked.connect(self._jump_to_hit)
        self.results_label = QLabel(objectName="resultsLabel")
        self.results_view.hide()
        self.results_label.hide()

        self.tree_model = NavTreeModel(self)
        self.tree_view = QTreeView(objectName="treeView")
        self.tree_view.setModel(self.tree_model)
        self.tree_view.setUniformRowHeights(True)
        self.tree_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NavTreeModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NavTreeModel.VISITS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(NavTreeModel.VISITS, 64)
        follow_current_row(self.tree_view)
        open_menu_with_keys(self.tree_view)
        self.tree_view.selectionModel().selectionChanged.connect(self._on_tree_selection)
        self.tree_view.expanded.connect(
            lambda i: self._expanded.add(node_key(i.data(NodeKindRole), i.data(IdRole)))
        )
        self.tree_view.collapsed.connect(
            lambda i: self._expanded.discard(node_key(i.data(NodeKindRole), i.data(IdRole)))
        )
        self.tree_view.doubleClicked.connect(self._on_tree_double_click)
        self.tree_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree_view.customContextMenuRequested.connect(self._tree_context_menu)

        left = QWidget(objectName="navigationPanel")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.results_label)
        left_layout.addWidget(self.results_view, 1)
        left_layout.addWidget(self.tree_view, 2)
        left.setMinimumWidth(220)

        # Right top: the visit list.
        self.visit_model = VisitTableModel(self)
        self.visit_proxy = VisitSortProxy(self)
        self.visit_proxy.setSourceModel(self.visit_model)
        self.visit_view = QTableView(objectName="visitView")
        self.visit_view.setModel(self.visit_proxy)
        self.visit_view.setSortingEnabled(True)
        self.visit_view.sortByColumn(VisitTableModel.DATE, Qt.SortOrder.DescendingOrder)
        self.visit_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visit_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.visit_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visit_view.setAlternatingRowColors(True)
        self.visit_view.verticalHeader().hide()
        self.visit_view.verticalHeader().setDefaultSectionSize(24)
        vh = self.visit_view.horizontalHeader()
        vh.setHighlightSections(False)
        screens.natural_sort_arrows(vh)  # ▼ over the newest-first dates
        for col, width in (
            (VisitTableModel.DATE, 92),
            (VisitTableModel.COMMUNE, 130),
            (VisitTableModel.VISITORS, 150),
            (VisitTableModel.STATUS, 100),
            (VisitTableModel.INTERVIEWS, 84),
            (VisitTableModel.PHOTOS, 64),
        ):
            vh.resizeSection(col, width)
        vh.setSectionResizeMode(VisitTableModel.PLACE, QHeaderView.ResizeMode.Stretch)
        # At least six visits in view, whatever room the editor takes below.
        # (The header's size hint is not yet its height with its sort arrows: 40 px covers it.)
        self.visit_view.setMinimumHeight(
            max(vh.sizeHint().height(), 40) + 6 * 24 + 2 * self.visit_view.frameWidth()
        )
        # Tab leaves the list (cell by cell, it wrapped to the next row and opened it).
        self.visit_view.setTabKeyNavigation(False)
        follow_current_row(self.visit_view)
        open_menu_with_keys(self.visit_view)
        self.visit_view.selectionModel().currentRowChanged.connect(self._on_visit_current)
        self.visit_view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.visit_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.visit_view.customContextMenuRequested.connect(self._visit_context_menu)

        self.visits_label = QLabel(objectName="visitsLabel")
        self.visits_label.setStyleSheet("font-weight: bold;")
        visit_panel = QWidget(objectName="visitPanel")
        visit_layout = QVBoxLayout(visit_panel)
        visit_layout.setContentsMargins(0, 6, 6, 0)
        visit_layout.addWidget(self.visits_label)
        visit_layout.addWidget(self.visit_view)

        # Right bottom: the visit editor (ui.visit_editor).
        self.editor = self._make_editor()

        self.right_splitter = QSplitter(Qt.Orientation.Vertical, objectName="rightSplitter")
        self.right_splitter.addWidget(visit_panel)
        self.right_splitter.addWidget(self.editor)
        # A taller window gives its extra height to the editor (its notes), not the list.
        self.right_splitter.setStretchFactor(0, 1)
        self.right_splitter.setStretchFactor(1, 4)
        self.right_splitter.setChildrenCollapsible(False)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.main_splitter.addWidget(left)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(0, 1)
        self.main_splitter.setStretchFactor(1, 3)
        self.main_splitter.setChildrenCollapsible(False)

        self.empty_page = self._build_empty_page()
        self.pages = QStackedWidget(objectName="pages")
        self.pages.addWidget(self.main_splitter)
        self.pages.addWidget(self.empty_page)
        self.setCentralWidget(self.pages)

        self.setTabOrder(self.search_edit, self.results_view)
        self.setTabOrder(self.results_view, self.tree_view)
        self.setTabOrder(self.tree_view, self.visit_view)
        self.setTabOrder(self.visit_view, self.editor)

    def _make_editor(self) -> VisitEditor:
        """The visit editor (fields, interviews, photos), on the window's lane and undo stack."""
        editor = VisitEditor(self.tasks, self.home, self.undo_stack, self)
        editor.setObjectName("visitEditor")
        editor.visit_saved.connect(self._on_visit_saved)
        editor.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return editor

    def _build_empty_page(self) -> QWidget:
        page = QWidget(objectName="emptyPage")
        self.empty_title = QLabel(objectName="emptyTitle")
        self.empty_title.setStyleSheet("font-size: 20pt; font-weight: bold; color: #2c5d7a;")
        self.empty_text = QLabel(objectName="emptyText")
        self.empty_text.setWordWrap(True)
        # A fixed width lets the wrapped text take the height it needs in the centred column.
        self.empty_text.setFixedWidth(480)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_new_button = QPushButton(icon("new-place"), "", objectName="emptyNewPlace")
        self.empty_import_button = QPushButton(icon("import"), "", objectName="emptyImport")
        self.empty_demo_button = QPushButton(icon("demo"), "", objectName="emptyDemo")
        self.empty_mission_button = QPushButton(icon("sync"), "", objectName="emptyMission")
        empty_buttons = (
            self.empty_mission_button,
            self.empty_new_button,
            self.empty_import_button,
            self.empty_demo_button,
        )
        for button in empty_buttons:
            button.setMinimumHeight(40)
            button.setMinimumWidth(340)
            button.setStyleSheet("text-align: left; padding-left: 12px;")
        self.empty_new_button.clicked.connect(lambda: self.open_place_dialog())
        self.empty_import_button.clicked.connect(self.import_places_csv)
        self.empty_demo_button.clicked.connect(self.build_demo_mission)
        self.empty_mission_button.clicked.connect(lambda: self.mission_ui.choose_file())
        column = QVBoxLayout()
        column.addStretch(1)
        logo = QLabel()
        logo.setPixmap(icon("fieldkit").pixmap(72, 72))
        column.addWidget(logo, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.empty_title, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.empty_text, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(16)
        for button in empty_buttons:
            column.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        outer = QHBoxLayout(page)
        outer.addStretch(1)
        outer.addLayout(column)
        outer.addStretch(1)
        return page

    def _action(self, name: str, icon_name: str | None, slot, shortcut: Any = None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_place_action = self._action(
            "newPlaceAction", "new-place", lambda: self.open_place_dialog(), "Ctrl+Shift+N"
        )
        self.new_visit_action = self._action(
            "newVisitAction", "new-visit", self.new_visit, QKeySequence.StandardKey.New
        )
        self.edit_place_action = self._action(
            "editPlaceAction", "edit", self.edit_selected_place, "Ctrl+E"
        )
        self.new_interview_action = self._action(
            "newInterviewAction", "interview", self.new_interview, "Ctrl+Shift+I"
        )
        self.import_places_action = self._action(
            "importPlacesAction", "import", self.import_places_csv
        )
        self.import_photos_action = self._action(
            "importPhotosAction", "import-photos", self.import_photos, "Ctrl+I"
        )
        self.demo_action = self._action("demoAction", "demo", self.build_demo_mission)
        self.quit_action = self._action("quitAction", "quit", self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = self._action(
            "undoAction", "undo", self.undo_stack.undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            "redoAction",
            "redo",
            self.undo_stack.redo,
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")],
        )
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda _: self._retranslate_undo())
        self.undo_stack.redoTextChanged.connect(lambda _: self._retranslate_undo())
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)

        self.delete_place_action = self._action(
            "deletePlaceAction", "delete", self.delete_selected_place
        )
        self.delete_visit_action = self._action(
            "deleteVisitAction", "delete", self.delete_selected_visit
        )
        self.place_history_action = self._action(
            "placeHistoryAction", None, self.show_place_history
        )
        self.visit_history_action = self._action(
            "visitHistoryAction", None, self.show_visit_history
        )
        self.erase_place_action = self._action("erasePlaceAction", None, self.erase_selected_place)
        self.erase_visit_action = self._action("eraseVisitAction", None, self.erase_selected_visit)
        # Del deletes what has the focus: a place in the tree, a visit in the list.
        self._delete_in_tree = QAction(self.tree_view)
        self._delete_in_tree.setShortcut(QKeySequence.StandardKey.Delete)
        self._delete_in_tree.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._delete_in_tree.triggered.connect(self.delete_selected_place)
        self.tree_view.addAction(self._delete_in_tree)
        self._delete_in_list = QAction(self.visit_view)
        self._delete_in_list.setShortcut(QKeySequence.StandardKey.Delete)
        self._delete_in_list.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._delete_in_list.triggered.connect(self.delete_selected_visit)
        self.visit_view.addAction(self._delete_in_list)

        self.find_action = self._action(
            "findAction", "search", self.focus_search, QKeySequence.StandardKey.Find
        )
        self.refresh_action = self._action("refreshAction", None, self.refresh_all, "Ctrl+R")
        # Writing mode: the notes fill the window; Esc (or F11 again) returns.
        self.writing_action = self._action(
            "writingModeAction", None, lambda on: self.set_writing_mode(on), "F11"
        )
        self.writing_action.setCheckable(True)
        self._leave_writing = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self._leave_writing.setContext(Qt.ShortcutContext.WindowShortcut)
        self._leave_writing.setEnabled(False)
        self._leave_writing.activated.connect(lambda: self.set_writing_mode(False))

        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True, objectName=f"language_{code}")
            action.setData(code)
            action.setChecked(code == (i18n.current_language() or "en"))
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action

        self.about_action = self._action("aboutAction", "about", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = self._action(
            "aboutQtAction", None, lambda: QMessageBox.aboutQt(self)
        )
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)
        self._update_actions()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("fileMenu")
        for a in (
            self.new_place_action,
            self.new_visit_action,
            self.new_interview_action,
            self.edit_place_action,
        ):
            self.file_menu.addAction(a)
        self.file_menu.addSeparator()
        for a in (self.import_places_action, self.import_photos_action, self.demo_action):
            self.file_menu.addAction(a)
        # Other modules (regional reports) insert their actions before this separator.
        self.file_extra_separator = self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("")
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.delete_place_action)
        self.edit_menu.addAction(self.delete_visit_action)
        self.edit_menu.addAction(self.erase_place_action)
        self.edit_menu.addAction(self.erase_visit_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.place_history_action)
        self.edit_menu.addAction(self.visit_history_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)

        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("viewMenu")
        self.language_menu = QMenu(self.view_menu, objectName="languageMenu")
        self.language_menu.setIcon(icon("language"))
        for a in self.language_actions.values():
            self.language_menu.addAction(a)
        self.view_menu.addMenu(self.language_menu)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.writing_action)
        self.view_menu.addAction(self.refresh_action)

        # Filled by the sync module (F5 "Synchroniser", sign-in, conflicts).
        self.sync_menu = bar.addMenu("")
        self.sync_menu.setObjectName("syncMenu")

        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.about_action)
        self.help_menu.addAction(self.about_qt_action)

        self.toolbar = self.addToolBar("")
        self.toolbar.setObjectName("mainToolBar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.new_place_action, self.new_visit_action, self.import_photos_action):
            self.toolbar.addAction(a)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.undo_action)
        self.toolbar.addAction(self.redo_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.online_label = QLabel(objectName="onlineLabel")
        self.last_sync_label = QLabel(objectName="lastSyncLabel")
        self.pending_label = QLabel(objectName="pendingLabel")
        self.conflicts_label = QLabel(objectName="conflictsLabel")
        for label in (
            self.online_label,
            self.last_sync_label,
            self.pending_label,
            self.conflicts_label,
        ):
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)
        self._online = False
        self._last_sync: str | None = None
        self._pending = 0
        self._conflicts = 0

    # == texts ==========================================================================
    def retranslate_ui(self) -> None:
        # Qt adds " — FieldKit" (the application display name) itself.
        self.setWindowTitle(self.tr("Field visits to tiers-lieux"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.sync_menu.setTitle(self.tr("&Synchronisation"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))

        self.new_place_action.setText(self.tr("New &place…"))
        self.new_place_action.setToolTip(self.tr("Create a place (Ctrl+Shift+N)"))
        self.new_visit_action.setText(self.tr("New &visit"))
        self.new_visit_action.setToolTip(self.tr("New visit for the selected place (Ctrl+N)"))
        self.new_interview_action.setText(self.tr("New &interview…"))
        self.new_interview_action.setToolTip(
            self.tr("Add an interview to the selected visit (Ctrl+Shift+I)")
        )
        self.edit_place_action.setText(self.tr("&Edit place…"))
        self.import_places_action.setText(self.tr("Import a list of places (&CSV)…"))
        self.import_photos_action.setText(self.tr("Import p&hotos…"))
        self.import_photos_action.setToolTip(self.tr("Import photos into the visit (Ctrl+I)"))
        self.demo_action.setText(self.tr("Explore the &demo mission"))
        self.quit_action.setText(self.tr("&Quit"))
        # Commands pushed before the switch say what they undo in the new language too.
        retranslate_stack(self.undo_stack)
        self._retranslate_undo()
        self.delete_place_action.setText(self.tr("Delete the &place"))
        self.delete_visit_action.setText(self.tr("Delete the &visit"))
        self.place_history_action.setText(self.tr("History of the place…"))
        self.place_history_action.setToolTip(
            self.tr("Who changed what, and when, on the selected place")
        )
        self.visit_history_action.setText(self.tr("History of the visit…"))
        self.visit_history_action.setToolTip(
            self.tr("Who changed what, and when, on the selected visit")
        )
        self.erase_place_action.setText(self.tr("Erase the place permanently…"))
        self.erase_visit_action.setText(self.tr("Erase the visit permanently…"))
        self.find_action.setText(self.tr("&Search…"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.writing_action.setText(self.tr("&Writing mode"))
        self.writing_action.setToolTip(
            self.tr("Only the notes of the visit, filling the window (F11; Esc to return)")
        )
        self.about_action.setText(self.tr("&About FieldKit"))
        self.about_qt_action.setText(self.tr("About &Qt"))

        self.search_edit.setPlaceholderText(self.tr("Search places, visits, interviews (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Search"))
        self.results_view.setAccessibleName(self.tr("Search results"))
        self.tree_view.setAccessibleName(self.tr("Places by région and département"))
        self.visit_view.setAccessibleName(self.tr("Visits"))
        self.tree_model.retranslate()
        self.visit_model.retranslate()
        self.empty_title.setText(self.tr("Welcome to FieldKit"))
        self.empty_text.setText(
            self.tr(
                "There is no place in this mission yet. Start by adding the tiers-lieux "
                "you will visit, or explore a demo mission to see how it works."
            )
        )
        self.empty_new_button.setText(self.tr("New place…"))
        self.empty_import_button.setText(self.tr("Import a list of places (CSV)…"))
        self.empty_demo_button.setText(self.tr("Explore the demo mission"))
        self.empty_mission_button.setText(self.tr("Open a mission…"))
        self._show_status()
        self._show_visits_label()
        self._show_results_label()

    def _retranslate_undo(self) -> None:
        if not shiboken6.isValid(self.undo_stack):
            return  # the stack says goodbye (its texts change) while the window is destroyed
        undo_text = self.undo_stack.undoText()
        redo_text = self.undo_stack.redoText()
        # The menu says what will be undone; the toolbar button keeps a short, steady text
        # (its width would change after every action) and says it in its tooltip.
        undo_full = self.tr("&Undo %1").replace("%1", undo_text) if undo_text else ""
        redo_full = self.tr("&Redo %1").replace("%1", redo_text) if redo_text else ""
        self.undo_action.setText(undo_full or self.tr("&Undo"))
        self.undo_action.setIconText(self.tr("Undo"))
        self.undo_action.setToolTip(
            (undo_full.replace("&", "") if undo_full else self.tr("Nothing to undo"))
            + f" ({shown_keys(self.undo_action.shortcut())})"
        )
        self.redo_action.setText(redo_full or self.tr("&Redo"))
        self.redo_action.setIconText(self.tr("Redo"))
        self.redo_action.setToolTip(
            (redo_full.replace("&", "") if redo_full else self.tr("Nothing to redo"))
            + f" ({shown_keys(self.redo_action.shortcut())})"
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_writing_mode(self, on: bool) -> None:
        """The visit's notes fill the window, nothing else shown; Esc returns."""
        if on and (self.editor.visit_id is None or self.pages.currentIndex() != 0):
            on = False  # nothing to write in
        self.writing_action.setChecked(on)
        self._leave_writing.setEnabled(on)
        self.writing_mode = on
        for widget in (
            self.main_splitter.widget(0),  # search and tree
            self.right_splitter.widget(0),  # the visit list
            self.toolbar,
            self.menuBar(),
        ):
            widget.setVisible(not on)
        self.editor.set_writing_mode(on)

    def set_language(self, lang: str) -> None:
        i18n.set_language(lang, save=True)
        self.language_actions[lang].setChecked(True)

    # == status bar ====================================================================
    def set_online(self, online: bool) -> None:
        self._online = online
        self._show_status()

    def set_last_sync(self, when: str | None) -> None:
        """``when``: already-formatted text (the sync module knows its format), or None."""
        self._last_sync = when
        self._show_status()

    def refresh_status(self) -> None:
        """Re-read the outbox and conflict counts on the database lane."""
        self.tasks.run(
            lambda s: (s.outbox_count(), s.conflict_count()),
            self._status_loaded,
            name="status",
        )

    def _status_loaded(self, counts: tuple[int, int]) -> None:
        self._pending, self._conflicts = counts
        self._show_status()
        self.status_refreshed.emit(self._pending, self._conflicts)

    def _show_status(self) -> None:
        if not hasattr(self, "online_label"):
            return
        self.online_label.setText(self.tr("Online") if self._online else self.tr("Offline"))
        self.last_sync_label.setText(
            self.tr("Last sync: %1").replace("%1", self._last_sync)
            if self._last_sync
            else self.tr("Never synchronised")
        )
        self.pending_label.setText(self.tr("%n change(s) to send", "", self._pending))
        self.conflicts_label.setText(self.tr("%n conflict(s)", "", self._conflicts))
        self.conflicts_label.setStyleSheet(
            "color: #b45f06; font-weight: bold;" if self._conflicts else ""
        )

    # == tree ==========================================================================
    def reload_tree(self) -> None:
        """Load the places on the database lane, then rebuild the tree keeping its state."""
        self._latest.tree += 1
        generation = self._latest.tree
        # The tree of plain nodes is built on the lane too: the GUI thread only swaps it in.
        latest = self._latest
        self.tasks.run(
            lambda s: build_tree(s.places()) if latest.tree == generation else None,
            lambda root: root is not None and self._tree_rows_loaded(generation, root),
            self._on_load_failed,
            name="load places",
        )

    def _tree_rows_loaded(self, generation: int, root: Node) -> None:
        if generation != self._latest.tree:
            return  # a newer reload is on its way
        first_load = not self.tree_ready
        previous = self._selected_key()
        if first_load:
            saved = self.settings.value("main/selection", "")
            self._wanted_key = self._wanted_key or (str(saved) if saved else None)
            saved_visit = self.settings.value("main/visit", "")
            self._wanted_visit = self._wanted_visit or (str(saved_visit) if saved_visit else None)
            expanded = self.settings.value("main/expanded", [])
            if isinstance(expanded, str):
                expanded = [expanded]
            self._expanded.update(str(k) for k in expanded or [])
        self._restoring_tree = True
        try:
            self.tree_model.set_tree(root)
            for key in list(self._expanded):
                idx = self.tree_model.index_for_key(key)
                if idx.isValid():
                    self.tree_view.expand(idx)
        finally:
            self._restoring_tree = False
        self.tree_ready = True
        self.pages.setCurrentWidget(self.empty_page if not root.children else self.main_splitter)
        key = self._wanted_key or previous
        self._wanted_key = None
        if not self._select_key(key):
            # Nothing (left) to select: the list shows every visit.
            self._load_visits(None)
        self._update_actions()
        self.tree_loaded.emit()

    def _select_key(self, key: str | None) -> bool:
        if not key:
            return False
        idx = self.tree_model.index_for_key(key)
        if not idx.isValid():
            return False
        parent = idx.parent()
        while parent.isValid():
            self.tree_view.expand(parent)
            parent = parent.parent()
        unchanged = self._selected_key() == key
        self.tree_view.setCurrentIndex(idx)
        self.tree_view.scrollTo(idx)
        if unchanged:
            # No selection change, so no load from it: reload the list here.
            self._load_visits(key)
        return True

    def _selected_key(self) -> str | None:
        kind = current_row(self.tree_view, NodeKindRole)
        if kind is None:
            return None
        return node_key(kind, current_row(self.tree_view, IdRole))

    def selected_place(self) -> dict[str, Any] | None:
        if current_row(self.tree_view, NodeKindRole) == "place":
            return current_row(self.tree_view, RowRole)
        return None

    def _on_tree_selection(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._restoring_tree:
            return
        key = self._selected_key()
        self.settings.setValue("main/selection", key or "")
        self._load_visits(key)
        self._update_actions()

    def tree_context_actions(self) -> list[QAction]:
        return [
            self.new_visit_action,
            self.edit_place_action,
            self.delete_place_action,
            self.new_place_action,
            self.place_history_action,
            self.erase_place_action,
        ]

    def visit_context_actions(self) -> list[QAction]:
        return [
            self.new_interview_action,
            self.import_photos_action,
            self.delete_visit_action,
            self.new_visit_action,
            self.visit_history_action,
            self.erase_visit_action,
        ]

    def _tree_context_menu(self, pos: Any) -> None:
        menu = self.context_menu(self.tree_view, pos, self.tree_context_actions())
        menu.popup(self.tree_view.viewport().mapToGlobal(pos))

    def _visit_context_menu(self, pos: Any) -> None:
        menu = self.context_menu(self.visit_view, pos, self.visit_context_actions())
        menu.popup(self.visit_view.viewport().mapToGlobal(pos))

    def context_menu(self, view: QAbstractItemView, pos: Any, actions: list[QAction]) -> QMenu:
        """The right-click menu of a view: it acts on the row under the mouse."""
        index = view.indexAt(pos)
        if index.isValid():
            view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addActions(actions)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu

    def _on_tree_double_click(self, index: QModelIndex) -> None:
        if index.data(NodeKindRole) == "place":
            self.edit_selected_place()

    # == visit list ====================================================================
    def _load_visits(self, key: str | None) -> None:
        self._latest.visits += 1
        generation = self._latest.visits
        kind, _, ident = (key or "").partition(":")
        scope: dict[str, Any] = {}
        if kind == "region":
            scope["region"] = ident
        elif kind == "departement":
            scope["departement"] = ident
        elif kind == "place":
            scope["place_id"] = ident
        label = ""
        indexes = self.tree_view.selectionModel().selectedRows(0)
        if indexes:
            label = str(indexes[0].data(Qt.ItemDataRole.DisplayRole))
        latest = self._latest
        self.tasks.run(
            lambda s: s.visits(**scope) if latest.visits == generation else [],
            lambda rows: self._visits_rows_loaded(generation, rows, label),
            self._on_load_failed,
            name="load visits",
        )

    def _visits_rows_loaded(self, generation: int, rows: list[dict[str, Any]], label: str) -> None:
        if generation != self._latest.visits:
            return
        self._list_is_search = False
        self._set_visit_rows(rows, label)

    def _set_visit_rows(self, rows: list[dict[str, Any]], label: str) -> None:
        want = self._wanted_visit or self._current_visit
        self._wanted_visit = None
        self._scope_text = label
        self.visit_model.set_rows(rows)
        self._show_visits_label()
        if want and self.select_visit(want):
            pass
        elif self._current_visit is not None and not self._list_is_search:
            # The visit left the list (deleted, another place): close it. Search results
            # without it leave it open: typing a search must not close what one edits.
            self._show_visit(None)
        self._update_actions()
        self.visits_loaded.emit()

    def select_visit(self, visit_id: str) -> bool:
        row = self.visit_model.row_of(visit_id)
        if row < 0:
            return False
        idx = self.visit_proxy.mapFromSource(self.visit_model.index(row, 0))
        self.visit_view.setCurrentIndex(idx)
        self.visit_view.scrollTo(idx)
        if self._current_visit != visit_id:
            self._show_visit(visit_id)
        return True

    def _on_visit_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        # An invalid index only means the list was reloaded: _set_visit_rows decides then.
        visit_id = current.data(VisitIdRole) if current.isValid() else None
        if visit_id is not None and visit_id != self._current_visit:
            self._show_visit(visit_id)
        self._update_actions()

    def _show_visit(self, visit_id: str | None) -> None:
        self._current_visit = visit_id
        if visit_id:
            self.settings.setValue("main/visit", visit_id)
        # The editor saves what was typed in the previous visit before it switches.
        self.editor.set_visit(visit_id)
        self._update_actions()

    def _on_visit_saved(self, visit_id: str) -> None:
        """The editor wrote something of a visit: refresh its row (counts, date, status)."""
        self.tasks.run(
            lambda s: s.visits(ids=[visit_id]),
            lambda rows: self._visit_row_loaded(visit_id, rows),
            name="refresh visit row",
        )
        self.refresh_status()

    def _visit_row_loaded(self, visit_id: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.visit_model.update_row(rows[0])
        self.data_changed.emit([Change("visit", visit_id, "update")])

    # == the journal of a record (« Historique ») =======================================
    def show_history(self, kind: str, record_id: str) -> HistoryDialog:
        dialog = HistoryDialog(self.tasks, kind, record_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_place_history(self) -> None:
        place = self.selected_place()
        if place is not None:
            self.show_history("place", place["id"])

    def show_visit_history(self) -> None:
        visit = self.selected_visit()
        if visit is not None:
            self.show_history("visit", visit["id"])

    def selected_visit(self) -> dict[str, Any] | None:
        row: dict[str, Any] | None = current_row(self.visit_view, RowRole)
        return row

    def _show_visits_label(self) -> None:
        if not hasattr(self, "visit_model"):
            return
        n = self.visit_model.rowCount()
        count = self.tr("%n visit(s)", "", n)
        if self._list_is_search:
            text = self.tr("Search results — %1").replace("%1", count)
        elif self._scope_text:
            text = f"{self._scope_text} — {count}"
        else:
            text = self.tr("All visits — %1").replace("%1", count)
        self.visits_label.setText(text)

    # == search ========================================================================
    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if watched is self.search_edit and isinstance(event, QKeyEvent):
            key = event.key() if event.type() == QEvent.Type.KeyPress else None
            if key == Qt.Key.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                return True
            if key == Qt.Key.Key_Down and self.results_model.rowCount():
                self.results_view.setFocus(Qt.FocusReason.OtherFocusReason)
                self.results_view.setCurrentIndex(self.results_model.index(0, 0))
                return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_search_text(self, text: str) -> None:
        text = text.strip()
        self._latest.search = text
        if not text:
            self.results_model.set_hits([])
            self.results_view.hide()
            self.results_label.hide()
            self._load_visits(self._selected_key())
            return
        if len(text) < MIN_SEARCH_CHARS:
            self.results_model.set_hits([])
            # Shown (empty) from the first letter: laying out the results pane costs a
            # window relayout and repaint (~25 ms), paid here rather than on top of the
            # first search at the second letter.
            self.results_view.show()
            self.results_label.show()
            self._show_results_label()
            if self._list_is_search:
                self._load_visits(self._selected_key())
            return
        # No fixed debounce: one search runs at a time and, when it ends, the newest text
        # runs next, so a fast typist never queues a backlog and the list follows at once.
        if not self._search_in_flight:
            self._start_search(text)

    def _start_search(self, text: str) -> None:
        self._search_in_flight = True
        latest = self._latest
        self.tasks.run(
            lambda s: search_job(s, text) if latest.search == text else (text, [], []),
            self._search_done,
            self._search_failed,
            name="search",
        )

    def _search_done(self, result: tuple[str, list[SearchHit], list[dict[str, Any]]]) -> None:
        self._search_in_flight = False
        text, hits, visits = result
        if text != self._latest.search:
            # Stale: the user has typed on (or cleared the field) meanwhile.
            if self._latest.search:
                self._start_search(self._latest.search)
            return
        self._latest.visits += 1  # an older tree-driven load must not overwrite this
        self.results_model.set_hits(hits)
        self.results_view.setVisible(True)
        self.results_label.setVisible(True)
        self._show_results_label()
        self._list_is_search = True
        self._set_visit_rows(visits, "")
        self.search_finished.emit(text)

    def _search_failed(self, exc: BaseException) -> None:
        self._search_in_flight = False
        self.statusBar().showMessage(error_message(exc), 5000)

    def _show_results_label(self) -> None:
        if not hasattr(self, "results_model"):
            return
        if 0 < len(self.search_edit.text().strip()) < MIN_SEARCH_CHARS:
            self.results_label.setText(self.tr("Type at least two letters…"))
        else:
            n = self.results_model.rowCount()
            self.results_label.setText(self.tr("%n result(s)", "", n))

    def _activate_first_result(self) -> None:
        if self.results_model.rowCount():
            first = self.results_model.index(0, 0)
            self.results_view.setCurrentIndex(first)
            self._jump_to_hit(first)

    def _jump_to_hit(self, index: QModelIndex) -> None:
        """Select the hit's place in the tree and its visit (if any) in the list."""
        if not index.isValid():
            return
        self.jump_to(index.data(PlaceIdRole), index.data(VisitIdRole))

    def select_node(self, key: str, visit_id: str | None = None) -> bool:
        """Select a tree node ("region:53", "place:<id>"…) and then, in its list, a visit."""
        if visit_id:
            self._wanted_visit = visit_id
        if self._selected_key() == key:
            self._load_visits(key)
            return True
        return self._select_key(key)

    def jump_to(self, place_id: str | None, visit_id: str | None = None) -> None:
        if visit_id:
            self._wanted_visit = visit_id
        if place_id:
            key = node_key("place", place_id)
            if self._selected_key() == key:
                self._load_visits(key)
            else:
                self._select_key(key)

    # == places ========================================================================
    def open_place_dialog(self, place: dict[str, Any] | None = None) -> PlaceDialog:
        """Open the place dialog (window-modal, not blocking); accepting it writes the place."""
        dialog = PlaceDialog(place, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._place_dialog_accepted(dialog, place))
        self.place_dialog = dialog
        dialog.open()
        return dialog

    def _place_dialog_accepted(self, dialog: PlaceDialog, place: dict[str, Any] | None) -> None:
        if place is not None:
            place = dialog.place  # as last read: it follows writes made while it was open
        if place is None:
            command = commands.create_place(
                self.tasks,
                dialog.values(),
                on_changed=self._changed,
                on_failed=self._failed,
                stack=self.undo_stack,
            )
            self._wanted_key = node_key("place", command.record_id)
            self.undo_stack.push(command)
        else:
            changes = dialog.changes()
            if changes:
                self.undo_stack.push(
                    commands.edit_place(
                        self.tasks,
                        place,
                        changes,
                        on_changed=self._changed,
                        on_failed=self._failed,
                        stack=self.undo_stack,
                    )
                )

    def edit_selected_place(self) -> None:
        place = self.selected_place()
        if place is None:
            visit = self.selected_visit()
            if visit is None:
                return
            self.tasks.run(lambda s: s.require("place", visit["place_id"]), self.open_place_dialog)
            return
        # The tree's row may be a moment old: edit what is stored now.
        self.tasks.run(lambda s: s.require("place", place["id"]), self.open_place_dialog)

    def delete_selected_place(self) -> None:
        place = self.selected_place()
        if place is None:
            return
        parent = self.tree_view.currentIndex().parent()
        if parent.isValid():
            self._wanted_key = node_key(parent.data(NodeKindRole), parent.data(IdRole))
        self.undo_stack.push(
            commands.delete_place(
                self.tasks,
                place,
                on_changed=self._changed,
                on_failed=self._failed,
                stack=self.undo_stack,
            )
        )
        self.statusBar().showMessage(
            self.tr("Place “%1” deleted — Ctrl+Z to undo.").replace("%1", place["name"]), 8000
        )

    # == visits ========================================================================
    def new_visit(self) -> None:
        place = self.selected_place()
        place_id = place["id"] if place else None
        if place_id is None:
            visit = self.selected_visit()
            place_id = visit["place_id"] if visit else None
        if place_id is None:
            self.statusBar().showMessage(self.tr("Select a place first."), 5000)
            return
        self._flush_editor()
        fields = {
            "place_id": place_id,
            "visited_on": self.store.today().isoformat(),  # the store's clock, no database
            "status": "draft",
            "visitors": self.store.user,
        }
        command = commands.create_visit(
            self.tasks,
            fields,
            on_changed=self._changed,
            on_failed=self._failed,
            stack=self.undo_stack,
        )
        self._wanted_visit = command.record_id
        self.editor.focus_form_when_shown(command.record_id)
        if self.search_edit.text():
            self.search_edit.clear()
        self._wanted_key = node_key("place", place_id)
        self.undo_stack.push(command)

    def delete_selected_visit(self) -> None:
        visit = self.selected_visit()
        if visit is None:
            return
        self._flush_editor()
        self.undo_stack.push(
            commands.delete_visit(
                self.tasks,
                visit,
                on_changed=self._changed,
                on_failed=self._failed,
                stack=self.undo_stack,
            )
        )
        self.statusBar().showMessage(self.tr("Visit deleted — Ctrl+Z to undo."), 8000)

    # == erasure (docs/privacy.md) ======================================================
    def erase_selected_place(self) -> None:
        place = self.selected_place()
        if place is not None:
            self._flush_editor()
            self._erase("place", place["id"])

    def erase_selected_visit(self) -> None:
        visit = self.selected_visit()
        if visit is not None:
            self._flush_editor()
            self._erase("visit", visit["id"])

    def _erase(self, kind: str, record_id: str) -> None:
        def done(result: Any) -> None:
            # Nothing to undo into: earlier commands may name what is gone.
            self.undo_stack.clear()
            gone = {rid for _, rid in result.plan.records}
            if self._current_visit in gone:
                self._show_visit(None)
            self._changed([Change(k, rid, "erase") for k, rid in result.plan.records])
            self.statusBar().showMessage(
                self.tr(
                    "Erased for good: %n record(s). The next sync carries the erasure everywhere.",
                    "",
                    len(result.plan.records),
                ),
                10000,
            )

        def show(dialog: QMessageBox) -> None:
            self.erase_dialog = dialog

        erase_record(self, self.tasks, kind, record_id, done, self._failed, show)

    def import_photos(self) -> None:
        """Ctrl+I: the visit editor's photo import (its own file dialog and progress)."""
        if self._current_visit:
            self.editor.import_photos()

    def new_interview(self) -> None:
        if self._current_visit:
            self.editor.new_interview()

    def _flush_editor(self) -> None:
        self.editor.flush()

    # == after writes ==================================================================
    def _changed(self, changes: list[Change]) -> None:
        """A write finished: redraw the tree (counts), the list and the status bar."""
        self.reload_tree()
        self.refresh_status()
        self.data_changed.emit(changes)

    def _failed(self, exc: BaseException) -> None:
        self.show_error(error_message(exc))
        self.reload_tree()

    def refresh_all(self) -> None:
        self.reload_tree()
        self.refresh_status()

    def show_error(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("FieldKit"), text, parent=self)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.open()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.show_error(self.tr("Could not read the mission: %1").replace("%1", error_message(exc)))

    def _on_unhandled_failure(self, exc: BaseException, trace: str) -> None:
        self.show_error(error_message(exc))

    def _update_actions(self) -> None:
        if not hasattr(self, "delete_place_action"):
            return
        has_place = self.selected_place() is not None
        has_visit = self.selected_visit() is not None
        self.edit_place_action.setEnabled(has_place or has_visit)
        self.delete_place_action.setEnabled(has_place)
        self.delete_visit_action.setEnabled(has_visit)
        self.place_history_action.setEnabled(has_place)
        self.visit_history_action.setEnabled(has_visit)
        self.erase_place_action.setEnabled(has_place)
        self.erase_visit_action.setEnabled(has_visit)
        self.new_visit_action.setEnabled(has_place or has_visit)
        self.import_photos_action.setEnabled(has_visit)
        self.new_interview_action.setEnabled(has_visit)

    # == first run: CSV import, demo mission ===========================================
    def import_places_csv(self, path: str | None = None) -> None:
        """Import a CSV of places on the database lane, then list what happened per line."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Import a list of places"),
                str(Path.home()),
                self.tr("CSV files (*.csv);;All files (*)"),
            )
        if not path:
            return
        self.statusBar().showMessage(self.tr("Importing places…"))
        self.tasks.run(
            lambda s: importer.import_places(s, Path(path)),
            self._places_imported,
            self._import_failed,
            name="import places",
        )

    def _import_failed(self, exc: BaseException) -> None:
        self.statusBar().clearMessage()
        self._failed(exc)

    def _places_imported(self, summary: importer.ImportSummary) -> None:
        self.statusBar().clearMessage()
        self._changed([])
        self.show_import_report(summary)

    def show_import_report(self, summary: importer.ImportSummary) -> PlacesImportDialog:
        dialog = PlacesImportDialog(summary, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_report = dialog
        dialog.open()
        return dialog

    def build_demo_mission(self) -> None:
        from fieldkit import demo  # noqa: PLC0415 — only needed for this action

        progress = QProgressDialog(self)
        progress.setObjectName("demoProgress")
        progress.setWindowTitle(self.tr("Demo mission"))
        progress.setLabelText(self.tr("Building the demo mission…"))
        progress.setCancelButton(None)  # one transaction: it finishes or leaves nothing
        progress.setRange(0, 0)
        progress.setMinimumDuration(0)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self.demo_progress = progress

        def job(store: Store, p: Progress) -> Any:
            return demo.build_demo(store, progress=lambda done, total: p.report(done, total))

        def on_progress(done: int, total: int, _: str) -> None:
            progress.setRange(0, total)
            progress.setValue(done)

        def finished(summary: Any) -> None:
            progress.close()
            self._changed([])
            self.statusBar().showMessage(
                self.tr("Demo mission ready: %1 places, %2 visits.")
                .replace("%1", str(summary.places))
                .replace("%2", str(summary.visits)),
                8000,
            )

        def failed(exc: BaseException) -> None:
            progress.close()
            self._failed(exc)

        progress.show()
        self.tasks.run_long(job, finished, failed, on_progress, name="demo mission")

    # == about =========================================================================
    def show_about(self) -> QMessageBox:
        box = AboutBox(self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_box = box
        box.open()
        return box

    # == window state ==================================================================
    def _restore_window_state(self) -> None:
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)  # on a smaller screen, clamped when shown (ui.screens)
        for splitter, key in (
            (self.main_splitter, "main/mainSplitter"),
            (self.right_splitter, "main/rightSplitter"),
        ):
            state = self.settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)
            elif splitter is self.main_splitter:
                splitter.setSizes([300, 900])
            else:
                # The notes are where the work is: the editor gets most of the height.
                splitter.setSizes([150, 630])
        header = self.settings.value("main/visitHeader")
        if isinstance(header, QByteArray) and not header.isEmpty():
            view_header = self.visit_view.horizontalHeader()
            view_header.restoreState(header)
            self.visit_view.sortByColumn(
                view_header.sortIndicatorSection(), view_header.sortIndicatorOrder()
            )

    def save_window_state(self) -> None:
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/mainSplitter", self.main_splitter.saveState())
        self.settings.setValue("main/rightSplitter", self.right_splitter.saveState())
        self.settings.setValue("main/visitHeader", self.visit_view.horizontalHeader().saveState())
        self.settings.setValue("main/selection", self._selected_key() or "")
        self.settings.setValue("main/visit", self._current_visit or "")
        self.settings.setValue("main/expanded", sorted(self._expanded))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._flush_editor()
        self.save_window_state()
        self._status_timer.stop()
        self.watcher.stop()
        # Let queued writes (an undo, a last autosave) reach the disk before we go, and
        # start nothing more: a status refresh still queued would run after the store
        # is closed (the app closes it next).
        self.tasks.close(10_000)
        super().closeEvent(event)
