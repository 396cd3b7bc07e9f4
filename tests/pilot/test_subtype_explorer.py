"""The subtype explorer: keys e, p, h through all 27 states, checked on screen."""

from __future__ import annotations

from collections.abc import Callable
from itertools import product

import pytest
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from mbc_tui.app import GuideApp
from mbc_tui.core.subtypes import TESTING_NOTE, ReceptorResult, ReceptorStatus
from mbc_tui.screens import subtype_explorer
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.screens.subtype_explorer import SubtypeExplorerScreen
from mbc_tui.widgets.answer_panel import AnswerPanel
from mbc_tui.widgets.receptor_toggle import ReceptorToggle
from tests.conftest import app_screen_text, widget_lines
from tests.unit.test_subtypes import EXPECTED, Known, expected_rows

SIZE = (80, 24)
KEYS = {"er": "e", "pr": "p", "her2": "h"}
NAMES = {"er": "ER", "pr": "PR", "her2": "HER2"}
# What one key press does, written out: not sure -> positive -> negative -> not sure.
PRESSES_FROM_START = {"unknown": 0, "positive": 1, "negative": 2}
WORDS = {None: "not tested / not sure", True: "positive", False: "negative"}
SIGNS = {None: "?", True: "+", False: "-"}


def one_line(text: str) -> str:
    return " ".join(text.split())


def panel_text(app: GuideApp) -> str:
    panel = app.screen.query_one("#result")
    return one_line(" ".join(widget_lines(app, panel)))


async def test_s_opens_the_explorer_with_nothing_assumed(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SubtypeExplorerScreen)
        text = app_screen_text(app)
        for line in (
            "ER: not tested / not sure (estrogen receptor)",
            "PR: not tested / not sure (progesterone receptor)",
            "HER2: not tested / not sure",
            "Results: ER? PR? HER2?",
            "Hormone receptor status: HR?",
            "Table 1 rows still possible (4 of 4):",
            "For education only, not medical advice",
        ):
            assert line in text
        assert isinstance(app.focused, ReceptorToggle)


