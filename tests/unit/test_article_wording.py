"""Words the article uses, kept as the article uses them (issue 17's medical review)."""

from __future__ import annotations

import re

from mbc_tui.core.content import Guide
from mbc_tui.core.subtype_words import NOT_SURE_ANSWER
from mbc_tui.core.subtypes import TESTING_NOTE


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_the_tumor_tested_is_the_articles_primary_tumor(guide: Guide) -> None:
    """The article: "samples taken from the primary tumor or a metastatic lesion"."""
    biomarkers = guide.get("biomarkers")
    assert biomarkers is not None
    for text in (one_line(biomarkers.body), TESTING_NOTE, NOT_SURE_ANSWER):
        assert "primary tumor" in text
    for section in guide:
        assert "original tumor" not in one_line(section.body), section.path.name
    assert "original tumor" not in TESTING_NOTE + NOT_SURE_ANSWER


def test_a_meaning_the_article_does_not_give_is_marked_as_the_guides(guide: Guide) -> None:
    """The article never says what a metastatic lesion is: wherever the guide does, it says
    that the words are its own, and the about section and the glossary promise just that."""
    explained = 0
    for section in guide:
        for sentence in re.split(r"(?<=[.:;])\s+", one_line(section.body)):
            if re.search(r"metastatic lesion is|called a metastatic lesion", sentence):
                explained += 1
                assert "this guide's own" in sentence, sentence
    assert explained >= 2  # how-it-spreads and the glossary
    about, glossary = guide.get("about"), guide.get("glossary")
    assert about is not None and glossary is not None
    assert "the explanation is the guide's own, not the article's" in one_line(about.body)
    assert "marked as this guide's own, not the article's" in one_line(glossary.body)
