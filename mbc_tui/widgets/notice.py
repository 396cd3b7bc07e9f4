"""The one-line educational notice on every screen that talks about treatment."""

from __future__ import annotations

from textual import events
from textual.widgets import Static

from mbc_tui.core.about import EDUCATIONAL_NOTICE, SHORT_EDUCATIONAL_NOTICE


def notice_for(width: int) -> str:
    """The notice that fits on one line of ``width`` characters: the whole one, or (on a
    narrow screen) the short one, which still says education only and care team decides."""
    return EDUCATIONAL_NOTICE if len(EDUCATIONAL_NOTICE) <= width else SHORT_EDUCATIONAL_NOTICE


LEFT_PADDING = 1


class EducationalNotice(Static):
    """Says the guide is education, not medical advice; the care team decides. One line
    whenever it can be: small screens need their rows for the text."""

    DEFAULT_CSS = """
    EducationalNotice {
        height: auto;
        padding: 0 0 0 1;
        text-style: italic;
    }
    """

    def __init__(self) -> None:
        super().__init__(EDUCATIONAL_NOTICE, markup=False)

    def on_mount(self) -> None:
        self.fit(self.app.size.width - LEFT_PADDING)  # before the first layout: no reflow

    def on_resize(self, event: events.Resize) -> None:
        self.fit(self.content_size.width)

    def fit(self, width: int) -> None:
        text = notice_for(width)
        if str(self.content) != text:
            self.update(text)