async def test_every_one_of_the_27_states_shows_its_rows(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        state: dict[str, Known] = {"er": None, "pr": None, "her2": None}
        order: list[Known] = [None, True, False]
        seen: set[str] = set()
        for er, pr, her2 in product(order, repeat=3):
            wanted = {"er": er, "pr": pr, "her2": her2}
            for receptor, value in wanted.items():
                presses = (order.index(value) - order.index(state[receptor])) % 3
                for _ in range(presses):
                    await pilot.press(KEYS[receptor])
                state[receptor] = value
            text = app_screen_text(app)
            panel = panel_text(app)
            combination = " ".join(
                f"{NAMES[receptor]}{SIGNS[wanted[receptor]]}" for receptor in NAMES
            )
            seen.add(combination)
            assert f"Results: {combination}" in panel
            for receptor, name in NAMES.items():
                assert f"{name}: {WORDS[wanted[receptor]]}" in text
            rows = expected_rows(er, pr, her2)
            if len(rows) == 1:
                assert f"Table 1 subtype: {rows[0]}" in panel
                assert "still possible" not in panel
                if None not in (er, pr, her2):
                    assert (combination, rows[0]) == (
                        EXPECTED[(er, pr, her2)][0],
                        EXPECTED[(er, pr, her2)][2],
                    )
            else:
                assert f"Table 1 rows still possible ({len(rows)} of 4):" in panel
                for number, row in enumerate(rows, start=1):
                    place = f"{number} of {len(rows)}: " if len(rows) < 4 else ""
                    assert f"- {place}{row}:" in panel
                assert one_line(TESTING_NOTE) in panel
                assert "primary tumor" in panel and "accredited laboratories" in panel
            assert "Your care team decides your treatment" in one_line(text)
        assert len(seen) == 27


async def test_results_are_reachable_by_tab_enter_and_space(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "tab", "space")
        assert "Results: ER? PR+ HER2?" in app_screen_text(app)
        await pilot.press("enter")
        assert "Results: ER? PR- HER2?" in app_screen_text(app)
        await pilot.press("tab", "enter", "enter", "enter")
        assert "Results: ER? PR- HER2?" in app_screen_text(app)
        assert "HER2: not tested / not sure" in app_screen_text(app)


async def test_the_focused_result_is_marked_without_colour(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        toggles = list(app.screen.query(ReceptorToggle))
        assert app.focused is toggles[0]
        style = toggles[0].rich_style
        assert style.reverse and style.bold
        assert not toggles[1].rich_style.reverse
        await pilot.press("tab")
        assert toggles[1].rich_style.reverse and not toggles[0].rich_style.reverse


async def test_a_toggle_asks_for_the_next_result(make_app: Callable[..., GuideApp]):
    """Enter on a toggle asks the screen for its next result (the screen's own keys, e p h,
    step the result themselves)."""
    app = make_app()
    messages: list[ReceptorToggle.NextRequested] = []
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await pilot.press("s", "down", "down")  # HER2's toggle focused
        messages.clear()
        await pilot.press("enter")
        # The hook sees a message again at each node it bubbles through: count each once.
        asked = list(
            {id(m): m for m in messages if isinstance(m, ReceptorToggle.NextRequested)}.values()
        )
        assert [m.control.id for m in asked] == ["her2"]
        assert "HER2: positive" in app_screen_text(app)


async def test_keys_pressed_quickly_each_count(make_app: Callable[..., GuideApp]):
    """Keys that arrive together from a terminal ("pp" in one read) are each handled
    before the screen has shown the first change: each must still be one step on."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        explorer = app.screen
        assert isinstance(explorer, SubtypeExplorerScreen)
        pr_toggle = explorer.query_one("#pr", ReceptorToggle)

        async def shows(results: str) -> str:
            for _ in range(100):
                if results in panel_text(app):
                    break
                await pilot.pause(0.05)
            return panel_text(app)

        explorer.action_cycle_receptor("pr")  # p
        explorer.action_cycle_receptor("pr")  # p
        assert "Results: ER? PR- HER2?" in await shows("Results: ER? PR- HER2?")
        pr_toggle.action_cycle()  # Enter on PR
        pr_toggle.action_cycle()  # Space on PR
        assert "Results: ER? PR+ HER2?" in await shows("Results: ER? PR+ HER2?")
        assert "PR: positive (progesterone receptor)" in app_screen_text(app)


async def test_escape_goes_back_and_s_twice_opens_one_explorer(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "s")
        assert sum(isinstance(s, SubtypeExplorerScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")
        assert isinstance(app.screen, GuideScreen)


async def test_help_from_the_explorer_then_back(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e", "question_mark")
        assert "Keys" in app_screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, SubtypeExplorerScreen)
        assert "Results: ER+ PR? HER2?" in app_screen_text(app)


async def test_setting_the_status_moves_the_toggles_on_screen(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        explorer = app.screen
        assert isinstance(explorer, SubtypeExplorerScreen)
        explorer.status = ReceptorStatus.from_bools(er=True, pr=False, her2=True)
        await pilot.pause()
        text = app_screen_text(app)
        assert "ER: positive (estrogen receptor)" in text
        assert "PR: negative (progesterone receptor)" in text
        assert "HER2: positive (HER2 protein or gene)" in text
        assert "Results: ER+ PR- HER2+" in panel_text(app)
        # The keys go on from what is shown: e moves ER from positive to negative,
        # and Enter on the focused toggle (ER) moves it on to not sure.
        await pilot.press("e")
        assert "ER: negative (estrogen receptor)" in app_screen_text(app)
        assert explorer.status.er is ReceptorResult.NEGATIVE
        await pilot.press("enter")
        assert "ER: not tested / not sure (estrogen receptor)" in app_screen_text(app)
        assert "Results: ER? PR- HER2+" in panel_text(app)


async def test_up_and_down_move_between_er_pr_and_her2(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        focused: list[str | None] = []
        for key in ("down", "down", "down", "up", "up", "up"):
            await pilot.press(key)
            focused.append(app.focused.id if app.focused else None)
        assert focused == ["pr", "her2", "her2", "pr", "er", "er"]
        await pilot.press("down", "enter")  # Enter changes the result now focused
        await pilot.pause()
        assert "PR: positive (progesterone receptor)" in app_screen_text(app)
        assert "ER: not tested / not sure" in app_screen_text(app)


async def test_at_40_columns_a_result_that_gets_shorter_leaves_no_blank_line(
    make_app: Callable[..., GuideApp],
):
    app = make_app()
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.press("s")
        toggle = app.screen.query_one("#er", ReceptorToggle)
        assert toggle.region.height == 2  # "not tested / not sure (estrogen receptor)" wraps
        await pilot.press("e")
        await pilot.pause()
        assert "ER: positive (estrogen receptor)" in app_screen_text(app)
        assert toggle.region.height == 1
        lines = app_screen_text(app).splitlines()
        row = next(i for i, line in enumerate(lines) if "ER: positive" in line)
        assert lines[row + 1].strip().startswith("PR: ")


async def test_wrapped_rows_of_table_1_hang_under_their_first_word(
    make_app: Callable[..., GuideApp],
):
    app = make_app()
    async with app.run_test(size=(40, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        rows = widget_lines(app, app.screen.query_one("#result"))
        bullets = [i for i, line in enumerate(rows) if line.startswith("- ")]
        assert len(bullets) == 4
        note = next(i for i, line in enumerate(rows) if line.startswith("Testing tells"))
        for start, end in zip(bullets, [*bullets[1:], note], strict=True):
            assert end - start > 1, rows  # each row wraps at 40 columns
            for line in rows[start + 1 : end]:
                assert line.startswith("  ") and not line.startswith("   "), rows


async def test_a_toggle_lays_the_screen_out_once_and_the_scroll_bar_follows(
    make_app: Callable[..., GuideApp],
):
    """A toggle that makes the answer longer or shorter lays the screen out once (Textual
    would lay it out a second time, for the new sizes and for its scroll bar), one that does
    not lays nothing out; the scroll bar still comes and goes with the answer (at 80x23: at
    80x24 every answer fits)."""
    app = make_app()
    async with app.run_test(size=(80, 23)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        explorer = app.screen.query_one("#explorer")
        layouts: list[object] = []
        app.screen.screen_layout_refresh_signal.subscribe(explorer, layouts.append, True)
        assert explorer.show_vertical_scrollbar  # all 4 rows: the panel's foot is below
        for key, words, scroll_bar, laid_out in (
            ("e", "Table 1 rows still possible (2 of 4):", False, 1),  # ER+
            ("e", "Table 1 rows still possible (4 of 4):", True, 1),  # ER-
            ("e", "Results: ER? PR? HER2?", True, 0),  # the same lines
            ("h", "Table 1 rows still possible (2 of 4):", False, 1),  # HER2+
            ("p", "Table 1 subtype: ER+ and/or PR+, HER2+", False, 1),  # PR+
        ):
            layouts.clear()
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            assert words in panel_text(app)
            assert explorer.show_vertical_scrollbar is scroll_bar
            assert ("╰" in app_screen_text(app)) is not scroll_bar  # the panel's foot shows
            assert len(layouts) == laid_out, key


@pytest.mark.parametrize("size", [SIZE, (120, 40)])
async def test_every_answer_fits_with_no_scroll_bar(
    make_app: Callable[..., GuideApp], size: tuple[int, int]
):
    """At 80x24 (and larger) the results and the whole panel, its foot too, show at once for
    every set of results: no scroll bar, so none comes or goes (each would lay the scroll
    area out again) and nothing of the answer is below the fold."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SubtypeExplorerScreen)
        explorer = screen.query_one("#explorer")
        for results in product(list(ReceptorResult), repeat=3):
            screen.status = ReceptorStatus(*results)
            await pilot.pause()
            assert not explorer.show_vertical_scrollbar, results
            assert "╰" in app_screen_text(app), results  # the panel's foot


@pytest.mark.parametrize("size", [SIZE, (120, 40)])
async def test_e_p_and_h_lay_nothing_out_where_the_tallest_answer_fits(
    make_app: Callable[..., GuideApp], size: tuple[int, int]
):
    """Where the tallest answer fits (80x24 and larger) the panel keeps that height, and a
    key that makes the answer shorter or longer repaints it: no layout of the screen. The
    frame still ends under the answer's last line, with nothing of it below."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await pilot.pause()
        explorer = app.screen.query_one("#explorer")
        panel = app.screen.query_one("#result")
        layouts: list[object] = []
        app.screen.screen_layout_refresh_signal.subscribe(explorer, layouts.append, True)
        height = panel.outer_size.height
        for key, words in (
            ("e", "Table 1 rows still possible (2 of 4):"),
            ("p", "Table 1 rows still possible (2 of 4):"),
            ("h", "Table 1 subtype: ER+ and/or PR+, HER2+"),
            ("e", "Results: ER- PR+ HER2+"),
            ("e", "Results: ER? PR+ HER2+"),
            ("p", "Table 1 rows still possible (2 of 4):"),  # PR-: two rows again, taller
        ):
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            assert words in panel_text(app)
            assert layouts == [], key
            assert panel.outer_size.height == height
            rows = app_screen_text(app).splitlines()
            foot = next(y for y, row in enumerate(rows) if "╰" in row)
            last = max(y for y, row in enumerate(rows[:foot]) if row.strip("│ "))
            assert last == foot - 1, key  # the foot right under the answer's last line
            assert not any(row.strip() for row in rows[foot + 1 : panel.region.bottom])


async def test_a_change_of_answer_draws_only_the_answers_lines(
    make_app: Callable[..., GuideApp], monkeypatch: pytest.MonkeyPatch
):
    """The held panel draws the new answer's lines, straight from their wrapped lines (not
    joined, wrapped and split again by Textual's drawing of text), and moves its foot; the
    rows it holds beneath the answer are never drawn as lines of it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.press("e", "p")  # ER+ PR+: two rows of Table 1 still possible
        await pilot.pause()
        panel = app.screen.query_one("#result")
        drawn: list[int] = []
        original = panel.render_line
        monkeypatch.setattr(panel, "render_line", lambda y: drawn.append(y) or original(y))
        wrapped_again: list[str | None] = []
        to_strips = Visual.to_strips

        def counted(widget: Widget, *args: object, **kwargs: object) -> list[Strip]:
            wrapped_again.append(widget.id)
            return to_strips(widget, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Visual, "to_strips", counted)
        await pilot.press("h")  # HER2+: the one row, five lines
        await pilot.pause()
        assert "Table 1 subtype: ER+ and/or PR+, HER2+" in panel_text(app)
        assert sorted(drawn) == [0, 1, 2, 3, 4], drawn
        assert not {"result", "result-rows", "her2"} & set(wrapped_again), wrapped_again
        assert "HER2: positive (HER2 protein or gene)" in app_screen_text(app)


async def test_e_scrolls_to_its_result_only_where_the_explorer_can_scroll(
    make_app: Callable[..., GuideApp], monkeypatch: pytest.MonkeyPatch
):
    """Where everything is in view, e asks for no scrolling (it cost a quarter of the key);
    on a short screen it still brings ER into view."""
    app = make_app()
    scrolled: list[str | None] = []
    scroll_visible = ReceptorToggle.scroll_visible

    def counted(toggle: ReceptorToggle, *args: object, **kwargs: object) -> None:
        scrolled.append(toggle.id)
        scroll_visible(toggle, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ReceptorToggle, "scroll_visible", counted)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e")
        await pilot.pause()
        assert scrolled == []
        await pilot.resize_terminal(80, 12)
        await pilot.pause()
        explorer = app.screen.query_one("#explorer")
        explorer.scroll_end(animate=False)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert scrolled == ["er"]
        assert "ER: negative" in app_screen_text(app)


async def test_a_new_title_draws_only_the_frames_top_row(make_app: Callable[..., GuideApp]):
    """The frame's title changes (a row of Table 1 found, or not yet): its row is drawn
    again, not the answer's lines (Textual would draw the whole panel again)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        panel = app.screen.query_one(AnswerPanel)
        drawn: list[int] = []
        original = panel.render_line
        panel.render_line = lambda y: drawn.append(y) or original(y)  # type: ignore[method-assign]
        panel.say_above("Matching row of Table 1")
        await pilot.pause()
        assert "─ Matching row of Table 1 ─" in app_screen_text(app)
        assert drawn == []


async def test_the_short_answer_is_up_to_date_when_the_screen_becomes_short(
    make_app: Callable[..., GuideApp],
):
    """The one-line answer is written only while it shows; a screen made short after a
    change shows the answer for the results as they are."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e", "h")
        await pilot.pause()
        await pilot.resize_terminal(80, 15)
        await pilot.pause()
        text = " ".join(app_screen_text(app).split())
        assert "Answer: ER+ and/or PR+, HER2+. Tab: read it all." in text


async def test_no_answer_is_wrapped_on_a_key(
    make_app: Callable[..., GuideApp], monkeypatch: pytest.MonkeyPatch
):
    """Every answer is wrapped once for the panel's width, when the panel learns it (while
    the explorer is built ahead, in the guide): e, p and h only look their lines up."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        wrapped: list[int] = []
        hang = subtype_explorer.hang
        monkeypatch.setattr(
            subtype_explorer,
            "hang",
            lambda blocks, width: wrapped.append(width) or hang(blocks, width),
        )
        await pilot.press("e", "p", "h")
        await pilot.pause()
        assert "Table 1 subtype: ER+ and/or PR+, HER2+" in panel_text(app)
        assert wrapped == []
