"""Heard, not only seen: the guide under a real screen reader (Fenrir), key by key.

Each test starts the guide under Fenrir (tests/pty/screen_reader.py) and asserts on what was
spoken after a key: that a phrase is or is not said, and word counts within bounds (large
redraws can arrive in different chunks from run to run). About a second a key.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pty.screen_reader import FenrirSession, frame_words, unavailable_reason, words

pytestmark = pytest.mark.skipif(unavailable_reason() is not None, reason=str(unavailable_reason()))

GUIDE = str(Path(sys.executable).with_name("mbc-tui"))
PAGES = re.compile(r"page 1 of (\d+)")
SPOKEN_WORD = re.compile(r"\w+")


def on_screen(screen: str, first: str, last: str) -> str:
    """The screen's text from the row holding ``first`` to the row holding ``last``."""
    rows = screen.splitlines()
    start = next(i for i, row in enumerate(rows) if first in row)
    end = next(i for i, row in enumerate(rows) if last in row and i >= start)
    return "\n".join(rows[start : end + 1])


def test_line_mode_speaks_each_page_once_with_a_short_prompt() -> None:
    with FenrirSession([GUIDE, "read"]) as reader:
        start = reader.start()
        assert "Menu: 9 sections" in start.text
        page = reader.press("1", "Enter")
        assert page.text.count("Section 1 of 9, page 1 of 2") == 1
        shown = on_screen(reader.screen(), "Section 1 of 9, page 1", "More: type n")
        assert words(shown) * 0.8 <= page.words <= words(shown) * 1.2
        answer = reader.press("q", "Enter")
        assert answer.words <= 4


def test_screen_reader_profile_topics_then_one_section_heard_once() -> None:
    with FenrirSession([GUIDE, "--screen-reader"]) as reader:
        start = reader.start()
        assert "1 What it is" in start.text and not frame_words(start.text)
        down = reader.press("Down")
        assert down.text == "2 How it spreads"
        opened = reader.press("Enter")
        assert opened.text.startswith("How it spreads")
        shown = on_screen(reader.screen(), "How it spreads", "For education only")
        assert opened.text.count("How cancer cells travel") == 1
        assert words(shown) * 0.8 <= opened.words <= words(shown) * 1.2
        assert "3 Biomarkers" not in opened.text and not frame_words(opened.text)
        pages = PAGES.search(opened.text)  # where the reader is, below the section
        assert pages is not None and opened.text.count("page 1 of") == 1, opened.text
        paged = reader.press("PageDown")
        shown = on_screen(reader.screen(), "", "For education only")
        assert words(shown) * 0.6 <= paged.words <= words(shown) * 1.2
        assert not frame_words(paged.text)
        # The new page is heard once, then where it is: short, once.
        assert re.findall(r"page \d+ of \d+", paged.text) == [f"page 2 of {pages[1]}"]
        assert paged.text.endswith(f"page 2 of {pages[1]}"), paged.text
        back = reader.press("Escape")
        assert "2 How it spreads" in back.text and "How cancer cells" not in back.text


def test_opening_a_section_is_heard_once_in_the_default_profile() -> None:
    """Focus moves to the reader in the same frame as the text: each row is spoken once."""
    with FenrirSession([GUIDE]) as reader:
        reader.start()
        reader.press("Down")
        opened = reader.press("Enter")
        # Before, the focus was drawn a frame late and every row was heard twice. (A frame
        # may still reach Fenrir in two reads on a busy machine: bounds, not exact text.)
        assert opened.text.count("How cancer cells travel") == 1
        assert opened.words <= words(reader.screen()) * 1.2


def test_every_change_in_the_explorer_speaks_the_whole_new_answer() -> None:
    with FenrirSession([GUIDE]) as reader:
        reader.start()
        opened = reader.press("s")
        assert opened.text.startswith("Set each test result")
        assert "ER: not tested slash not sure" in opened.text
        er = reader.press("e")  # ER+: two rows of Table 1 still possible, both named
        assert er.text.startswith("ER: positive")
        assert "1 of 2: ER plus and slash or PR plus , HER2 dash" in er.text
        assert "2 of 2: ER plus and slash or PR plus , HER2 plus" in er.text
        her2 = reader.press("h")  # HER2+: the one row and its likely response
        assert her2.text.startswith("HER2: positive")
        assert "Table 1 subtype: ER plus and slash or PR plus , HER2 plus" in her2.text
        assert "Likely treatment response: Typically responds" in her2.text
        er = reader.press("e")  # ER-: PR not known, so two rows again
        assert "1 of 2: ER plus and slash or PR plus , HER2 plus" in er.text
        assert "2 of 2: ER dash slash PR dash , HER2 plus" in er.text


