"""Widgets restyled for a state they have been in before without matching the stylesheet again.

When a widget gains or loses focus (or any class or pseudo-class changes), Textual matches
every rule of the stylesheet against the widget, against each of its component classes (a
node of its own each: the reader has eight, the topic list five) and against its scroll
bar, then sets every style. Moving the focus between the topic list and the reader did that
for both, about 2.5 ms, to come to one of the same two looks each time.

A ``KeptStyles`` widget keeps what that matching gave, by everything it depends on (the
stylesheet's rules as parsed now, and the type, id, classes and pseudo-classes of the widget,
of each node above it and of its scroll bar): in a state seen before, the kept rules are set
again as Textual sets them (``Stylesheet.replace_rules``, which repaints what changes), with
the kept component styles. A new theme or stylesheet is a new key (the stylesheet's rules
are parsed again into a new list), so nothing kept from before it is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.css.model import RuleSet
from textual.css.styles import RulesMap
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widget import Widget

from mbc_tui.textual_compat import (
    ComponentStyles,
    component_styles,
    existing_vertical_scrollbar,
    set_component_styles,
)

_Mixin = Widget if TYPE_CHECKING else object
"""Not a ``Widget`` at run time: Textual takes a widget's CSS and component classes from its
first base that is one."""

StyleState = tuple[object, ...]
"""What a widget's styles depend on (see ``style_state``)."""


_pseudo_classes_used: list[tuple[list[RuleSet], frozenset[str]]] = []
"""The pseudo-classes some rule of a stylesheet names (one kept: the last rules asked about)."""


def pseudo_classes_used(rules: list[RuleSet]) -> frozenset[str]:
    """The pseudo-classes named anywhere in ``rules``: no other can change what matches."""
    if not _pseudo_classes_used or _pseudo_classes_used[0][0] is not rules:
        used = frozenset().union(*(rule.pseudo_classes for rule in rules))
        _pseudo_classes_used[:] = [(rules, used)]
    return _pseudo_classes_used[0][1]


def style_state(widget: Widget) -> StyleState:
    """Everything the stylesheet's matching depends on for ``widget`` and its component
    classes: the rules (a new list each time they are parsed) and each node's identity (so
    its type), id, classes and the pseudo-classes the rules name, from the app down. (Its
    scroll bar's styles are kept with the bar's own state: see ``Restyled``.)"""
    rules = widget.app.stylesheet.rules
    used = pseudo_classes_used(rules)

    return (
        id(rules),  # kept alive by the state's ``Restyled``
        *(node_state(node, used) for node in widget.css_path_nodes),
    )


def node_state(node: DOMNode, used: frozenset[str]) -> tuple[object, ...]:
    """What the matching depends on for one node: the ``used`` pseudo-classes."""
    has = node.has_pseudo_class
    return (node, node.id, node.classes, frozenset(name for name in used if has(name)))


@dataclass(frozen=True)
class Restyled:
    """What Textual's restyle gave a widget in one state."""

    parsed: list[RuleSet]
    """The stylesheet's rules it came from (so their ``id`` in the state is not reused)."""
    rules: RulesMap
    components: ComponentStyles
    bar: tuple[tuple[object, ...], RulesMap] | None
    """The vertical scroll bar's state (``node_state``) and rules, if the restyle styled it."""

    @classmethod
    def of(cls, widget: Widget) -> Restyled:
        rules = widget.app.stylesheet.rules
        bar = existing_vertical_scrollbar(widget) if bar_styled(widget) else None
        return cls(
            rules,
            widget.styles.base.get_rules(),
            dict(component_styles(widget)),
            None
            if bar is None
            else (node_state(bar, pseudo_classes_used(rules)), bar.styles.base.get_rules()),
        )

    def set_on(self, widget: Widget, animate: bool) -> None:
        """Give ``widget`` these styles with the calls Textual's restyle makes (so the same
        repaints): its rules, its component classes' styles, then its scroll bar's. Where
        neither the old nor the new rules give a transition, nothing is animated: the rules are
        set directly (Textual's animated path compares every style first, then sets the same)."""
        transitions = "transitions" in self.rules or widget.styles.base.has_rule("transitions")
        Stylesheet.replace_rules(widget, self.rules, animate=animate and transitions)
        if component_styles(widget) != self.components:
            set_component_styles(widget, dict(self.components))
            widget.refresh()
        if bar_styled(widget):
            bar = widget.vertical_scrollbar
            state = node_state(bar, pseudo_classes_used(self.parsed))
            if self.bar is not None and self.bar[0] == state:
                Stylesheet.replace_rules(bar, self.bar[1], animate=False)
            else:  # not styled in this state before: matched now, as Textual does
                widget.app.stylesheet.apply(bar)


def bar_styled(widget: Widget) -> bool:
    """Whether Textual's restyle of ``widget`` styles its vertical scroll bar too (it does
    when the widget shows one)."""
    return bool(
        widget.is_scrollable and widget.show_vertical_scrollbar and widget.scrollbar_size_vertical
    )


def keepable(widget: Widget) -> bool:
    """Whether a restyle of ``widget`` can be kept: one with no children (Textual restyles
    them with it) and no horizontal scroll bar shown, on a screen."""
    return (
        widget.is_attached
        and not widget.children
        and not (widget.is_scrollable and widget.show_horizontal_scrollbar)
    )


class KeptStyles(_Mixin):
    """A widget whose restyles are kept by state and set again (see the module): a mixin,
    before the widget's class among its bases."""

    KEPT_STATES = 8
    """States kept at most (a widget that is focused or not, hovered or not: four)."""

    _kept_styles: dict[StyleState, Restyled] | None = None
    restyles_matched = 0
    """How many restyles matched the stylesheet (the others set kept styles): for tests."""

    def on_mount(self) -> None:
        # Handled by each class of the widget that has a handler (this mixin's too).
        self.keep_styles_now()

    def keep_styles_now(self) -> None:
        """Keep the styles the widget has now for the state it is in (Textual keeps a widget's
        styles up to date with its state): at mount, its first state is kept without a
        restyle of its own (the topic list's unfocused look, before the reader first takes
        the focus)."""
        if keepable(self):
            self._keep(style_state(self))

    def _keep(self, state: StyleState) -> None:
        kept = self._kept_styles
        if kept is None:
            kept = self._kept_styles = {}
        if len(kept) >= self.KEPT_STATES:
            kept.clear()
        kept[state] = Restyled.of(self)

    def update_node_styles(self, animate: bool = True) -> None:
        if not keepable(self):
            super().update_node_styles(animate)
            return
        state = style_state(self)
        restyled = None if self._kept_styles is None else self._kept_styles.get(state)
        if restyled is not None and restyled.parsed is self.app.stylesheet.rules:
            restyled.set_on(self, animate)
            return
        super().update_node_styles(animate)
        self.restyles_matched += 1
        if style_state(self) == state:  # the same state still (nothing made on the way)
            self._keep(state)
