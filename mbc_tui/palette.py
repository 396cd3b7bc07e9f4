"""Command palette (ctrl+p): find a topic by name, or a word in the text."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from mbc_tui.core.search import compile_query, query_words

if TYPE_CHECKING:
    from mbc_tui.app import GuideApp

TITLE_WORD_SCORE = 0.9
"""A topic whose name holds the words (at a word start) comes first."""
TEXT_MATCH_SCORE = 0.6
"""Then the topics whose text holds the words, in the order search gives them."""
RANK_STEP = 0.09
"""How far apart the text matches' scores spread, keeping them above ``FUZZY_SCORE``."""
FUZZY_SCORE = 0.5
"""A name or summary that only matches letter by letter ("bone" in "Biomarkers and
testing") ranks below both: at most this much."""


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
        pattern = compile_query(query)
        for section in self.guide_app.guide:
            text = f"Open: {section.title}"
            fuzzy = max(matcher.match(text), matcher.match(section.summary) * 0.5)
            if pattern is not None and pattern.search(section.title):
                score = TITLE_WORD_SCORE + fuzzy * (1 - TITLE_WORD_SCORE)
            else:
                score = min(fuzzy, 1.0) * FUZZY_SCORE
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(escape(text)),  # it reads its text as markup
                    partial(self.guide_app.show_topic, section.slug),
                    help=escape(section.summary),
                )
        results = self.guide_app.search_index.search(query)
        for rank, result in enumerate(results):
            yield Hit(
                TEXT_MATCH_SCORE - RANK_STEP * rank / len(results),
                # The palette reads these as markup: escape what the reader typed.
                escape(f"Find “{query_words(query)}” in: {result.section.title}"),
                partial(self.guide_app.show_topic, result.section.slug, query),
                help=escape(result.snippet.text),
            )
