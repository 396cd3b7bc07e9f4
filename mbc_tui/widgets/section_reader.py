"""The reader: one section of the guide, scrolled by the keyboard."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import var

from mbc_tui.core.content import Section
from mbc_tui.core.search import Place, compile_query, places_in, query_words
from mbc_tui.kept_scrollbar import keep_scrollbar, thumb_in_next_frame
from mbc_tui.widgets.border_rows import BorderRows
from mbc_tui.widgets.kept_styles import KeptStyles
from mbc_tui.widgets.markdown_page import MarkdownPage
from mbc_tui.widgets.page_layout import MATCH_STYLE
from mbc_tui.widgets.page_place import NOWHERE, PagePlace, page_of, place_label


class SectionReader(KeptStyles, BorderRows, MarkdownPage):
    """Shows a section. Links are not opened here: ``MarkdownPage.LinkClicked`` bubbles up
    to the screen, which knows the guide and decides what a link means.

    The bottom border says where the reader is: the page ("page 2 of 5") and, after a
    search, the match ("Found: ... (place 1 of 3, n: next)"). Only that row changes when
    the page does, and nothing when a key moves within a page.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top of the section", show=False),
        Binding("end", "scroll_end", "End of the section", show=False),
        Binding(
            "n", "next_match", "Next match", tooltip="After a search: the next match", show=False
        ),
        Binding(
            "N",
            "previous_match",
            "Previous match",
            key_display="Shift+n",
            tooltip="After a search: the previous match",
            show=False,
        ),
    ]

    DEFAULT_CSS = """
    SectionReader {
        overflow-y: scroll;  /* its bar kept, drawn blank while all shows: see keep_scrollbar */
    }
    """

    MATCH_STYLE = MATCH_STYLE
    """How found words are marked: reverse video shows without colour."""

    page_place: var[PagePlace] = var(NOWHERE)
    """The page shown, of how many: kept by the reader as it scrolls and resizes."""

    def __init__(
        self, *, frameless: bool = False, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(frameless=frameless, id=id, classes=classes)
        self._current = 0
        self._find_words = ""
        self._places: list[Place] = []
        """Where the words searched for are, as search counts them (the title last)."""
        self._start_line = 0
        """The line to show at the top once the section is laid out (0: its top)."""
        self._found = ""
        """Where the current search match is, in words ("" without a search)."""

    @property
    def matches(self) -> tuple[int, ...]:
        """The line each place holding a search match starts on, in the order ``n`` visits
        them: the places ``mbc_tui.core.search.places_in`` finds (and the search results
        count), the title's last."""
        layout = self.layout_
        if layout is None:
            return ()
        anchors = layout.anchors
        return tuple(anchors[start] for start, _end in self._places if start in anchors)

    def show_section(self, section: Section, find: str | None = None, at_line: int = 0) -> None:
        """Replace what is shown with ``section``, from its top (or from ``at_line``: where
        the reader left it).

        With ``find`` (what the reader searched for), every match is marked and the
        reader scrolls to the first one in the text (the title's only if nothing else
        matches); ``n`` and ``N`` move between them.
        """
        self._current = 0
        self._find_words = query_words(find) if find else ""
        self._places = places_in(section, find) if find else []
        bar_was_blank = self.layout_ is not None and not self.max_scroll_y
        self.show(section.markdown, compile_query(find) if find else None)
        if bar_was_blank and self.max_scroll_y:
            thumb_in_next_frame(self)
        self._start_line = 0 if find else at_line
        self._go_to_match()
        self._go_to_start()

    def draw_scrollbar(self) -> None:
        keep_scrollbar(self)

    @property
    def allow_vertical_scroll(self) -> bool:
        """Its bar is always there (``keep_scrollbar``): scrolled only where the section is
        taller than the reader."""
        return super().allow_vertical_scroll and self.max_scroll_y > 0

    def laid_out(self) -> None:
        self._current = min(self._current, max(len(self.matches) - 1, 0))
        self._go_to_match()
        self._go_to_start()
        self._count_pages()

    def resized(self) -> None:
        self._count_pages()
        self._say_where()  # the room for the words may have changed

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._count_pages()

    def _count_pages(self) -> None:
        """Work out the page shown (``page_place`` says it in the border if it changed)."""
        if self.layout_ is None:
            self.page_place = NOWHERE
            return
        self.page_place = page_of(
            round(self.scroll_y),
            self.scrollable_content_region.height,
            self.virtual_size.height,
        )

    def watch_page_place(self) -> None:
        self._say_where()

    def _say_where(self) -> None:
        """Put the page, and a search's place, in the bottom border, if they changed."""
        # Between the border's corners, a blank either side: as wide as inside the border
        # and the padding (a page being shown for the first time knows this size already).
        room = self.size.width
        # Content, not a string: a string here is read as markup, and the search is typed.
        self.say_below(Content(place_label(self.page_place, room, self._found)))

    def _go_to_start(self) -> None:
        """Scroll to where the reader left this section, once it is laid out (a section
        given while the page is hidden is laid out later)."""
        if self._start_line and self.layout_ is not None:
            self.scroll_to(y=self._start_line, animate=False, immediate=True)
            self._start_line = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_match", "previous_match"):
            return len(self.matches) > 1
        return True

    def action_next_match(self) -> None:
        self._current = (self._current + 1) % max(len(self.matches), 1)
        self._go_to_match()

    def action_previous_match(self) -> None:
        self._current = (self._current - 1) % max(len(self.matches), 1)
        self._go_to_match()

    def _go_to_match(self) -> None:
        """Scroll to the current match and say where it is in the border."""
        matches = self.matches
        if not matches:
            if self.layout_ is not None or not self._find_words:  # else: once laid out
                self._found = ""
                self._say_where()
            return
        place = f"place {self._current + 1} of {len(matches)}"
        more = ", n: next" if len(matches) > 1 else ""
        self._found = f"Found: {self._find_words} ({place}{more})"
        self.scroll_to(y=matches[self._current], animate=False, immediate=True)
        self._say_where()
