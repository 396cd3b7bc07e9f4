"""Line mode: the guide as a line-by-line reader (plain Python, no Textual).

For screen readers, braille displays, dumb terminals, pipes and scripts. It only ever
appends lines: no cursor movement, no colour, no escape sequence of any kind. A numbered
menu, sections shown one page at a time, three subtype questions and a summary of the
answers, search and the glossary (``mbc_tui.plain.line_lookups``); every answer starts
with a word that says what it is, and the prompts never change. Keys that send escape
sequences (the arrows) are not read as text: one line says which keys work.

``run_line_mode`` works on any pair of text streams, so the same reader can run on a
terminal, a pipe, a test's ``StringIO`` or (later) an SSH channel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from mbc_tui.core.about import EDUCATIONAL_NOTICE, GUIDE_TITLE
from mbc_tui.core.content import Guide
from mbc_tui.core.instructions import Form
from mbc_tui.core.plain_text import (
    DEFAULT_WIDTH,
    MIN_WIDTH,
    clean,
    guide_link_note,
    markdown_lines,
    section_heading,
    section_lines,
    wrap,
)
from mbc_tui.core.subtype_words import RECEPTOR_QUESTIONS, answer_lines, parse_answer
from mbc_tui.core.subtypes import ReceptorResult, ReceptorStatus
from mbc_tui.plain.line_lookups import GLOSSARY, RESULTS, SEARCH, LineLookups, command_and_words

PROMPT = "Choice: "
"""Shown whenever the reader waits for a command; always the same."""
ANSWER_PROMPT = "Answer: "
"""Shown whenever the reader waits for the answer to a subtype question."""

DEFAULT_HEIGHT = 24
"""Lines in a screenful when the screen's height is not known."""
FRAME_LINES = 4
"""Lines of a screenful that are not section text: heading, blank line, footer, prompt."""
MIN_PAGE_LINES = 5
LONGEST_LINE = 4096
"""Characters of one input line that are kept; the rest of a longer line is dropped."""

NEXT = ("n", "next", "")
BACK = ("b", "back")
MENU = ("m", "menu")
SUBTYPES = ("s", "subtype", "subtypes")
HELP = ("h", "help", "?")
QUIT = ("q", "quit", "exit")

KEY_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|.)?")
"""What a key such as an arrow, Home or F1 sends (a CSI or SS3 sequence, or a lone Esc)."""
KEYS_WORK = "Keys: arrow keys do nothing here. Type letters or numbers, then Enter; h: help."
"""Said, in place of the prompt's answer, when only such keys were typed."""

EXIT_OK = 0
EXIT_INTERRUPTED = 130


@dataclass
class _Place:
    """Where the reader is: a section (by index) and a page of it."""

    section: int
    page: int


class _EndOfInput(Exception):
    """The reader closed the input (Ctrl+D, or the end of a pipe) or asked to quit."""


