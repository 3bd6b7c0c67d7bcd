"""« Effacer définitivement »: the confirmation that says what will be destroyed, then the
erasure on the database lane (``fieldkit.erasure``; docs/privacy.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from fieldkit import erasure
from ui.interview_model import format_date
from ui.tasks import TaskManager


def describe(plan: erasure.ErasurePlan) -> str:
    """What the confirmation lists, in the interface's language."""
    title = format_date(plan.title) if plan.kind == "visit" else plan.title
    lines = [
        {
            "place": QCoreApplication.translate("Erase", "The place “{title}”"),
            "visit": QCoreApplication.translate("Erase", "The visit of {title}"),
            "interview": QCoreApplication.translate("Erase", "The interview with {title}"),
            "photo": QCoreApplication.translate("Erase", "The photo “{title}”"),
        }[plan.kind].format(title=title)
    ]
    counts = (
        ("visit", QCoreApplication.translate("Erase", "Visits: {n}")),
        (
            "interview",
            QCoreApplication.translate("Erase", "Interviews, with their notes and quotes: {n}"),
        ),
        ("photo", QCoreApplication.translate("Erase", "Photos: {n}")),
    )
    for kind, text in counts:
        n = plan.count(kind) - (1 if kind == plan.kind else 0)
        if n:
            lines.append(text.format(n=n))
    if plan.blobs:
        lines.append(
            QCoreApplication.translate("Erase", "Photo files no other photo uses: {n}").format(
                n=len(plan.blobs)
            )
        )
    text = "\n".join(f"• {line}" for line in lines)
    if plan.captions:
        # The erasure leaves the visit's photos: their captions may still name the person.
        text += "\n\n" + QCoreApplication.translate(
            "Erase", "These captions of the visit's photos name this person:"
        )
        text += "".join(f"\n« {caption} »" for _, caption in plan.captions)
    return text


class EraseConfirmation(QMessageBox):
    """Window-modal question; ``accepted_erase`` runs when the person confirms."""

    def __init__(self, parent: QWidget, plan: erasure.ErasurePlan) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setIcon(QMessageBox.Icon.Warning)
        self.erase_button = self.addButton(
            QCoreApplication.translate("Erase", "Erase permanently"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button)
        self.clear_captions_box: QCheckBox | None = None
        if plan.captions:
            self.clear_captions_box = QCheckBox()
            self.clear_captions_box.setChecked(True)
            self.setCheckBox(self.clear_captions_box)
        self.retranslate_ui()

    def captions_to_clear(self) -> list[str]:
        """The photos whose caption the person chose to clear with the erasure."""
        box = self.clear_captions_box
        if box is None or not box.isChecked():
            return []
        return [photo_id for photo_id, _ in self.plan.captions]

    def retranslate_ui(self) -> None:
        plan = self.plan
        self.setWindowTitle(QCoreApplication.translate("Erase", "Erase permanently"))
        self.setText(
            QCoreApplication.translate(
                "Erase", "Erase permanently? This cannot be undone, not even with Ctrl+Z."
            )
        )
        self.setInformativeText(
            QCoreApplication.translate(
                "Erase",
                "This destroys, on this computer now and on the server and every other "
                "computer at their next sync:",
            )
            + "\n\n"
            + describe(plan)
        )
        self.erase_button.setText(QCoreApplication.translate("Erase", "Erase permanently"))
        if self.clear_captions_box is not None:
            self.clear_captions_box.setText(
                QCoreApplication.translate("Erase", "Also clear these captions ({n})").format(
                    n=len(plan.captions)
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class ErasureRefused(QMessageBox):
    """Only coordinators and admins erase what is synced or someone else's: said so."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Information)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Erase", "Erase permanently"))
        self.setText(
            QCoreApplication.translate(
                "Erase",
                "Only coordinators and admins can erase records already synced or made "
                "by someone else. You can delete it instead, or ask a coordinator.",
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def erase_record(
    parent: QWidget,
    tasks: TaskManager,
    kind: str,
    record_id: str,
    on_done: Callable[[erasure.ErasureResult], None],
    on_failed: Callable[[BaseException], None],
    on_dialog: Callable[[QMessageBox], None] | None = None,
) -> None:
    """Plan on the lane, ask, erase on the lane. A refusal is explained, nothing erased."""

    def planned(answer: tuple[erasure.ErasurePlan, str]) -> None:
        plan, refusal = answer
        if refusal:
            box = ErasureRefused(parent)
            box.open()
            if on_dialog is not None:
                on_dialog(box)
            return
        dialog = EraseConfirmation(parent, plan)

        def answered(_result: Any) -> None:
            if dialog.clickedButton() is dialog.erase_button:
                captions = dialog.captions_to_clear()
                tasks.run(
                    lambda s: erasure.erase(s, kind, record_id, clear_captions=captions),
                    on_done,
                    on_failed,
                    name="erase",
                )

        dialog.finished.connect(answered)
        dialog.open()
        if on_dialog is not None:
            on_dialog(dialog)

    def make_plan(store: Any) -> tuple[erasure.ErasurePlan, str]:
        plan = erasure.plan(store, kind, record_id)
        return plan, erasure.refusal(store, plan)

    tasks.run(make_plan, planned, on_failed, name="plan erasure")