def test_screen_reader_profile_screens_and_notices() -> None:
    """Each screen: its title first, heard once, no frames; a notice is said whole."""
    with FenrirSession([GUIDE, "--screen-reader"]) as reader:
        reader.start()
        for key, title in (("g", "Glossary"), ("?", "Help"), ("/", "Search the guide")):
            opened = reader.press(key)
            assert opened.text.startswith(title), opened
            assert opened.words <= words(reader.screen()) * 1.2  # drawn once
            assert not frame_words(opened.text)
            back = reader.press("Escape")
            assert back.text.startswith("Topics")
        reader.press("g")
        term = reader.press("Down")  # the term, then its meaning: nothing of the list
        assert term.text.startswith("Metastatic") and "Stage IV" not in term.text
        reader.press("Escape")
        quit_hint = reader.press("C-c")
        assert quit_hint.text == "Do you want to quit? , Press ctrl plus q to quit the app"


def test_at_40x15_the_explorers_answer_is_heard() -> None:
    with FenrirSession([GUIDE], width=40, height=15) as reader:
        reader.start()
        reader.press("s")
        er = reader.press("e")
        assert "Answer: ER plus and slash or PR plus , HER2 dash or ER plus" in er.text


def test_down_and_up_in_the_topic_list_say_the_topic_alone() -> None:
    """Default profile: Fenrir's own terminal is the Linux console (TERM=linux), where the
    panes are framed with │, so Fenrir's barrier reads only the topic list's part of the
    cursor's row, not the section text beside it on that row."""
    with FenrirSession([GUIDE]) as reader:
        reader.start()
        for key, title in (
            ("Down", "2 How it spreads"),
            ("Down", "3 Biomarkers and testing"),
            ("Down", "4 Hormone receptors ER, PR"),
            ("Up", "3 Biomarkers and testing"),
        ):
            heard = reader.press(key)
            assert " ".join(heard.text.split()) == title, heard
        reader.press("Enter")
        # Back in the list: the topic alone again. Every pane keeps its │ frame and focus
        # changes only its colour, so no row's text changes: before, the whole screen was
        # heard again (129 words), both panes mixed row by row.
        back = reader.press("Escape")
        assert " ".join(back.text.split()) == "3 Biomarkers and testing", back


def test_dialogs_are_heard_alone_and_the_same_every_time() -> None:
    """Help and search hide the guide beneath them: each opening speaks the dialog's title
    first and its focused text, none of the guide, and the same words every time."""
    with FenrirSession([GUIDE]) as reader:
        reader.start()
        for key, title, focused in (("?", "Help", "Keys"), ("/", "Search the guide", "Search for")):
            heard = []
            for _ in range(3):
                opened = reader.press(key)
                heard.append(SPOKEN_WORD.findall(opened.text))  # blank rows: only a pause
                assert opened.text.lstrip(" ,┌─").startswith(title), opened  # frame: silent
                assert focused in opened.text
                assert "What it is" not in opened.text and "How it spreads" not in opened.text
                assert opened.words <= words(reader.screen()) * 1.2, opened.utterances  # once
                reader.press("Escape")
            assert all(words == heard[0] for words in heard), heard


def test_a_notice_is_heard_alone() -> None:
    """A notice takes whole rows at the foot of the screen: heard as itself, with nothing of
    the topic list or the section beside it."""
    with FenrirSession([GUIDE]) as reader:
        reader.start()
        quit_hint = reader.press("C-c")
        assert quit_hint.text == "Do you want to quit? , Press ctrl plus q to quit the app"


