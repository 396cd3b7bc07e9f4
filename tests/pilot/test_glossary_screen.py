"""The glossary screen (g) and the reader's lookup (d), as a reader uses them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import OptionList

from mbc_tui.app import GuideApp
from mbc_tui.app_factory import build_app
from mbc_tui.core.glossary import Glossary
from mbc_tui.screens.glossary import GlossaryScreen
from mbc_tui.screens.guide import GuideScreen
from tests.conftest import app_screen_text, widget_lines, write_section
from tests.unit.test_glossary import one_line

SIZE = (80, 24)


async def test_g_opens_the_glossary_and_each_term_shows_its_meaning(
    make_app: Callable[..., GuideApp], glossary: Glossary
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert isinstance(app.screen, GlossaryScreen)
        text = app_screen_text(app)
        assert "Glossary" in text and "For education only" in text
        meaning = app.screen.query_one("#definition")
        for number, entry in enumerate(glossary):
            if number:
                await pilot.press("down")
            shown = one_line(" ".join(widget_lines(app, meaning)))
            assert shown.startswith(entry.term), entry.term
            assert one_line(entry.definition)[:60] in shown, entry.term
            assert entry.term in app_screen_text(app)  # the list scrolls to the term
        await pilot.press("escape")
        assert isinstance(app.screen, GuideScreen)


async def test_d_lists_the_terms_of_the_section_and_enter_reads_one(
    make_app: Callable[..., GuideApp],
):
    app = make_app(first_slug="biomarkers")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert isinstance(app.screen, GlossaryScreen)
        text = app_screen_text(app)
        assert "Words in this section" in text
        terms = app.screen.query_one("#terms", OptionList)
        listed = [str(terms.get_option_at_index(i).prompt) for i in range(terms.option_count)]
        for term in ("Biopsy", "Accredited laboratory", "ASCO", "NCCN"):
            assert term in listed  # the list is half the screen: some are below, scrolled to
        assert "Chemotherapy" not in listed and "Triple-negative" not in listed
        assert "Chemotherapy" not in text and listed[0] in text
        while "ASCO" not in str(terms.highlighted_option.prompt):  # type: ignore[attr-defined]
            await pilot.press("down")
        await pilot.press("enter")
        meaning = app.screen.query_one("#definition")
        assert app.focused is meaning
        shown = one_line(" ".join(widget_lines(app, meaning)))
        assert shown.startswith(
            "ASCO The American Society of Clinical Oncology, a national cancer organization."
        )


async def test_no_glossary_in_the_content_no_glossary_keys(tmp_path: Path):
    from mbc_tui.core.content import load_guide

    write_section(tmp_path, "only.md", title="Only", body="## Words\n\nHER2 and ER.\n")
    app = build_app(load_guide(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "d")
        assert isinstance(app.screen, GuideScreen)
        footer = app_screen_text(app).splitlines()[-1]
        assert "Glossary" not in footer and "Terms" not in footer
