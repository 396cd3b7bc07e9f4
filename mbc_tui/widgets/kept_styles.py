"""Widgets restyled for a state they have been in before without matching the stylesheet again.

When a widget gains or loses focus (or any class or pseudo-class changes), Textual matches
the stylesheet's rules against the widget, against each of its component classes (a node of
its own each: the reader has eight, the topic list five) and against its scroll bar, then
sets every style. Moving the focus between the topic list and the reader did that for both,
about 2.5 ms, to come to one of the same two looks each time.

A ``KeptStyles`` widget keeps what that matching gave, by everything it depends on: the rules
that can apply to the widget or its component classes (those naming one of their types, ids
or classes: Textual matches no other), in the stylesheet's order, and the type, id, classes
and pseudo-classes (those these rules name) of the widget and of each node above it; its
scroll bar's, likewise, with them. In a state seen before, the kept rules are set again as
Textual sets them (``Stylesheet.replace_rules``, which repaints what changes), with the kept
component styles.
A new theme gives new rules (parsed with its colours), so nothing kept from before it is
used; CSS added for other widgets (a screen built ahead) changes nothing kept here.
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
    selector_names,
    set_component_styles,
)

_Mixin = Widget if TYPE_CHECKING else object
"""Not a ``Widget`` at run time: Textual takes a widget's CSS and component classes from its
first base that is one."""

StyleState = tuple[object, ...]
"""What a widget's styles depend on (see ``KeptStyles.style_state``)."""


@dataclass(frozen=True)
class Candidates:
    """The rules that can apply to a widget, its component classes and its scroll bar."""

    rules: tuple[RuleSet, ...]
    """In the stylesheet's order (the order breaks ties between equally specific rules)."""
    pseudo_classes: frozenset[str]
    """The pseudo-classes these rules name: no other can change what matches."""


def candidates(all_rules: list[RuleSet], names: frozenset[str]) -> Candidates:
    """The rules of ``all_rules`` whose subjects name one of ``names`` (as Textual's
    ``Stylesheet.apply`` chooses the rules it checks)."""
    rules = tuple(rule for rule in all_rules if not rule.selector_names.isdisjoint(names))
    return Candidates(rules, frozenset().union(*(rule.pseudo_classes for rule in rules)))


def node_state(node: DOMNode, used: frozenset[str]) -> tuple[object, ...]:
    """What the matching depends on for one node: the ``used`` pseudo-classes."""
    has = node.has_pseudo_class
    return (node, node.id, node.classes, frozenset(name for name in used if has(name)))


def path_state(node: DOMNode, found: Candidates) -> StyleState:
    """Everything the matching of ``found``'s rules depends on for ``node``: the rules (by
    ``id``: whoever keeps the state keeps them alive) and the state of each node from the app
    down to ``node``."""
    used = found.pseudo_classes
    return (tuple(map(id, found.rules)), *(node_state(one, used) for one in node.css_path_nodes))


def bar_candidates(bar: DOMNode) -> Candidates:
    """The rules that can apply to a scroll bar (kept for the stylesheet's rules now)."""
    all_rules = bar.app.stylesheet.rules
    kept = _bar_candidates.get(type(bar))
    if kept is None or kept[0] is not all_rules:
        kept = _bar_candidates[type(bar)] = (all_rules, candidates(all_rules, selector_names(bar)))
    return kept[1]


_bar_candidates: dict[type, tuple[list[RuleSet], Candidates]] = {}


def component_names(components: frozenset[str]) -> frozenset[str]:
    """What the nodes Textual matches for ``components`` (one each) are named by."""
    names: set[str] = set()
    for component in components:
        names |= selector_names(DOMNode(classes=component))
    return frozenset(names)


@dataclass(frozen=True)
class Restyled:
    """What Textual's restyle gave a widget in one state."""

    rules: RulesMap
    components: ComponentStyles
    bar: tuple[StyleState, RulesMap, Candidates] | None
    """The vertical scroll bar's state (``path_state``), rules and the rules they came from,
    if the restyle styled it."""
    candidates: Candidates
    """The rules it came from (kept alive: the state names them by ``id``)."""

    @classmethod
    def of(cls, widget: Widget, found: Candidates) -> Restyled:
        bar = existing_vertical_scrollbar(widget) if bar_styled(widget) else None
        if bar is None:
            kept_bar = None
        else:
            for_bar = bar_candidates(bar)
            kept_bar = (path_state(bar, for_bar), bar.styles.base.get_rules(), for_bar)
        return cls(widget.styles.base.get_rules(), dict(component_styles(widget)), kept_bar, found)

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
            if self.bar is not None and self.bar[0] == path_state(bar, bar_candidates(bar)):
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
    _candidates: tuple[list[RuleSet], frozenset[str], Candidates] | None = None
    """The candidate rules, for the stylesheet's rules and the names they were found for."""
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
            found = self.candidate_rules()
            self._keep(self.style_state(found), found)

    def candidate_rules(self) -> Candidates:
        """The rules that can apply to the widget and its component classes (found again only
        when the stylesheet is parsed again or a name changes)."""
        all_rules = self.app.stylesheet.rules
        names = selector_names(self) | component_names(frozenset(component_styles(self)))
        kept = self._candidates
        if kept is not None and kept[0] is all_rules and kept[1] == names:
            return kept[2]
        found = candidates(all_rules, names)
        self._candidates = (all_rules, names, found)
        return found

    def style_state(self, found: Candidates) -> StyleState:
        """Everything the matching depends on for the widget and its component classes
        (``path_state``; its scroll bar's is kept in ``Restyled``)."""
        return path_state(self, found)

    def _keep(self, state: StyleState, found: Candidates) -> None:
        kept = self._kept_styles
        if kept is None:
            kept = self._kept_styles = {}
        if len(kept) >= self.KEPT_STATES:
            kept.clear()
        kept[state] = Restyled.of(self, found)

    def update_node_styles(self, animate: bool = True) -> None:
        if not keepable(self):
            super().update_node_styles(animate)
            return
        found = self.candidate_rules()
        state = self.style_state(found)
        restyled = None if self._kept_styles is None else self._kept_styles.get(state)
        if restyled is not None:
            restyled.set_on(self, animate)
            return
        super().update_node_styles(animate)
        self.restyles_matched += 1
        if self.candidate_rules() is found and self.style_state(found) == state:
            self._keep(state, found)  # (the same state still: nothing changed on the way)
