"""Search in the app as a reader uses it: the search screen, the reader's marks, the palette."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import events
from textual.dom import DOMNode
from textual.message import Message
from textual.widgets import Input

from mbc_tui.app import GuideApp
from mbc_tui.core.search import places_phrase
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.screens.search import SearchScreen
from mbc_tui.textual_compat import rendered_strips
from mbc_tui.widgets.section_reader import SectionReader
from tests.conftest import app_screen_text, palette_done, wait_for_text, wait_until, widget_lines

SIZE = (80, 24)


def palette_prompts(app: GuideApp) -> list[str]:
    from textual.command import CommandList

    commands = app.screen.query_one(CommandList)
    return [
        str(commands.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(commands.option_count)
    ]


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
        # While typing, only the status line changes (a screen reader says it, not a list).
        assert "2 sections match “biopsy”. Enter opens Biomarkers and testing" in text
        assert "(found in" not in text
        # The footer says how to see the list (it is hidden while typing).
        assert text.splitlines()[-1].split() == ["Down", "Results", "Esc", "Close"]
        await pilot.press("down")  # the list, shown when asked for
        text = app_screen_text(app)
        assert "Biomarkers and testing (found in 1 place)" in text
        assert "A biopsy sample taken from a metastatic lesion should be tested…" in text
        await pilot.press("tab")  # back in the box: the list goes again
        assert "(found in" not in app_screen_text(app)
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
            segment.text
            for strip in rendered_strips(app.screen)
            for segment in strip
            if segment.style is not None and segment.style.reverse and segment.style.bold
        ]
        assert marked == ["biopsy"]


@pytest.mark.parametrize("terminal", [SIZE, (40, 12)], ids=["80x24", "40x12"])
async def test_the_results_show_a_whole_result_above_the_educational_notice(
    make_app: Callable[..., GuideApp], terminal: tuple[int, int]
) -> None:
    """The snippets are the guide's own words on testing and treatment: the search screen
    says it is education, as every screen on treatment does, and still shows a result."""
    app = make_app()
    async with app.run_test(size=terminal) as pilot:
        await pilot.press("slash", *"biopsy", "down")
        lines = app_screen_text(app).splitlines()
        assert "care team decides" in lines[-2]
        text = " ".join(line.strip("║ ") for line in lines)
        assert "Biomarkers and testing" in text
        assert "A biopsy sample" in text  # the first result's snippet, not only its title


@pytest.mark.parametrize("size", [SIZE, (120, 40)])
async def test_typing_lays_nothing_out_and_restyles_nothing(
    make_app: Callable[..., GuideApp], size: tuple[int, int]
) -> None:
    """Each letter repaints the box and the status line, and nothing else: no layout of the
    dialog (the box's scrollable width, the status line's fewer rows) and no restyle (the
    box's ``-valid`` class at the first letter)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        layouts = screen.layouts
        restyled: list[object] = []
        update_styles = app.update_styles

        def counted(node: DOMNode, animate: bool = True) -> None:
            restyled.append(node)
            update_styles(node, animate=animate)

        app.update_styles = counted  # type: ignore[method-assign]
        for letter in "her2":
            await pilot.press(letter)
            await pilot.pause()
        assert "5 sections match “her2”. Enter opens HER2." in app_screen_text(app)
        assert screen.layouts == layouts
        assert restyled == []


async def test_typing_sends_no_message_that_no_one_handles(
    make_app: Callable[..., GuideApp],
) -> None:
    """The screen follows the box's value itself: a letter sends the box its key, and no
    ``Input.Changed`` climbs the dialog, the screen and the app after it."""
    messages: list[Message] = []
    app = make_app()
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        messages.clear()
        await pilot.press(*"her2")
        await pilot.pause()
        assert "5 sections match “her2”." in app_screen_text(app)
        assert not [message for message in messages if isinstance(message, Input.Changed)]
        assert sum(isinstance(message, events.Key) for message in messages) == 8  # app, box


async def test_the_status_line_has_the_rows_its_words_need(
    make_app: Callable[..., GuideApp],
) -> None:
    """A status line shorter than the hint leaves its row blank while nothing shows below
    it; the list, once shown, starts right under the words, and longer words get their
    rows."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "h")
        lines = app_screen_text(app).splitlines()
        row = next(n for n, line in enumerate(lines) if "9 sections match “h”" in line)
        assert lines[row + 1].strip(" ║") == ""  # the hint's second row, blank
        await pilot.press("down")
        lines = app_screen_text(app).splitlines()
        assert lines[row + 1].strip(" ║").startswith("╔")  # the list's border, right under
        await pilot.press("tab", *"zzzz zzzz zzzz")  # Tab selects the box's words: replaced
        text = " ".join(line.strip(" ║") for line in app_screen_text(app).splitlines())
        words = "No section matches “zzzz zzzz zzzz”. Try a shorter or different word."
        assert words in text  # on two rows, both shown


async def test_a_long_query_scrolls_in_the_box(make_app: Callable[..., GuideApp]) -> None:
    """The box lays nothing out per letter, yet a query wider than the box still scrolls:
    the last letters typed show, and the terminal's cursor follows the box's."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *("abcdefghij" * 8), *"xyz")
        box = app.screen.query_one("#query", Input)
        assert box.scroll_x > 0
        assert widget_lines(app, box)[0].rstrip().endswith("hijxyz")
        assert app.cursor_position == box.cursor_screen_offset  # the terminal's follows it


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


async def test_the_command_palette_finds_words_in_the_text(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"yoga")
        hit = "Find “yoga” in: Taking control"
        await wait_until(lambda: palette_done(app, hit), pause=pilot.pause)
        await pilot.press("enter")
        await wait_until(lambda: isinstance(app.screen, GuideScreen), pause=pilot.pause)
        reader = app.screen.query_one(SectionReader)
        assert reader.border_title == "Section 7 of 9"
        assert "Found: yoga" in app_screen_text(app)


async def test_the_command_palette_takes_brackets_literally(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"(pos")
        assert "Find “(pos” in: HER2" in await wait_for_text(pilot, "Find “(pos” in: HER2")
        await pilot.press("escape", "ctrl+p", *"[b]")
        # Searched as written (not as markup): nothing matches, and the palette says so.
        assert "No matches found" in await wait_for_text(pilot, "No matches found")
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


@pytest.mark.parametrize("query", ["HER2", "biopsy", "metastatic lesion", "hormone"])
async def test_the_results_list_and_the_reader_give_the_same_count(
    make_app: Callable[..., GuideApp], query: str
) -> None:
    """ "Subtypes and treatment (found in 3 places)" opens at "place 1 of 3"; for each result."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for number, result in enumerate(app.search_index.search(query)):
            await pilot.press("slash", *query, "down")  # Down shows the list
            await pilot.pause()
            listed = f"{result.section.title} (found in {places_phrase(result.places)})"
            assert listed in app_screen_text(app)
            await pilot.press(*["down"] * number, "enter")
            await pilot.pause()
            reader = app.screen.query_one(SectionReader)
            words = " ".join(query.split())
            assert reader.border_subtitle.startswith(
                f"Found: {words} (place 1 of {result.places}"
            ), (result.section.slug, reader.border_subtitle)


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


async def test_the_empty_prompts_end_in_words_not_an_ellipsis(
    make_app: Callable[..., GuideApp],
) -> None:
    """An ASCII terminal shows "…" as "~" (and Fenrir says "tilde"): the search box and the
    palette prompt in words alone."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert "Search for a word" in await wait_for_text(pilot, "Search for a word")
        await pilot.press("escape", "ctrl+p")
        shown = await wait_for_text(pilot, "Find a topic or a word")
        assert "Find a topic or a word" in shown and "…" not in shown
