"""The one-line educational notice on every screen that talks about treatment."""

from __future__ import annotations

from textual.widgets import Static

from mbc_tui.core.about import EDUCATIONAL_NOTICE


class EducationalNotice(Static):
    """Says the guide is education, not medical advice; the care team decides."""

    DEFAULT_CSS = """
    EducationalNotice {
        height: auto;
        padding: 0 1;
        text-style: italic;
    }
    """

    def __init__(self) -> None:
        super().__init__(EDUCATIONAL_NOTICE, markup=False)
