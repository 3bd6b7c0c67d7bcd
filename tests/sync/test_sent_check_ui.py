"""« Tout est-il envoyé ? » in the app names open conflicts the server no longer has, and
those it could not check (French, real widgets offscreen)."""

from __future__ import annotations

import pytest

from fieldkit.sync.pending import PendingReport, SentCheck
from tests.sync.test_mission_ui import window  # noqa: F401
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401
from ui import i18n

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def test_the_answer_names_lost_and_unchecked_conflicts(window):  # noqa: F811
    i18n.set_language("fr")
    lost = PendingReport(logged_in=True, conflicts_lost=2)
    text = window.sync_ui.check_text(SentCheck(False, lost, []))
    assert "2 conflits ouverts que le serveur n’a plus" in text
    unchecked = PendingReport(logged_in=True, conflicts_unchecked=1)
    text = window.sync_ui.check_text(SentCheck(False, unchecked, []))
    assert "1 conflit ouvert qui n’a pas pu être vérifié" in text