class LineReader(LineLookups):
    """One reading session over a pair of text streams."""

    def __init__(
        self,
        guide: Guide,
        stdin: TextIO,
        stdout: TextIO,
        width: int = DEFAULT_WIDTH,
        height: int = DEFAULT_HEIGHT,
        *,
        echo: bool = False,
    ) -> None:
        self.guide = guide
        self.stdin = stdin
        self.stdout = stdout
        self.width = max(width, MIN_WIDTH)
        self.page_lines = max(height - FRAME_LINES, MIN_PAGE_LINES)
        self.echo = echo
        self.place: _Place | None = None
        self._pages: dict[int, list[list[str]]] = {}
        self._link_note = guide_link_note(guide)

    # Output and input -------------------------------------------------------------------

    def say(self, *texts: str, first: str = "", rest: str = "") -> None:
        """Write each text as wrapped lines."""
        for text in texts:
            self.write_lines(wrap(text, self.width, first, rest))

    def write_lines(self, lines: Iterable[str]) -> None:
        self.stdout.write("".join(f"{clean(line)}\n" for line in lines))
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        """Show the prompt and read one line, without the escape sequences of keys such as
        the arrows (a line of only those is answered with ``KEYS_WORK`` and asked again);
        raises ``_EndOfInput`` at the end of input."""
        while True:
            raw = self._read_line(prompt)
            text = KEY_SEQUENCE.sub("", raw)
            if text.strip() or text == raw:
                return text
            self.say(KEYS_WORK)

    def stop_if_quit(self, text: str) -> None:
        """End the session if ``text`` is q (at any prompt)."""
        if " ".join(text.lower().split()) in QUIT:
            raise _EndOfInput

    def _read_line(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        try:
            line = self._bounded_line()
        except OSError:  # the terminal went away (a hang-up): the same as the end of input
            line = ""
        if not line:
            self.stdout.write("\n")
            raise _EndOfInput
        text = line.rstrip("\r\n")
        if self.echo:
            self.stdout.write(f"{clean(KEY_SEQUENCE.sub('', text))}\n")
        return text

    def _bounded_line(self) -> str:
        """One line of input, at most ``LONGEST_LINE`` characters kept: the rest of a longer
        line is read and dropped, so a reader piping in a file without newlines cannot make
        the session hold it all (over SSH the pty already bounds a line)."""
        line = self.stdin.readline(LONGEST_LINE)
        if len(line) < LONGEST_LINE or line.endswith("\n"):
            return line
        while True:
            rest = self.stdin.readline(LONGEST_LINE)
            if not rest or rest.endswith("\n"):
                return line + "\n"

    # The session ------------------------------------------------------------------------

    def run(self, first_slug: str | None = None) -> int:
        self.say(
            f"Guide: {GUIDE_TITLE}. Line mode: type a choice, then Enter. Type h for help.",
            f"Notice: {EDUCATIONAL_NOTICE}",
        )
        if first_slug is not None and self.guide.get(first_slug) is not None:
            self.show_section(self.guide.index_of(first_slug))
        else:
            self.show_menu()
        try:
            while True:
                self.handle(self.ask(PROMPT))
        except _EndOfInput:
            self.say("Goodbye.")
            return EXIT_OK

    def handle(self, text: str) -> None:
        """Act on one command."""
        word = " ".join(text.lower().split())
        if word.isascii() and word.isdigit():
            self.jump(int(word))
        elif (words := command_and_words(text, SEARCH)) is not None:
            self.search(words)
        elif (words := command_and_words(text, GLOSSARY)) is not None:
            self.look_up(words)
        elif word in RESULTS:
            self.show_results()
        elif word in NEXT:
            self.next_page()
        elif word in BACK:
            self.previous_page()
        elif word in MENU:
            self.show_menu()
        elif word in SUBTYPES:
            self.ask_subtype_questions()
        elif word in HELP:
            self.show_help()
        elif word in QUIT:
            raise _EndOfInput
        else:
            self.say(f'Unknown: "{shorten(text)}". {self.choices()}')

    def choices(self) -> str:
        return f"Type a number from 1 to {len(self.guide)}, or n, b, m, s, r, /, g, h or q."

    # Menu and help ----------------------------------------------------------------------

    def show_menu(self) -> None:
        self.say(f"Menu: {len(self.guide)} sections.")
        for number, section in enumerate(self.guide, start=1):
            marker = f"{number}. "
            self.say(section.title, first=marker, rest=" " * len(marker))
        self.say(
            "Type a number to read that section, s for subtype questions, / to search, "
            "g for the glossary, h for help, q to quit."
        )

    def show_help(self) -> None:
        last = len(self.guide)
        self.say("Help: type one of these, then Enter.")
        for keys, meaning in (
            (f"1 to {last}", "read that section, from its start"),
            ("n", "next page (Enter alone does the same)"),
            ("b", "back one page"),
            ("m", "the menu of sections"),
            ("s", "subtype questions: ER, PR and HER2"),
            ("r", "my results: a summary of the answers, to copy (nothing is saved)"),
            ("/", "search: / alone asks for words; /biopsy searches at once"),
            ("g", "glossary: g alone lists the terms; g biopsy looks one up"),
            ("h", "this help"),
            ("q", "quit (so does the end of input)"),
        ):
            self.say(f"{keys}: {meaning}", first="  ", rest="    ")

    # Reading ----------------------------------------------------------------------------

    def pages(self, index: int) -> list[list[str]]:
        """A section's text, cut into screenfuls (at a blank line where one is near)."""
        if index not in self._pages:
            body = self.guide.sections[index].body_for(Form.LINE)
            lines = markdown_lines(body, self.width, self._link_note)
            self._pages[index] = paginate(lines, self.page_lines)
        return self._pages[index]

    def jump(self, number: int) -> None:
        if 1 <= number <= len(self.guide):
            self.show_section(number - 1)
        else:
            self.say(f"Unknown: there is no section {number}. {self.choices()}")

    def show_section(self, index: int, page: int = 0) -> None:
        pages = self.pages(index)
        page = min(max(page, 0), len(pages) - 1)
        self.place = _Place(index, page)
        section = self.guide.sections[index]
        if len(pages) > 1:
            where = f"Section {index + 1} of {len(self.guide)}, page {page + 1} of {len(pages)}"
            self.say(f"{where}: {section.title}")
        else:
            self.say(section_heading(self.guide, section))
        self.write_lines(["", *pages[page]])
        self.say(self.footer(index, page, len(pages)))

    def footer(self, index: int, page: int, page_count: int) -> str:
        if page + 1 < page_count:
            return f"More: type n for page {page + 2} of {page_count}, b to go back."
        if index + 1 < len(self.guide):
            following = self.guide.sections[index + 1].title
            return (
                f"End of section {index + 1}. Type n for section {index + 2}, "
                f"{following}; m for the menu."
            )
        return "End of the guide. Type m for the menu, q to quit."

    def next_page(self) -> None:
        if self.place is None:
            self.show_section(0)
            return
        index, page = self.place.section, self.place.page
        if page + 1 < len(self.pages(index)):
            self.show_section(index, page + 1)
        elif index + 1 < len(self.guide):
            self.show_section(index + 1)
        else:
            self.say("End of the guide. Type m for the menu, b to go back, q to quit.")

    def previous_page(self) -> None:
        if self.place is None:
            self.say(f"Start: no section is open yet. {self.choices()}")
            return
        index, page = self.place.section, self.place.page
        if page > 0:
            self.show_section(index, page - 1)
        elif index > 0:
            self.show_section(index - 1, len(self.pages(index - 1)) - 1)
        else:
            self.say("Start of the guide. Type n for the next page, m for the menu.")

    # Subtype questions ------------------------------------------------------------------

    def ask_subtype_questions(self) -> None:
        count = len(RECEPTOR_QUESTIONS)
        self.say(
            f"Questions: {count} questions about test results. "
            "Answer yes, no or not sure. Type m to stop."
        )
        results: dict[str, ReceptorResult] = {}
        for number, (field, _name, question) in enumerate(RECEPTOR_QUESTIONS, start=1):
            self.say(f"Question {number} of {count}: {question}")
            result = self.read_answer()
            if result is None:
                self.say("Stopped: no results kept.")
                self.show_menu()
                return
            results[field] = result
        status = ReceptorStatus(**results)
        self.last_results = status
        for line in answer_lines(status):
            self.say(line)
        self.say(f"Note: {EDUCATIONAL_NOTICE}")
        subtypes = self.guide.get("subtypes")
        if subtypes is not None:
            number = self.guide.index_of(subtypes.slug) + 1
            self.say(f"See also: type {number} for {section_heading(self.guide, subtypes)}.")
        self.say(
            "Next: type r for a summary of my results, s to answer again, m for the menu, "
            "n to go on reading."
        )

    def read_answer(self) -> ReceptorResult | None:
        """One answer; ``None`` when the reader stops the questions."""
        while True:
            text = self.ask(ANSWER_PROMPT)
            word = " ".join(text.lower().split())
            if word in QUIT:
                raise _EndOfInput
            if word in MENU:
                return None
            result = parse_answer(text)
            if result is not None:
                return result
            if not word:  # Enter alone: nothing was typed, so say only what to type
                self.say("Answer yes, no or not sure; m stops.")
            else:
                self.say(f'Unknown: "{shorten(text)}". Answer yes, no or not sure; m stops.')


def paginate(lines: list[str], page_lines: int) -> list[list[str]]:
    """Cut lines into pages of at most ``page_lines``. A page ends at a blank line when
    one is in its second half, never just after a heading; no page starts or ends blank."""
    pages: list[list[str]] = []
    rest = list(lines)
    while rest:
        while rest and not rest[0]:
            rest.pop(0)
        if not rest:
            break
        cut = len(rest) if len(rest) <= page_lines else page_lines
        if cut < len(rest):
            blanks = [
                i
                for i in range(page_lines // 2, cut + 1)
                if not rest[i] and not _block_before(rest, i)[0].startswith(HEADING_WORDS)
            ]
            if blanks:
                cut = blanks[-1]
        page, rest = rest[:cut], rest[cut:]
        while page and not page[-1]:
            page.pop()
        pages.append(page)
    return pages or [[]]


HEADING_WORDS = ("Title:", "Heading:", "Subheading:")


def _block_before(lines: list[str], blank: int) -> list[str]:
    """The lines of the block that ends just before ``lines[blank]``."""
    start = blank
    while start > 0 and lines[start - 1]:
        start -= 1
    return lines[start:blank] or [""]


def shorten(text: str, limit: int = 30) -> str:
    text = clean(text).strip()
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


def run_line_mode(
    guide: Guide,
    stdin: TextIO,
    stdout: TextIO,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
    *,
    echo: bool = False,
    first_slug: str | None = None,
) -> int:
    """Run an interactive line-mode session; returns the exit code.

    ``width`` and ``height`` are the reader's screen in characters and lines; ``echo``
    writes each line read back to ``stdout`` (for piped input, so a transcript reads as a
    dialogue). Ctrl+C ends the session cleanly too.
    """
    reader = LineReader(guide, stdin, stdout, width, height, echo=echo)
    try:
        return reader.run(first_slug)
    except KeyboardInterrupt:
        reader.stdout.write("\n")
        reader.say("Goodbye.")
        return EXIT_INTERRUPTED


def print_section(guide: Guide, slug: str, stdout: TextIO, width: int = DEFAULT_WIDTH) -> int:
    """Write one whole section as plain text (no prompts); returns the exit code."""
    section = guide.get(slug)
    if section is None:
        raise KeyError(slug)
    stdout.write("".join(f"{clean(line)}\n" for line in section_lines(guide, section, width)))
    stdout.flush()
    return EXIT_OK
