"""Small terminals: nothing broken, nothing unreachable, and a clear word when too small."""

from __future__ import annotations

from collections.abc import Callable

from mbc_tui.app import GuideApp
from mbc_tui.core.about import EDUCATIONAL_NOTICE, SHORT_EDUCATIONAL_NOTICE
from mbc_tui.core.content import Guide
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.screens.subtype_explorer import SubtypeExplorerScreen
from mbc_tui.screens.too_small import TooSmallScreen
from mbc_tui.widgets.key_footer import KeyFooter
from mbc_tui.widgets.topic_list import TopicList
from tests.conftest import app_screen_text, wait_for_text, widget_lines

TOO_SMALL = "terminal too small — need at least 40x12"


def flat_text(app: GuideApp) -> str:
    """The screen's words with line breaks and padding folded, as a reader would read them."""
    return " ".join(app_screen_text(app).split())


async def test_60x20_shows_everything_and_scrolls(make_app: Callable[..., GuideApp], guide: Guide):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        text = app_screen_text(app)
        sidebar = " ".join(" ".join(widget_lines(app, app.screen.query_one(TopicList))).split())
        for number, section in enumerate(guide, start=1):
            assert f"{number} {section.title}" in sidebar
        assert f"Section 1 of {len(guide)}" in text
        assert SHORT_EDUCATIONAL_NOTICE in text  # the whole notice needs 80 columns
        await pilot.press("s")
        text = app_screen_text(app)
        assert "Results: ER? PR? HER2?" in text
        assert "HER2: not tested / not sure" in text


async def test_too_small_shows_a_message_and_recovers(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert TOO_SMALL in flat_text(app)
        await pilot.press("s")  # nothing opens behind the message
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        assert "1 What it is" in app_screen_text(app)


async def test_too_narrow_alone_is_too_small(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=(39, 24)) as pilot:
        await pilot.pause()
        assert TOO_SMALL in flat_text(app)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert TOO_SMALL not in flat_text(app)


async def test_explorer_survives_a_round_trip_through_too_small(
    make_app: Callable[..., GuideApp],
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "h")
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, SubtypeExplorerScreen)
        assert "Results: ER? PR? HER2+" in app_screen_text(app)


async def test_40x15_every_section_and_control_is_reachable(
    make_app: Callable[..., GuideApp], guide: Guide
):
    app = make_app()
    async with app.run_test(size=(40, 15)) as pilot:
        for number, section in enumerate(guide, start=1):
            await pilot.press(str(number))
            assert f"Section {number} of {len(guide)}" in app_screen_text(app)
            assert section.title.split()[0] in flat_text(app)
        await pilot.press("s")
        for key, words in (("e", "ER: positive"), ("p", "PR: positive"), ("h", "HER2: positive")):
            await pilot.press(key)
            assert words in flat_text(app)
        # The result panel can be reached (and so scrolled into view) with Tab.
        await pilot.press("tab", "tab", "tab")
        assert app.focused is not None and app.focused.id == "result"
        assert "Results: ER+ PR+ HER2+" in flat_text(app)
        seen = ""
        for _ in range(20):  # ... and read by scrolling, a line at a time
            panel = " ".join(" ".join(widget_lines(app, app.focused)).split())
            seen = f"{seen} {panel}"
            if "(targeted therapies)." in panel:
                break
            await pilot.press("down")
        assert "Table 1 subtype: ER+ and/or PR+, HER2+" in seen
        assert "(targeted therapies)." in seen


async def test_every_shown_key_stays_on_screen_when_narrow(make_app: Callable[..., GuideApp]):
    """The footer is one line at every size: keys that do not fit are left out, least
    needed first; help, which lists every key, never is; no key is cut off or split from
    what it does."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for width, height in ((80, 24), (60, 20), (40, 12)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            for screen_key in ("", "s"):
                if screen_key:
                    await pilot.press(screen_key)
                    await pilot.pause()
                footer = app.screen.query_one(KeyFooter)
                assert footer.region.height == 1
                (line,) = widget_lines(app, footer)
                assert footer._keys, "the footer shows keys"
                assert " ? Help " in f"{line} "
                shown = [k for k in footer._keys if f" {k[1]} {k[2]} " in f"{line} "]
                assert shown, line
                # What is shown is whole keys only: nothing but them on the line.
                assert " ".join(line.split()) == " ".join(
                    f"{key} {description}" for _a, key, description in shown
                )
                if width == 80 and not screen_key:
                    assert len(shown) == len(footer._keys)  # all fit at 80 columns
                if screen_key:
                    await pilot.press("escape")
                    await pilot.pause()


async def test_at_40x15_the_notice_and_the_footer_take_two_rows(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(40, 15)) as pilot:
        for screen_key in ("", "s", "x"):
            await pilot.press(*screen_key)
            await pilot.pause()
            lines = app_screen_text(app).splitlines()
            footer = app.screen.query_one(KeyFooter)
            assert footer.region.height == 1
            assert lines[-2].strip() == SHORT_EDUCATIONAL_NOTICE
        await pilot.resize_terminal(80, 24)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app_screen_text(app).splitlines()[-2].strip() == EDUCATIONAL_NOTICE


async def test_the_main_footer_does_not_show_under_help_at_40x12(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        bottom = app_screen_text(app).splitlines()[-3:]
        assert not any("Subtypes" in line or "Glossary" in line for line in bottom), bottom


async def test_a_toast_shows_above_the_notice_never_over_it(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for screen_key in ("", "s", "x"):
            await pilot.press(*screen_key)
            await pilot.press("ctrl+c")  # the quit hint: a toast at the foot of the screen
            lines = (await wait_for_text(pilot, "Press ctrl+q to quit the app")).splitlines()
            assert "Press ctrl+q to quit the app" in lines[-3], lines[-4:]
            assert lines[-2].strip() == EDUCATIONAL_NOTICE
            app.clear_notifications()
            await pilot.pause()
