"""Data folders in the app: one per mission, the demo's own (fieldkit.missions).

- Fichier → « Missions récentes » lists the folders opened, the current one checked;
  choosing another closes the window and the session (ui/launch.py) opens that folder.
- « Explorer la mission de démonstration » opens the demo's folder (built there the first
  time), never the mission's: the demo's records can never reach a team's server.
- A mission file that belongs to another folder than the open one (the demo's, or another
  mission's) opens in its own folder: two missions never mix their places.

Installed by the session on each window it opens: ``install_data_folders(window, …)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QMenu

from fieldkit import missions
from fieldkit.paths import Home

if TYPE_CHECKING:
    from fieldkit.sync.mission_file import MissionFile
    from ui.launch import Session


class DataFolders(QObject):
    def __init__(self, window: Any, session: Session, folder: missions.Folder) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.base: Home = session.base
        self.folder = folder
        window.pending_switch = None
        self.menu = QMenu(window)
        self.menu.setObjectName("recentMissionsMenu")
        self.menu.aboutToShow.connect(self.fill_menu)
        self.group = QActionGroup(self.menu)
        open_action = window.mission_ui.open_action
        actions = window.file_menu.actions()
        after = actions[actions.index(open_action) + 1] if open_action in actions else None
        window.file_menu.insertMenu(after, self.menu)
        # The demo opens in its own folder (the window builds it in place only there).
        for signal in (window.demo_action.triggered, window.empty_demo_button.clicked):
            signal.disconnect()
            signal.connect(self.explore_demo)
        # In the demo, the status bar says it stays on this laptop (« Reste à envoyer »
        # counts what a real mission would send).
        self.demo_label: QLabel | None = None
        if folder.demo:
            self.demo_label = QLabel(objectName="demoLabel")
            self.demo_label.setStyleSheet("color: #8a5a00; font-weight: bold;")
            window.statusBar().insertPermanentWidget(0, self.demo_label)
        window.installEventFilter(self)
        self.fill_menu()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.menu.setTitle(self.tr("Recen&t missions"))
        self.menu.setToolTip(self.tr("Switch to another mission's data"))
        if self.demo_label is not None:
            self.demo_label.setText(self.tr("Demo: never synchronised"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self.fill_menu()
        return False

    def title(self, folder: missions.Folder) -> str:
        if folder.demo:
            return self.tr("Demo mission")
        return folder.name or self.tr("Data without a mission")

    def fill_menu(self) -> None:
        self.menu.clear()
        known = missions.recent(self.base)
        if not any(f.path == self.folder.path for f in known):
            known.insert(0, self.folder)
        for folder in known:
            action = QAction(self.title(folder), self.menu, checkable=True)
            action.setObjectName("recentMission")
            action.setToolTip(str(folder.path))
            action.setChecked(folder.path == self.folder.path)
            action.setData(str(folder.path))
            self.group.addAction(action)
            action.triggered.connect(lambda _=False, p=folder.path: self.open_folder(Home(p)))
            self.menu.addAction(action)

    # -- switching ---------------------------------------------------------------------
    def switch_to(
        self, home: Home, *, mission_file: Path | None = None, build_demo: bool = False
    ) -> None:
        """Close this window (what was typed is saved) and open ``home`` in its place."""
        from ui.launch import Switch  # noqa: PLC0415

        self.window.pending_switch = Switch(home, mission_file, build_demo)
        if not self.window.close():
            self.window.pending_switch = None

    def open_folder(self, home: Home) -> None:
        if home.root == self.folder.path:
            self.fill_menu()  # keep the current one checked
            return
        self.switch_to(home)

    def explore_demo(self) -> None:
        if self.folder.demo:
            if not self.window.tree_model.place_count():
                self.window.build_demo_mission()
            return
        self.switch_to(missions.demo_home(self.base), build_demo=True)

    def takes(self, mission: MissionFile) -> bool:
        return self.folder.takes(mission.mission_name, mission.server_url)

    def open_mission_elsewhere(self, mission: MissionFile, path: Path) -> None:
        """The mission belongs in another folder: open it there (the file is read again)."""
        home = missions.folder_for(self.base, mission.mission_name, mission.server_url)
        self.switch_to(home, mission_file=path)

    def signed_in(self, mission: MissionFile) -> None:
        """This folder now belongs to ``mission``: so says the recent list."""
        self.folder = missions.Folder(
            self.folder.path, mission.mission_name, mission.server_url.rstrip("/")
        )
        missions.remember(self.base, self.folder)
        self.fill_menu()


def install_data_folders(window: Any, session: Session, folder: missions.Folder) -> DataFolders:
    folders = DataFolders(window, session, folder)
    window.data_folders = folders
    return folders
