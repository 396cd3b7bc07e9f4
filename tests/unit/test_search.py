"""Search: real queries on the real guide (plain Python), then in the app as a reader uses it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Input
from textual.widgets.markdown import MarkdownBlock

from mbc_tui.app import GuideApp
from mbc_tui.core.content import Guide
from mbc_tui.core.passages import passages
from mbc_tui.core.search import SearchIndex, compile_query, make_snippet, places_phrase
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.screens.search import SearchScreen
from mbc_tui.textual_compat import rendered_strips
from mbc_tui.widgets.section_reader import SectionReader
from tests.conftest import app_screen_text, widget_lines, write_section

SIZE = (80, 24)


@pytest.fixture(scope="module")
def index(guide: Guide) -> SearchIndex:
    return SearchIndex(guide)


def slugs(index: SearchIndex, query: str) -> list[str]:
    return [result.section.slug for result in index.search(query)]


def test_a_word_finds_the_sections_that_use_it(index: SearchIndex) -> None:
    assert slugs(index, "biopsy") == ["biomarkers", "glossary"]
    assert slugs(index, "accredited") == ["biomarkers", "glossary"]
    assert slugs(index, "spirituality") == ["taking-control"]
    assert slugs(index, "yoga") == ["taking-control"]


def test_the_snippet_shows_the_matching_line(index: SearchIndex) -> None:
    (biomarkers, _glossary) = index.search("biopsy")
    assert biomarkers.snippet.matched == "biopsy"
    assert "A biopsy sample taken from a metastatic lesion" in biomarkers.snippet.text
    assert len(biomarkers.snippet.text) <= 70
    (result,) = index.search("yoga")
    assert result.snippet.text == "yoga"
    assert result.places == 1


def test_case_does_not_matter_and_a_word_start_is_enough(index: SearchIndex) -> None:
    assert slugs(index, "HER2") == slugs(index, "her2") == slugs(index, "Her2")
    found = index.search("her")
    assert found[0].section.slug == "her2"  # the section whose title matches comes first
    assert "her2" in slugs(index, "her")
    # "ther" starts "therapy" but is not found inside "other" or "together".
    for result in index.search("ther"):
        assert result.snippet.matched.lower() == "ther"
        start = result.snippet.match_start
        assert start == 0 or not result.snippet.text[start - 1].isalnum()


def test_special_characters_are_taken_literally(index: SearchIndex) -> None:
    assert slugs(index, "HER2+") == ["her2", "subtypes", "glossary"]
    assert index.search("HER2+")[1].snippet.matched == "HER2+"
    assert "hormone-receptors" in slugs(index, "(")
    assert slugs(index, "ER-/PR-") == ["hormone-receptors", "subtypes", "glossary"]
    # The reader never sees a "*" (it is Markdown emphasis), so nothing matches it.
    assert index.search("*") == []
    assert index.search("[") == []
    assert index.search(".*") == []


def test_a_space_or_a_hyphen_between_words(index: SearchIndex) -> None:
    assert slugs(index, "triple negative") == slugs(index, "triple-negative")
    assert "subtypes" in slugs(index, "triple negative")
    assert (
        slugs(index, "lymph   nodes") == slugs(index, "lymph nodes") == ["what-it-is", "glossary"]
    )


def test_no_results_and_blank_queries(index: SearchIndex) -> None:
    assert index.search("tamoxifen") == []
    assert index.search("") == []
    assert index.search("   ") == []
    assert compile_query(" \t") is None


def test_markdown_syntax_is_not_searched(index: SearchIndex, guide: Guide) -> None:
    assert index.search("subtypes.md") == []
    assert index.search("##") == []
    text = " ".join(p.text for section in guide for p in passages(section.markdown))
    assert "](" not in text and "**" not in text


def test_a_long_passage_is_cut_between_words() -> None:
    text = " ".join(f"word{number}" for number in range(40))
    start = text.index("word20")
    snippet = make_snippet(text, start, start + len("word20"))
    assert snippet.matched == "word20"
    assert snippet.text.startswith("…word") and snippet.text.endswith("…")
    assert len(snippet.text) <= 70


async def test_slash_search_enter_opens_the_section_at_the_match(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).has_focus
        await pilot.press(*"biopsy")
        text = app_screen_text(app)
        assert "2 sections match “biopsy”" in text
        assert "Biomarkers and testing (found in 1 place)" in text
        assert "A biopsy sample taken from a metastatic lesion should be tested…" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        reader = app.screen.query_one(SectionReader)
        assert app.focused is reader
        assert reader.border_title == "Section 3 of 9"
        assert "Found: biopsy" in app_screen_text(app)
        # The match is on screen (the reader scrolled to it) and marked in reverse video.
        assert reader.scroll_y > 0
        assert any("A biopsy sample" in line for line in widget_lines(app, reader))
        marked = [
            block
            for block in reader.query(MarkdownBlock)
            if isinstance(block.content, Content)
            and any("reverse" in str(span.style) for span in block.content.spans)
        ]
        assert len(marked) == 1 and "A biopsy sample" in marked[0].content.plain


async def test_down_then_enter_opens_another_result(make_app: Callable[..., GuideApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"accredited", "down", "down", "enter")
        await pilot.pause()
        reader = app.screen.query_one(SectionReader)
        assert reader.border_title == "Section 9 of 9"
        assert any("Accredited laboratory" in line for line in widget_lines(app, reader))


async def test_no_results_says_so_and_escape_closes(make_app: Callable[..., GuideApp]) -> None:
    app = make_app(first_slug="her2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zebra")
        no_match = "No section matches “zebra”. Try a shorter or different word."
        assert no_match in app_screen_text(app)
        await pilot.press("enter")  # nothing to open: search stays
        assert isinstance(app.screen, SearchScreen)
        # Letters that are keys elsewhere (q quits, s opens the explorer) are just typed here.
        await pilot.press("space", "q", "s", "g", "d", "question_mark", "slash")
        assert app.is_running and isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "zebra qsgd?/"
        await pilot.press("escape")
        assert isinstance(app.screen, GuideScreen)
        assert app.screen.query_one(SectionReader).border_title == "Section 5 of 9"


async def test_search_from_the_explorer_returns_to_the_guide(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "slash", *"HER2+", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        assert app.screen.query_one(SectionReader).border_title == "Section 5 of 9"
        assert "Found: HER2+" in app_screen_text(app)


async def test_searching_the_open_section_again_marks_it(make_app: Callable[..., GuideApp]):
    app = make_app(first_slug="taking-control")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"yoga", "enter")
        await pilot.pause()
        assert "Found: yoga" in app_screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert "Found:" not in app_screen_text(app)


@pytest.mark.parametrize(
    "query", ["e", "er", "her", "HER2+", "(", "hormone  therapy", "triple negative", "ER-/PR-"]
)
def test_the_fast_path_finds_what_the_plain_pattern_finds(guide: Guide, query: str) -> None:
    """The index searches lower-cased text with a literal-first pattern; it must agree with
    the case-insensitive, word-start pattern applied to each passage the reader sees."""
    pattern = compile_query(query)
    assert pattern is not None
    index = SearchIndex(guide)
    by_slug = {result.section.slug: result.places for result in index.search(query)}
    for section in guide:
        expected = len({p.place for p in passages(section.markdown) if pattern.search(p.text)})
        assert by_slug.get(section.slug, 0) == expected, (section.slug, query)


async def test_the_command_palette_finds_words_in_the_text(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"yoga")
        await pilot.pause(0.3)
        assert "Find “yoga” in: Taking control" in app_screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        reader = app.screen.query_one(SectionReader)
        assert reader.border_title == "Section 7 of 9"
        assert "Found: yoga" in app_screen_text(app)


async def test_the_command_palette_takes_brackets_literally(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"(pos")
        await pilot.pause(0.3)
        assert "Find “(pos” in: HER2" in app_screen_text(app)
        await pilot.press("escape", "ctrl+p", *"[b]")
        await pilot.pause(0.3)
        assert app.is_running


async def test_with_no_color_the_match_is_still_marked(
    make_app: Callable[..., GuideApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR=1 takes colours away; the match keeps reverse video and bold."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(first_slug="taking-control")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"yoga", "enter")
        await pilot.pause()
        marked = [
            segment.text
            for strip in rendered_strips(app.screen)
            for segment in strip
            if segment.style is not None and segment.style.reverse and segment.style.bold
        ]
        assert "yoga" in marked


async def test_n_and_shift_n_move_between_the_matches(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"metastatic lesion", "enter")
        await pilot.pause()
        reader = app.screen.query_one(SectionReader)
        assert reader.border_title == "Section 2 of 9"
        places = reader.border_subtitle
        assert places.startswith("Found: metastatic lesion (place 1 of ") and "n: next" in places
        total = int(places.split(" of ")[1].split(",")[0])
        assert total >= 2
        first = reader.scroll_y
        await pilot.press("n")
        await pilot.pause()
        assert reader.border_subtitle.startswith(f"Found: metastatic lesion (place 2 of {total}")
        assert reader.scroll_y != first
        await pilot.press("N")
        await pilot.pause()
        assert reader.border_subtitle.startswith(f"Found: metastatic lesion (place 1 of {total}")
        assert reader.scroll_y == first
        await pilot.press("N")  # from the first, back round to the last
        assert reader.border_subtitle.startswith(
            f"Found: metastatic lesion (place {total} of {total}"
        )


def test_text_whose_lower_case_changes_length_is_still_searched(tmp_path: Path) -> None:
    """ "İ" lower-cases to two characters; the index then searches the text as written."""
    from mbc_tui.core.content import load_guide

    write_section(tmp_path, "a.md", title="A", body="## İzmir\n\nThe clinic in İzmir tests ER.\n")
    index = SearchIndex(load_guide(tmp_path))
    (result,) = index.search("tests er")
    assert result.snippet.matched == "tests ER"
    assert index.search("zmir") == []  # not at a word start


@pytest.mark.parametrize("query", ["HER2", "biopsy", "metastatic lesion", "hormone"])
async def test_the_results_list_and_the_reader_give_the_same_count(
    make_app: Callable[..., GuideApp], query: str
) -> None:
    """ "Subtypes and treatment (found in 3 places)" opens at "place 1 of 3"; for each result."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for number, result in enumerate(app.search_index.search(query)):
            await pilot.press("slash", *query)
            await pilot.pause()
            listed = f"{result.section.title} (found in {places_phrase(result.places)})"
            assert listed in app_screen_text(app)
            await pilot.press("down", *["down"] * number, "enter")
            await pilot.pause()
            reader = app.screen.query_one(SectionReader)
            words = " ".join(query.split())
            assert reader.border_subtitle.startswith(
                f"Found: {words} (place 1 of {result.places}"
            ), (result.section.slug, reader.border_subtitle)


def palette_prompts(app: GuideApp) -> list[str]:
    from textual.command import CommandList

    commands = app.screen.query_one(CommandList)
    return [
        str(commands.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(commands.option_count)
    ]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("bone", "Find “bone” in: How it spreads"),
        ("accredited", "Find “accredited” in: Biomarkers and testing"),
        ("her2", "Open: HER2"),
    ],
)
async def test_the_palette_ranks_a_word_in_the_text_above_letter_by_letter_names(
    make_app: Callable[..., GuideApp], query: str, first: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *query)
        prompts: list[str] = []
        for _ in range(60):  # poll: the palette gathers its hits in the background
            prompts = palette_prompts(app)
            if prompts and prompts[0] == first:
                break
            await pilot.pause(0.05)
        assert prompts[0] == first, prompts
        texts = [p for p in prompts if p.startswith("Find")]
        opens = [p for p in prompts if p.startswith("Open") and query.lower() not in p.lower()]
        if texts and opens:
            assert prompts.index(opens[0]) > prompts.index(texts[-1])
