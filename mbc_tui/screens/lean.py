"""Screens that repaint only what changed when focus moves.

Textual's ``Screen.focused`` is a reactive that repaints the *whole* screen on every
focus change. The widgets that gain and lose focus repaint themselves anyway (their
``:focus`` styles change), so the rest is bytes for nothing: over a slow line a Tab
would cost a full screen. These bases keep Textual's behaviour, minus that repaint.
A full-page ``LeanScreen`` also lays itself out again only when its size really changes.

When a screen must be lean: when focus moves on it while it is being read. That is, it
has more than one part that takes focus and keys move between them (Tab, Enter taking
focus from a list to the text, keys that act on switches), so that each move would
otherwise send the whole screen again. A full-page screen derives from ``LeanScreen``, a
dialog from ``LeanModalScreen``. A screen whose focus is set once and stays put (the
results summary, the save prompt, the too-small notice) gains nothing from it.

Lean screens today: the guide (topic list and reader), the subtype explorer (three
switches) and the help dialog, the screens of the bandwidth benchmark's journey
(``benchmarks/bandwidth.py``), which measures them. Making a screen lean asks two things
of it: every widget on it that looks different when focused must repaint itself on focus
and blur (Textual's widgets do, through ``:focus`` styles; a widget of ours that draws
focus some other way must refresh itself), and the screen must draw itself when shown
(the bases do, in ``on_screen_resume``).

Every screen of the guide is at least a ``SizedScreen``: Textual lays a screen out again on
each resize event, even one that does not change its size (a starting app gets three, and a
screen shown for the first time one of its own, after the layout that showed it). Every
dialog is a ``DialogScreen``: the dimmed screen beneath it is drawn once each time the dialog
is shown, not again on each repaint of the dialog (``KeptBackdrop``).
"""

from __future__ import annotations

from typing import Self

from rich.console import RenderableType
from textual import events
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.messages import Update
from textual.reactive import Reactive
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, ScreenResultType
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual, Visual
from textual.widget import Widget

from mbc_tui.changed_area import ChangedAreaCompositor
from mbc_tui.textual_compat import LayoutFilteringScreen, use_compositor

TOAST_RACK = "#textual-toastrack"
"""Textual's own container for notifications, on every screen."""


class SizedScreen(LayoutFilteringScreen[ScreenResultType]):
    """A screen laid out again on a resize event only when its size really changes."""

    _laid_out_for: Size | None = None

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name, id, classes)
        use_compositor(self, ChangedAreaCompositor())  # an update draws only what changed

    def on_mount(self) -> None:
        # Each time a screen is shown, Textual sets its notification rack's display (off,
        # with no notification), and the first time that is a change (the rack was hidden
        # by its CSS alone): the screen was laid out a second time for it. Set here, before
        # the first layout, it is no change then.
        for rack in self.query(TOAST_RACK):
            rack.display = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if regions and not (layout or recompose) and self.hides_what_is_beneath:
            # Only Textual asks a screen to repaint regions: those the screen beneath it
            # repainted (it repaints itself as another is shown over it, so each new screen
            # was drawn whole a second time). Nothing beneath shows on this one.
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @property
    def hides_what_is_beneath(self) -> bool:
        """Whether nothing of the screen beneath shows through this one (it is opaque)."""
        return self.styles.background.a == 1

    def should_lay_out(self, size: Size) -> bool:
        # Textual lays the whole screen out again on every resize event, even one that does
        # not change the size; a starting app gets three of those. Only a new size needs it
        # (any other change asks for a layout of its own).
        if size == self._laid_out_for:
            return False
        if self.is_attached and self.outer_size == size and self._laid_out_for is None:
            # Shown for the first time: Textual laid it out as it was shown, and a screen
            # shown for the first time is then sent a resize event of its own.
            self._laid_out_for = size
            return False
        if self.stack_updates and self.is_attached:  # Textual lays out only then
            self._laid_out_for = size
        return True


class LeanScreen(SizedScreen[ScreenResultType]):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def on_screen_resume(self) -> None:
        # Textual relied on the focus repaint to draw a screen when it is shown: do it here.
        self.refresh()

    def focus_now(self, widget: Widget) -> None:
        """Focus ``widget`` and restyle it and the widget that loses focus at once, not when
        their Focus and Blur events are handled: inside ``App.batch_update`` the focus change
        is then drawn in the same frame as the rest. (A screen reader speaks each frame: a
        focus drawn a frame late made opening a section heard twice.)"""
        blurred = self.focused
        self.set_focus(widget)
        for node, focused in ((blurred, False), (widget, True)):
            if node is not None and (node is not widget or focused):
                node.has_focus = focused  # what the Focus and Blur handlers will set too
                node.refresh()
                # A widget asks the screen to paint it when it is next idle, which may be
                # after this frame: ask now.
                self.post_message(Update(node))


class KeptBackdrop(Visual):
    """The dimmed screen behind a dialog, drawn once per size and kept. Textual draws the
    whole screen beneath again, and dims every cell of it, each time any part of the
    dialog's screen is repainted (several times as a dialog opens)."""

    def __init__(self, screen: Widget, backdrop: BackgroundScreen) -> None:
        self.beneath = backdrop.screen
        self.size = screen.size
        """The size of the dialog's screen it was made for."""
        self._visual = RichVisual(screen, backdrop)
        self._strips: tuple[tuple[int, int | None, Style], list[Strip]] | None = None

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        key = (width, height, style)
        if self._strips is None or self._strips[0] != key:
            self._strips = (key, self._visual.render_strips(width, height, style, options))
        return self._strips[1]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._visual.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._visual.get_height(rules, width)


class DialogScreen(ModalScreen[ScreenResultType], SizedScreen[ScreenResultType]):
    """A dialog over the screen beneath, dimmed: drawn once each time the dialog is shown
    (``KeptBackdrop``), not again on every repaint of the dialog. The screen beneath does
    not change while a dialog covers it. (``ModalScreen`` first: Textual's CSS follows the
    first base alone, and the dimmed background is ``ModalScreen``'s.)"""

    _backdrop: KeptBackdrop | None = None

    @property
    def hides_what_is_beneath(self) -> bool:
        """The screen beneath shows as it was when the dialog was shown (kept)."""
        return True

    def render(self) -> RenderableType:
        rendered = super().render()
        if not isinstance(rendered, BackgroundScreen):
            return rendered
        if self._backdrop is None or self._backdrop.beneath is not rendered.screen:
            self._backdrop = KeptBackdrop(self, rendered)
        return self._backdrop

    def _forget_backdrop(self) -> None:
        self._backdrop = None

    def on_screen_resume(self) -> None:
        self._forget_backdrop()

    def on_resize(self, event: events.Resize) -> None:
        """A new size: the screen beneath is laid out again after this one, so the backdrop
        is drawn again once it is."""
        if self._backdrop is not None and event.size != self._backdrop.size:
            # Forgotten after the next refresh, not now: a frame drawn before the screen
            # beneath has wrapped its text for the new width would be kept instead.
            self._forget_backdrop()
            self.call_after_refresh(self._draw_backdrop_again)

    def _draw_backdrop_again(self) -> None:
        self._forget_backdrop()
        self.refresh()


class LeanModalScreen(DialogScreen[ScreenResultType]):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def on_screen_resume(self) -> None:
        self.refresh()
