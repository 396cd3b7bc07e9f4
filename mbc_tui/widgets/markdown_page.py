"""One scrollable page of Markdown, drawn line by line (Textual's Line API).

Textual's ``Markdown`` widget builds a widget for every block (a section is about forty,
the help a couple of hundred), each styled and laid out, on every open. This page is one
widget: the document is laid out once per width (``page_layout.lay_out``, cached and shared)
and turned into strips once per look; scrolling only picks which strips to show.

Links are drawn underlined and open with a mouse click: the page posts ``LinkClicked`` and
whoever shows the page decides what the link means (it never opens a web browser). Every
section a link points at is also in the topic list, which the keyboard reaches.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from textual.actions import SkipAction
from textual.events import Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.style import Style

from mbc_tui.strip_scrollbars import FramedScrollBar, draw_scrollbar_as_strips
from mbc_tui.textual_compat import set_virtual_size, vertical_scrollbar_of
from mbc_tui.widgets.page_layout import PageLayout, lay_out
from mbc_tui.widgets.page_strips import line_strips, page_style_of
from mbc_tui.widgets.row_frame import FramedRows

PageStrips = list[Strip | None]
"""A page's lines as strips, ``None`` for a line not drawn yet: a long page (help) is turned
into strips a run of lines at a time, as it is first shown, not all at once."""

_STRIPS: dict[tuple[int, int, Style, tuple[Style, ...]], tuple[PageLayout, PageStrips]] = {}
"""Strips by (layout, width, look), shared by every page (and, over SSH, with every session
forked from the warm parent). A layout is kept alive by its entry, so its id stays unique."""
STRIPS_KEPT = 64
"""Pages of strips kept at most (about 50 KB each): enough for every section, help and the
glossary at a few widths; a reader resizing through many widths does not grow a session."""
PREPARE_AFTER = 0.5
"""Seconds a reader rests on what would open (a topic highlighted, a search typed) before its
page is prepared (``MarkdownPage.prepare``): past the time a key's frame takes, so that moving
through a list or typing costs no more, and before most readers press Enter."""
RUN_PAGES = 2
"""How many screenfuls of lines are turned into strips at once, from the first not yet made:
the page shown and the next (one Page Down ahead)."""


class MarkdownPage(ScrollView, can_focus=True):
    """A Markdown document as one page of lines; ``show`` replaces it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "page--h1",
        "page--h2",
        "page--h3",
        "page--bullet",
        "page--link",
        "page--code",
        "page--table-header",
        "page--table-rule",
    }

    DEFAULT_CSS = """
    MarkdownPage {
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    MarkdownPage > .page--h1 {
        color: $markdown-h1-color;
        background: $markdown-h1-background;
        text-style: $markdown-h1-text-style;
    }
    MarkdownPage > .page--h2 {
        color: $markdown-h2-color;
        background: $markdown-h2-background;
        text-style: $markdown-h2-text-style;
    }
    MarkdownPage > .page--h3 {
        color: $markdown-h3-color;
        background: $markdown-h3-background;
        text-style: $markdown-h3-text-style;
    }
    MarkdownPage > .page--bullet {
        color: $text-primary;
    }
    MarkdownPage > .page--link {
        text-style: underline;
    }
    MarkdownPage > .page--code {
        color: $text-accent;
    }
    MarkdownPage > .page--table-header {
        color: $primary;
    }
    MarkdownPage > .page--table-rule {
        color: $foreground 20%;
    }
    """

    class LinkClicked(Message):
        """A link on the page was clicked."""

        def __init__(self, page: MarkdownPage, href: str) -> None:
            super().__init__()
            self.page = page
            self.href = href

        @property
        def control(self) -> MarkdownPage:
            return self.page

    def __init__(
        self,
        markdown: str = "",
        *,
        frameless: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.markdown = markdown
        """The document shown."""
        self.frameless = frameless
        """Laid out with no frame characters, for a screen reader (see ``page_layout``)."""
        self.pattern: re.Pattern[str] | None = None
        """What is marked in it (search matches), if anything."""
        self.layout_: PageLayout | None = None
        """The document laid out for the page's width (``None`` until it has a width)."""
        self._strips: PageStrips = []
        self._own_strips: dict[int, tuple[Strip, Strip]] = {}
        """By line: a shared strip and this page's own copy of it (``_own_strip``)."""
        self._framed = FramedRows()

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        return vertical_scrollbar_of(self, FramedScrollBar)

    def on_mount(self) -> None:
        self.draw_scrollbar()

    def draw_scrollbar(self) -> None:
        """Choose how the vertical scroll bar is drawn (as strips: its thumb moves on every
        Page Down)."""
        draw_scrollbar_as_strips(self)

    def show(self, markdown: str, pattern: re.Pattern[str] | None = None) -> None:
        """Show ``markdown`` from its top, the matches of ``pattern`` marked."""
        self.markdown, self.pattern = markdown, pattern
        self.layout_, self._strips = None, []
        self._own_strips = {}
        self._lay_out()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def prepare(self, markdown: str, pattern: re.Pattern[str] | None = None) -> bool:
        """Lay ``markdown`` out for the page's width and turn its first lines into strips in
        the page's look, as showing it would, without showing it: both are kept (``lay_out``'s
        cache, ``_STRIPS``), so that showing it later draws what is ready. False if the page
        has no width yet (not on screen)."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return False
        layout = lay_out(markdown, width, pattern, self.frameless)
        strips = self._strips_for(layout, width)
        if strips and strips[0] is None:
            self._make_strips(layout, strips, 0)
        return True

    def on_resize(self, event: Resize) -> None:
        self._lay_out()
        self.resized()

    def resized(self) -> None:
        """Called after the page has a new size, and is laid out for it."""

    def _lay_out(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:  # not on screen yet: laid out when it gets its size
            self.call_after_refresh(self._lay_out_when_shown)
            return
        layout = lay_out(self.markdown, width, self.pattern, self.frameless)
        if layout is self.layout_ and self._strips:
            return
        self.layout_ = layout
        self._strips, self._own_strips = [], {}
        set_virtual_size(self, Size(width, len(layout.lines)))
        self.laid_out()
        self.refresh()

    def _lay_out_when_shown(self) -> None:
        if self.layout_ is None and self.scrollable_content_region.width > 0:
            self._lay_out()
            self.refresh()

    def laid_out(self) -> None:
        """Called after the page is laid out again (a new document, pattern or width)."""

    def _strips_for(self, layout: PageLayout, width: int) -> PageStrips:
        """The page's lines as strips, in the page's current look (made as drawn)."""
        style = self.visual_style
        look = tuple(self.get_visual_style(name) for name in sorted(self.COMPONENT_CLASSES))
        key = (id(layout), width, style, look)
        kept = _STRIPS.get(key)
        if kept is not None and kept[0] is layout:
            return kept[1]
        strips: PageStrips = [None] * len(layout.lines)
        if len(_STRIPS) >= STRIPS_KEPT:
            _STRIPS.clear()
        _STRIPS[key] = (layout, strips)
        return strips

    def _make_strips(self, layout: PageLayout, strips: PageStrips, first: int) -> None:
        """Turn the lines from ``first`` into strips, up to ``RUN_PAGES`` screenfuls of them
        (stopping at a line already made)."""
        limit = min(len(strips), first + RUN_PAGES * max(self.size.height, 1))
        end = first + 1
        while end < limit and strips[end] is None:
            end += 1
        made = line_strips(
            layout.lines[first:end],
            first,
            self.scrollable_content_region.width,
            self.visual_style,
            page_style_of(self),
            self.link_style if self.auto_links else None,
        )
        strips[first:end] = made

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.virtual_size.width != self.scrollable_content_region.width:
            # Drawn before the page heard of its size (its first frame): lay it out now,
            # so that the first frame already shows the text.
            self._lay_out()
        strips, top = self._page_strips(), self.scroll_offset.y
        return self._framed.render(
            self, crop, lambda y: self._page_line(strips, top + y), super().render_lines
        )

    def drew_every_cell(self) -> bool:
        """Whether its last lines filled their rows (see ``changed_area.DrawsEveryCell``)."""
        return self._framed.drew_every_cell

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        if not 0 <= line < len(self._strips or self._page_strips()):
            return Strip.blank(0)
        return self._own_strip(line, self._page_strip(y))

    def _page_strips(self) -> PageStrips:
        layout = self.layout_
        if layout is not None and not self._strips:
            self._strips = self._strips_for(layout, self.scrollable_content_region.width)
        return self._strips

    def _page_strip(self, y: int) -> Strip:
        """Row ``y`` of the page's content as shown (shared by every page: not to be handed
        to Textual, which keeps caches inside a strip; see ``_own_strip``)."""
        return self._page_line(self._page_strips(), self.scroll_offset.y + y)

    def _page_line(self, strips: PageStrips, line: int) -> Strip:
        """Line ``line`` of the page (made now if it is not yet), from its ``strips``."""
        if not 0 <= line < len(strips):
            return Strip.blank(0)
        strip = strips[line]
        if strip is None:
            layout = self.layout_
            assert layout is not None  # there are strips only for a layout
            self._make_strips(layout, strips, line)
            strip = strips[line]
            assert strip is not None
        return strip

    def _own_strip(self, line: int, shared: Strip) -> Strip:
        """``shared`` (the strips are shared by every page, see ``_STRIPS``) as a strip of
        this page's own, made once per line: the same segments, in a strip Textual may write
        to. Textual keeps what it derives from a strip (cropped, styled) in caches inside the
        strip; written into a strip made in the SSH server's warm parent, they would make the
        kernel copy that strip's memory page into the session (see docs/scaling.md)."""
        own = self._own_strips.get(line)
        if own is None or own[0] is not shared:
            own = self._own_strips[line] = (shared, Strip(list(shared), shared.cell_length))
        return own[1]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips, self._own_strips = [], {}  # a new look (theme, focus): draw them again

    # The keys scroll at once. Textual's actions animate the scroll, and with animations off
    # an "animation" still waits for the animator's next frame (up to 1/60 s later) and
    # wakes it three times: about a millisecond of CPU for each Page Down.

    def action_scroll_up(self) -> None:
        self._scroll_by_key(self.scroll_up)

    def action_scroll_down(self) -> None:
        self._scroll_by_key(self.scroll_down)

    def action_page_up(self) -> None:
        self._scroll_by_key(self.scroll_page_up)

    def action_page_down(self) -> None:
        self._scroll_by_key(self.scroll_page_down)

    def action_scroll_home(self) -> None:
        self._scroll_by_key(self.scroll_home)

    def action_scroll_end(self) -> None:
        self._scroll_by_key(self.scroll_end)

    def _scroll_by_key(self, scroll: Callable[..., object]) -> None:
        """Scroll at once; when the whole document fits, the key goes on to the screen (as
        with Textual's own actions)."""
        if not self.allow_vertical_scroll:
            raise SkipAction()
        scroll(animate=False)

    def action_open_link(self, href: str) -> None:
        self.post_message(self.LinkClicked(self, href))