@pytest.mark.skipif(shutil.which("ssh") is None, reason="needs the OpenSSH client")
def test_the_idle_warning_over_ssh_is_heard_alone(tmp_path: Path) -> None:
    """Over SSH (the real client, under Fenrir), the warning before an idle session closes
    is heard by itself, with the time left, and nothing of the guide around it."""
    key = tmp_path / "host-key"
    subprocess.run([GUIDE, "host-key", str(key)], check=True, capture_output=True)
    serve = [GUIDE, "serve", "--port", "0", "--host-key", str(key), "--spare-sessions", "0"]
    # Warned at a third of the timeout before it: 10 s after the last key, 5 s left.
    server = subprocess.Popen(
        [*serve, "--idle-timeout", "15"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = re.search(r"port (\d+)", server.stdout.readline())
        assert port, "the server did not say where it listens"
        ssh = ["ssh", "-q", "-p", port.group(1), "-o", "StrictHostKeyChecking=no"]
        ssh += ["-o", "UserKnownHostsFile=/dev/null", "guide@127.0.0.1"]
        with FenrirSession(ssh) as reader:
            assert "What it is" in reader.start().text
            warned = reader.listen(seconds=20)
            assert "No key pressed for a while: this session closes in 5 seconds" in warned.text
            assert "What it is" not in warned.text and "Topics" not in warned.text, warned
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_saving_says_saved_once(tmp_path: Path) -> None:
    """The summary's status line says where the file went; no notice says it again, and
    the save prompt is a band at the foot, so closing it brings back a few rows only."""
    with FenrirSession(["sh", "-c", f"cd {tmp_path} && exec {GUIDE}"]) as reader:
        reader.start()
        reader.press("s")
        reader.press("x")
        prompt = reader.press("w")
        assert "Save the summary to this file" in prompt.text
        assert "Test results" not in prompt.text  # the summary is not read into it
        saved = reader.press("Enter")
        assert saved.text.count("Saved to") == 1, saved
        assert "My results summary" not in saved.text  # not the whole summary again
        assert (tmp_path / "mbc-tui-summary.txt").exists()


def test_typing_a_search_says_the_count_not_the_list() -> None:
    """Each key typed in the search box says the box and the status line (how many sections
    match, which one Enter opens); the list is heard when the reader moves into it."""
    with FenrirSession([GUIDE]) as reader:
        reader.start()
        reader.press("/")
        first = reader.type("b")
        assert "9 sections match b . Enter opens Biomarkers and testing." in first.text
        assert "found in" not in first.text and first.words <= 20, first
        for letter in "iopsy":
            typed = reader.type(letter)
            assert "found in" not in typed.text and typed.words <= 20, typed
        assert "2 sections match biopsy" in typed.text
        listed = reader.press("Down")
        assert listed.text.count("found in") == 2


SPOKEN_SUBTYPES = (
    "ER plus and slash or PR plus HER2 dash",
    "ER plus and slash or PR plus HER2 plus",
    "ER dash slash PR dash HER2 plus",
    "ER dash slash PR dash HER2 dash triple dash negative",
)
"""Table 1's subtypes as Fenrir says them, in its words only ("ER+" is "ER plus")."""


def said(text: str) -> str:
    """Spoken text as its words only: the pauses (commas, full stops) Fenrir puts between
    screen rows, and where the reader is ("page 2 of 6", said after each page), left out; so
    a sentence heard over two rows, or two pages, reads whole."""
    return " ".join(SPOKEN_WORD.findall(re.sub(r"page \d+ of \d+", " ", text)))


@pytest.mark.parametrize(("width", "height"), [(80, 24), (40, 15)])
def test_screen_reader_profile_reads_table_1_as_records_not_frames(width: int, height: int) -> None:
    """Section 6, paged to its end: Table 1 is heard row by row, each cell after its column's
    name, and no frame ("39 plus dash" before, for each rule of the table)."""
    with FenrirSession([GUIDE, "--screen-reader"], width=width, height=height) as reader:
        reader.start()
        pages = [reader.press("6")]
        while "End of table" not in reader.screen() and len(pages) < 10:
            pages.append(reader.press("PageDown"))
        pages.append(reader.press("PageDown"))  # the page after the table's end, too
        for page in pages:
            assert not frame_words(page.text), page
        heard = said(" ".join(page.text for page in pages))
        assert "Table 1 Molecular subtypes of breast cancer 4 rows read row by row" in heard
        for number, subtype in enumerate(SPOKEN_SUBTYPES, 1):
            record = f"Row {number} Subtype {subtype} Likely treatment response Typically"
            assert record in heard, heard
        assert "End of table" in heard


def test_glossary_heard_term_then_meaning_and_the_same_at_each_opening() -> None:
    """Default profile: the meaning sits below the terms, so Down in the terms changes rows
    that hold the meaning alone: heard as the new term (the cursor's row, between its │),
    then its meaning, once, with nothing of the list. Each opening of ``g`` and ``d`` is
    drawn in one frame: the same words every time, the title and the focused term first."""
    with FenrirSession([GUIDE]) as reader:
        reader.start()
        for key, title, focused in (
            ("g", "Glossary", "Metastasis"),
            ("d", "Words in", "Metastatic"),
        ):
            heard = []
            for _ in range(3):
                opened = reader.press(key)
                heard.append(SPOKEN_WORD.findall(opened.text))
                assert opened.text.lstrip(" ,┌─").startswith(title), opened  # frame: silent
                assert opened.text.index(focused) < opened.text.index("Meaning"), opened
                assert "What it is" not in opened.text  # nothing left of the guide
                assert opened.words <= words(reader.screen()) * 1.2, opened.utterances  # once
                reader.press("Escape")
            assert all(spoken == heard[0] for spoken in heard), heard
        reader.press("g")
        for key, term, meaning in (
            ("Down", "Metastatic", "Spread. Metastatic breast cancer has spread"),
            ("Down", "Stage IV", "The stage that metastatic breast cancer"),
            ("Up", "Metastatic", "Spread. Metastatic breast cancer has spread"),
        ):
            moved = reader.press(key)
            assert moved.text.startswith(term), moved
            assert moved.text.count(meaning) == 1, moved  # the meaning heard once
            # No row of the list beside it: other terms of the list are not heard. (The
            # meaning's own frame │ is passed to the synthesizer, which says nothing for it.)
            assert "Recurrence" not in moved.text and "Molecular subtype" not in moved.text
