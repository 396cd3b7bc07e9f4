"""The glossary: every term of the issue defined, each definition listed for review with the
article's words it rests on (the screens: tests/pilot/test_glossary_screen.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mbc_tui.core.content import Guide
from mbc_tui.core.glossary import Glossary, parse_glossary

SIZE = (80, 24)

SEED = Path(os.environ.get("MBC_TUI_SEED", "/work/shared/seed/metastatic-breast-cancer.txt"))
"""The source article, where it is present (it is not shipped with the guide)."""

# Each term a reader meets, the words its definition must say, and the article's own words
# those rest on. A reviewer reads the definition (printed by the listing test) against them.
TERMS: dict[str, tuple[list[str], list[str]]] = {
    "Metastasis": (
        ["lymphatic system and the bloodstream", "Bone is the most common place"],
        [
            "break away from the breast tumor and enter the lymphatic system and bloodstream",
            "The most common site of metastasis is bone",
        ],
    ),
    "Metastatic": (
        ["beyond the breast and the lymph nodes near it", "still breast cancer cells"],
        [
            "cancer that has spread beyond the breast and surrounding lymph nodes",
            "the cells are still breast cancer cells",
        ],
    ),
    "Stage IV": (["Stage IV, metastatic and advanced"], ["classified as Stage IV disease"]),
    "Advanced": (["Another name for metastatic"], ["also known as “advanced,”"]),
    "Recurrence": (
        ["comes back", "months or even years"],
        ["has recurred (returned), months or even years after treatment"],
    ),
    "Lymphatic system": (
        ["The article says nothing more about it"],
        ["enter the lymphatic system and bloodstream"],
    ),
    "Biomarker / tumor marker": (
        ["substance found in the body when cancer is present", "personalize treatment"],
        [
            "Tumor markers, also called biomarkers, are substances found in the body when "
            "cancer is present",
            "Biomarkers help doctors personalize treatment",
        ],
    ),
    "Molecular subtype": (
        ["Table 1 lists four subtypes", "survival vary"],
        ["classifying breast cancer tumors according to a molecular subtype (Table 1)"],
    ),
    "Estrogen receptor (ER)": (
        ['"turn on" their growth', "ER+ means the receptor is present"],
        ["to “turn on” the growth of breast cancer cells", "presence (ER+/PR+)"],
    ),
    "Progesterone receptor (PR)": (
        ["progesterone can tell these cells", "PR- means it is absent"],
        ["namely estrogen and progesterone", "absence (ER-/PR-)"],
    ),
    "HR+ and HR-": (
        ["Hormone receptor-positive (HR+)", "not likely to be affected by treatments"],
        [
            "These cancers are known as hormone receptor-positive, or HR+",
            "not likely to be affected by treatments that block the hormones in your body",
            "as many as eight of every 10 breast cancers",
        ],
    ),
    "HER2": (
        ["Human epidermal growth factor receptor-2", "one of every four"],
        [
            "human epidermal growth factor receptor-2 (HER2) gene",
            "About one of every four breast cancers",
        ],
    ),
    "Gene amplification": (
        ["multiple copies of the HER2 gene"],
        ["When multiple copies of the human epidermal growth factor receptor-2 (HER2) gene"],
    ),
    "Triple-negative": (
        ["ER-, PR- and HER2-", "chemotherapy"],
        ["ER-/PR-, HER2- (triple-negative) Typically treated with chemotherapy"],
    ),
    "Anti-estrogen (hormone) therapy": (
        ["Table 1", "treatments that block the hormones"],
        ["Typically responds to hormone (anti-estrogen) therapy."],
    ),
    "Anti-HER2 (targeted) therapy": (
        ["targeted therapies", "HER2+ cancers typically respond"],
        ["anti-HER2 drugs (targeted therapies)"],
    ),
    "Chemotherapy": (
        ["typical for triple-negative", "The article says nothing more about it"],
        ["Typically treated with chemotherapy"],
    ),
    "Biopsy": (
        ["biopsy sample from a metastatic lesion", "earlier results were negative"],
        ["testing should be done on a biopsy sample from a metastatic lesion"],
    ),
    "Accredited laboratory": (
        ["only at accredited laboratories", "It does not say more"],
        ["Testing should be done only at accredited laboratories"],
    ),
    "ASCO": (
        ["American Society of Clinical Oncology", "at the time of diagnosis"],
        ["American Society of Clinical Oncology (ASCO)", "at the time of diagnosis"],
    ),
    "NCCN": (
        ["National Comprehensive Cancer Network", "at the time of diagnosis"],
        ["National Comprehensive Cancer Network (NCCN)"],
    ),
}

# Words no definition may use: facts from outside the article.
OUTSIDE_WORDS = ["tamoxifen", "trastuzumab", "herceptin", "radiation", "surgery", "%", "percent"]


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_every_term_is_defined_in_order(glossary: Glossary) -> None:
    assert [entry.term for entry in glossary] == list(TERMS)
    for entry in glossary:
        assert len(entry.definition) > 40, entry.term
        assert entry.seen_as, entry.term


def test_each_definition_listed_with_its_facts(glossary: Glossary) -> None:
    """Prints every term with its definition (run with -s to read them) and checks each says
    the facts listed above."""
    for term, (says, _article) in TERMS.items():
        entry = glossary.get(term)
        assert entry is not None, term
        print(f"{entry.term}: {one_line(entry.definition)}")
        for words in says:
            assert words in one_line(entry.definition), (term, words)
        for word in OUTSIDE_WORDS:
            assert word not in entry.definition.lower(), (term, word)


@pytest.mark.skipif(not SEED.is_file(), reason=f"source article not found at {SEED}")
def test_the_article_words_are_the_articles() -> None:
    article = one_line(SEED.read_text(encoding="utf-8"))
    for term, (_says, quotes) in TERMS.items():
        for quote in quotes:
            assert quote in article, (term, quote)


def test_terms_are_found_in_the_sections_that_use_them(guide: Guide, glossary: Glossary):
    def terms(slug: str) -> list[str]:
        section = guide.get(slug)
        assert section is not None
        return [entry.term for entry in glossary.terms_in(section)]

    assert terms("what-it-is") == ["Metastatic", "Stage IV", "Advanced", "Recurrence"]
    assert "Metastasis" in terms("how-it-spreads")  # "spreads (metastasizes)"
    assert {"Biopsy", "Accredited laboratory", "ASCO", "NCCN"} <= set(terms("biomarkers"))
    assert {"Triple-negative", "Chemotherapy", "Anti-HER2 (targeted) therapy"} <= set(
        terms("subtypes")
    )
    assert "Chemotherapy" not in terms("her2")
    assert terms("glossary") == list(TERMS)


def test_the_parser_reads_headings_definitions_and_seen_as() -> None:
    glossary = parse_glossary(
        "# Glossary\n\nIntro words.\n\n## Alpha\n\nFirst part.\n\nSecond part.\n\n"
        "Seen as: alpha, alphas\n\n## Beta (B)\n\nOnly words.\n\n*A closing note.*\n"
    )
    alpha, beta = glossary.entries
    assert (alpha.term, alpha.definition, alpha.seen_as) == (
        "Alpha",
        "First part.\n\nSecond part.",
        ("alpha", "alphas"),
    )
    assert (beta.term, beta.definition, beta.seen_as) == ("Beta (B)", "Only words.", ("Beta (B)",))
    assert alpha.found_in("The Alphas were") and not alpha.found_in("alphabet")
