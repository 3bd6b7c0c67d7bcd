"""Search results drawn so that the matching words show: a title line, then the snippet
on two lines, wrapped and shortened at word boundaries around the match.

The results list sits in the narrow left pane. Qt elided each « title\\nsnippet » item on
the right, character by character, so the snippet lost its end mid-word and often the
very word that matched. Here the snippet is cut to the words around the match (« … » where
words were left out) and wrapped on two lines; the title is shortened at a word.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.models import SnippetRole, TitleRole
from ui.status_bar import ELLIPSIS, elide_at_word

SNIPPET_LINES = 2
_PADDING = 4

Index = QModelIndex | QPersistentModelIndex


def wrap_words(words: list[str], metrics: QFontMetrics, width: int) -> list[str]:
    """Greedy line filling, whole words only (a word wider than a line stands alone)."""
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def fit_snippet(
    snippet: str, metrics: QFontMetrics, width: int, lines: int = SNIPPET_LINES
) -> list[str]:
    """At most ``lines`` lines of whole words from ``snippet`` that fit ``width``,
    always keeping the first matched word (marked [like this]), with « … » where words
    were left out before or after. Brackets are removed."""
    words = [w for w in snippet.split() if w]
    if not words:
        return []
    match = next((i for i, w in enumerate(words) if "[" in w), 0)
    clean = [w.replace("[", "").replace("]", "") for w in words]

    def layout(start: int, end: int) -> list[str] | None:
        shown = clean[start:end]
        if start > 0 and not shown[0].startswith(ELLIPSIS):
            shown = [ELLIPSIS + shown[0], *shown[1:]]
        if end < len(clean) and not shown[-1].endswith(ELLIPSIS):
            shown = [*shown[:-1], shown[-1] + ELLIPSIS]
        wrapped = wrap_words(shown, metrics, width)
        if len(wrapped) > lines or any(metrics.horizontalAdvance(t) > width for t in wrapped):
            return None
        return wrapped

    start, end = match, match + 1
    best = layout(start, end)
    if best is None:  # the matched word alone is too wide: shorten it, as a last resort
        only = ELLIPSIS if start > 0 else ""
        return [metrics.elidedText(only + clean[match], Qt.TextElideMode.ElideRight, width)]
    grew = True
    while grew:
        grew = False
        # Words after the match first (a sentence reads on), then the ones before it.
        for new_start, new_end in ((start, end + 1), (start - 1, end)):
            if new_start < 0 or new_end > len(clean):
                continue
            candidate = layout(new_start, new_end)
            if candidate is not None:
                start, end, best, grew = new_start, new_end, candidate, True
    return best


class SearchHitDelegate(QStyledItemDelegate):
    """Paints a hit as its title (bold) over its snippet fitted on two lines."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        return title, QFont(option.font)

    def text_rect(self, option: QStyleOptionViewItem, index: Index) -> QRect:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        return style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)

    def lines(self, option: QStyleOptionViewItem, index: Index) -> tuple[str, list[str]]:
        """(title, snippet lines) as they are drawn in ``option.rect``."""
        title_font, body_font = self._fonts(option)
        width = max(40, self.text_rect(option, index).width() - 2 * _PADDING)
        title = elide_at_word(str(index.data(TitleRole) or ""), QFontMetrics(title_font), width)
        snippet = fit_snippet(str(index.data(SnippetRole) or ""), QFontMetrics(body_font), width)
        return title, snippet

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        title_font, body_font = self._fonts(option)
        height = QFontMetrics(title_font).lineSpacing()
        height += SNIPPET_LINES * QFontMetrics(body_font).lineSpacing()
        base = super().sizeHint(option, index)
        # No wider than the list: the text is fitted to the width there is, so a wide
        # hint would only push the end of each row out of sight (a sideways scroll).
        return QSize(min(base.width(), 120), max(base.height(), height + 2 * _PADDING))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, snippet = self.lines(option, index)
        opt.text = ""  # the background, selection and icon by the style; the text below
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        rect = rect.adjusted(_PADDING, _PADDING, -_PADDING, -_PADDING)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        title_font, body_font = self._fonts(option)
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.setFont(title_font)
        y = rect.top()
        line = QFontMetrics(title_font).lineSpacing()
        painter.drawText(
            QRect(rect.left(), y, rect.width(), line), Qt.AlignmentFlag.AlignLeft, title
        )
        y += line
        painter.setFont(body_font)
        line = QFontMetrics(body_font).lineSpacing()
        for text in snippet:
            painter.drawText(
                QRect(rect.left(), y, rect.width(), line), Qt.AlignmentFlag.AlignLeft, text
            )
            y += line
        painter.restore()
