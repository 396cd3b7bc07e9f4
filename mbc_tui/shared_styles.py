"""Parse each piece of TCSS once per process, not once per stylesheet.

Textual keeps its parsed CSS in a cache that belongs to one ``Stylesheet``, and it makes a
fresh ``Stylesheet`` (with an empty cache) on every re-parse and for every new ``App``. So an
app parses the same widget CSS several times while it starts, and every SSH session's app
parses it all again: about a sixth of the CPU an app needs to show its first screen.

:func:`share_parsed_styles` gives every ``Stylesheet`` in the process one shared cache, keyed
by what the parse depends on: the CSS text, where it came from, its priority, its scope, and
the theme's variables (which are substituted while parsing). The warm parent of the SSH
sessions fills it while it rehearses the guide; each session's app, forked from it, finds
its CSS already parsed.

Parsed rule sets are not changed after parsing (Textual only reads them), so sharing them
between stylesheets, and between the apps of one process in tests, is safe.

This replaces one private method of Textual (``Stylesheet._parse_rules``) and reads one
private attribute (``Stylesheet._variables``), both through :mod:`mbc_tui.textual_compat`.
"""

from __future__ import annotations

from typing import Any

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

from mbc_tui.textual_compat import (
    replace_stylesheet_parse_rules,
    stylesheet_parse_rules,
    stylesheet_variables,
)

MAX_ENTRIES = 1024
"""About 60 CSS sources per theme in this app; a bound only for the unexpected (live CSS
editing during development)."""

_shared: dict[tuple[Any, ...], list[RuleSet]] = {}


def share_parsed_styles() -> None:
    """Make every ``Stylesheet`` in this process use the shared cache (idempotent)."""
    parse_rules = stylesheet_parse_rules()
    if getattr(parse_rules, "shared", False):
        return

    def shared_parse_rules(
        self: Stylesheet,
        css: str,
        read_from: tuple[str, str],
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, _variables_key(self))
        rules = _shared.get(key)
        if rules is None:
            rules = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
            if len(_shared) >= MAX_ENTRIES:
                _shared.clear()
            _shared[key] = rules
        return rules

    shared_parse_rules.shared = True  # type: ignore[attr-defined]
    replace_stylesheet_parse_rules(shared_parse_rules)


def shared_entries() -> int:
    """How many parsed CSS sources are shared (for tests and benchmarks)."""
    return len(_shared)


_last_variables: list[tuple[dict[str, str], tuple[tuple[str, str], ...]]] = []


def _variables_key(stylesheet: Stylesheet) -> tuple[tuple[str, str], ...]:
    """The theme's variables as a key; remembered for the last dictionary seen, since one
    stylesheet asks for each of its CSS sources in turn."""
    variables = stylesheet_variables(stylesheet)
    if _last_variables and _last_variables[0][0] is variables:
        return _last_variables[0][1]
    key = tuple(sorted(variables.items()))
    _last_variables[:] = [(variables, key)]
    return key
