"""Command palette (ctrl+p): find a topic by name, or a word in the text."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from mbc_tui.core.search import query_words

if TYPE_CHECKING:
    from mbc_tui.app import GuideApp


TEXT_MATCH_SCORE = 0.3
"""Matches in the text rank below matches in a topic's name."""


class TopicCommands(Provider):
    """One command per section: "Open: How it spreads"; and, for words in the text,
    "Find “biopsy” in: Biomarkers and testing" (opens the section at the match)."""

    @property
    def guide_app(self) -> GuideApp:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        for section in self.guide_app.guide:
            yield DiscoveryHit(
                Content(f"Open: {section.title}"),
                partial(self.guide_app.show_topic, section.slug),
                help=escape(section.summary),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for section in self.guide_app.guide:
            text = f"Open: {section.title}"
            score = max(matcher.match(text), matcher.match(section.summary) * 0.5)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(escape(text)),  # it reads its text as markup
                    partial(self.guide_app.show_topic, section.slug),
                    help=escape(section.summary),
                )
        for result in self.guide_app.search_index.search(query):
            yield Hit(
                TEXT_MATCH_SCORE,
                # The palette reads these as markup: escape what the reader typed.
                escape(f"Find “{query_words(query)}” in: {result.section.title}"),
                partial(self.guide_app.show_topic, result.section.slug, query),
                help=escape(result.snippet.text),
            )
