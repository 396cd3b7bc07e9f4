"""Command palette (ctrl+p): find a topic by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from mbc_tui.app import GuideApp


class TopicCommands(Provider):
    """One command per section: "Open: How it spreads"."""

    @property
    def guide_app(self) -> GuideApp:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        for section in self.guide_app.guide:
            yield DiscoveryHit(
                f"Open: {section.title}",
                partial(self.guide_app.show_topic, section.slug),
                help=section.summary,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for section in self.guide_app.guide:
            text = f"Open: {section.title}"
            score = max(matcher.match(text), matcher.match(section.summary) * 0.5)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self.guide_app.show_topic, section.slug),
                    help=section.summary,
                )
