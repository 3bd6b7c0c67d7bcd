"""Qt's own strings that the French catalogue shipped with PySide6 (qtbase_fr.qm) lacks.

Qt 6 renamed a few of its file dialog labels (« &Look in: », « Files of &type: ») and
qtbase_fr.qm still has only the old ones, so a French user met them in English. The calls
below are never run: they only let lupdate put these sources, in Qt's own contexts, into
our catalogue (French in ``ui/i18n_fr.py``). Qt asks every installed translator, so ours
answers where Qt's has nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _for_lupdate() -> None:  # pragma: no cover - read by lupdate, never called
    QCoreApplication.translate("QFileDialog", "&Look in:")
    QCoreApplication.translate("QFileDialog", "Files of &type:")
