"""Each form of the guide says what works in it: a key on the full screen, a menu choice in
line mode, a command on paper (``mbc-tui read --topic``, the exports)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from mbc_tui.core.content import ContentError, Guide, load_guide
from mbc_tui.core.instructions import INSTRUCTIONS, Form, fill
from mbc_tui.core.plain_text import section_lines
from mbc_tui.plain.export import export
from mbc_tui.plain.line_mode import run_line_mode
from tests.conftest import write_section

KEY_ON_SCREEN = "Press s to open the subtype explorer"


def one_line(text: str) -> str:
    return " ".join(text.replace("*", "").replace("`", "").split())


def test_the_full_screen_guide_names_its_key(guide: Guide) -> None:
    subtypes = guide.get("subtypes")
    assert subtypes is not None
    assert KEY_ON_SCREEN in one_line(subtypes.markdown)
    assert "{{" not in subtypes.markdown


@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_exports_name_the_summary_command_not_a_key(guide: Guide, format: str) -> None:
    text = one_line(export(guide, format))
    assert KEY_ON_SCREEN not in text and "{{" not in text
    assert "mbc-tui summary --er RESULT --pr RESULT --her2 RESULT" in text
    assert "each RESULT is positive, negative or unknown" in text


def test_read_topic_names_the_summary_command(guide: Guide) -> None:
    subtypes = guide.get("subtypes")
    assert subtypes is not None
    text = one_line("\n".join(section_lines(guide, subtypes)))
    assert KEY_ON_SCREEN not in text
    assert "run mbc-tui summary --er RESULT" in text


def test_line_mode_names_its_own_menu_choice(guide: Guide) -> None:
    stdout = io.StringIO()
    run_line_mode(guide, io.StringIO("6\n"), stdout, 80, 200)
    text = one_line(stdout.getvalue())
    assert KEY_ON_SCREEN not in text and "{{" not in text
    assert "Type s, then Enter, for the subtype questions" in text


def test_every_instruction_is_said_for_every_form() -> None:
    for name, said in INSTRUCTIONS.items():
        assert set(said) == set(Form), name
        assert fill(f"Before.\n\n{{{{{name}}}}}\n\nAfter.\n", Form.LINE).count("{{") == 0


def test_an_unknown_placeholder_is_a_content_problem(tmp_path: Path) -> None:
    path = write_section(tmp_path, "a.md", body="Words.\n\n{{no-such-thing}}\n")
    with pytest.raises(ContentError) as caught:
        load_guide(tmp_path)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{path}: line 10: unknown placeholder '{{{{no-such-thing}}}}'"
    ]
