"""Load and validate the guide's Markdown sections (plain Python, no Textual).

Each section is one ``<slug>.md`` file that starts with a small front-matter block::

    ---
    title: How it spreads
    slug: how-it-spreads
    order: 2
    summary: Where the cancer goes, how it is found, and what treatment can do.
    ---

    ## First sub-heading
    ...

The loader checks every file and reports *all* problems at once, each naming its file.
Content from ``--content`` is not trusted: a section must be a regular file of at most
``MAX_SECTION_BYTES``, and control and escape characters never reach a terminal (see
``mbc_tui.core.safe_text``).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

from mbc_tui.core.instructions import Form, fill, unknown_placeholders
from mbc_tui.core.passages import table_parser
from mbc_tui.core.safe_text import safe_name, safe_text

MAX_SECTION_BYTES = 64 * 1024
"""The largest section file: 64 KB. The largest built-in one is 7 KB; a 64 KB section opens in
the full-screen guide in about a second (and ~35 MB), a 256 KB one took 5 s and 180 MB."""

FRONT_MATTER_FENCE = "---"
REQUIRED_KEYS = ("title", "slug", "order", "summary")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Section:
    """One section of the guide."""

    slug: str
    title: str
    order: int
    summary: str
    body: str
    """The Markdown after the front matter (no H1: the title is the heading), with its
    ``{{placeholders}}`` (see ``mbc_tui.core.instructions``): read it through ``body_for``."""
    path: Path
    first_line: int = 1
    """The line of the file that ``body`` starts on (for problems said with a line number)."""

    def body_for(self, form: Form) -> str:
        """The body as ``form`` shows it: each placeholder is that form's instruction."""
        return fill(self.body, form)

    @property
    def markdown(self) -> str:
        """The whole section as Markdown, headed by its title, as the full-screen guide
        shows it."""
        return self.markdown_for(Form.SCREEN)

    def markdown_for(self, form: Form) -> str:
        """The whole section as Markdown, headed by its title, as ``form`` shows it."""
        return f"# {self.title}\n\n{self.body_for(form)}"


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with one content file."""

    path: Path
    message: str

    def __str__(self) -> str:
        # File names and quoted text come from outside: shown as one safe line.
        return safe_name(f"{self.path}: {self.message}")


class ContentError(Exception):
    """The content folder cannot be used; ``problems`` says why, file by file."""

    def __init__(self, problems: Sequence[ContentProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Guide:
    """All sections, in reading order."""

    sections: tuple[Section, ...]

    def __iter__(self) -> Iterator[Section]:
        return iter(self.sections)

    def __len__(self) -> int:
        return len(self.sections)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(section.slug for section in self.sections)

    def get(self, slug: str) -> Section | None:
        """The section with this slug, or ``None``."""
        for section in self.sections:
            if section.slug == slug:
                return section
        return None

    def find(self, name: str) -> Section | None:
        """The section a reader names: its slug in any case (``HER2``), or its number in
        reading order (``5``); ``None`` for anything else."""
        name = name.strip()
        if name.isascii() and name.isdigit():
            number = int(name)
            return self.sections[number - 1] if 1 <= number <= len(self.sections) else None
        return self.get(name.lower())

    def index_of(self, slug: str) -> int:
        """Position of a section in reading order (raises ``KeyError`` if unknown)."""
        for index, section in enumerate(self.sections):
            if section.slug == slug:
                return index
        raise KeyError(slug)

    def resolve_link(self, href: str) -> Section | None:
        """The section an internal link points at (``her2.md``, ``./her2.md#top``, ``her2``).

        Returns ``None`` for anything that is not a link to one of our sections,
        including every external address.
        """
        name = link_file_name(href)
        if name is None:
            return None
        for section in self.sections:
            if section.path.name == name:
                return section
        return self.get(name.removesuffix(".md"))


EXTERNAL_LINK = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


def link_file_name(href: str) -> str | None:
    """The file name an internal link points at (``her2.md`` for ``./her2.md#top``), or
    ``None`` for an external link or one with no file name (``#top``)."""
    if is_external_link(href):
        return None
    target = href.split("#", 1)[0].split("?", 1)[0].strip()
    return PurePosixPath(target).name if target else None


def is_external_link(href: str) -> bool:
    """True for links with a scheme (``https:``, ``mailto:``) or a network path."""
    return bool(EXTERNAL_LINK.match(href.strip()))


def default_content_dir() -> Path:
    """Where the built-in sections live: inside the installed package, or the source tree."""
    packaged = resources.files("mbc_tui") / "content"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "content"


def load_guide(directory: Path | None = None) -> Guide:
    """Load every ``*.md`` section in ``directory`` (the built-in content by default).

    Raises:
        ContentError: listing every problem found, each with its file.
    """
    directory = default_content_dir() if directory is None else directory
    if not directory.exists():
        raise ContentError([ContentProblem(directory, "content folder not found")])
    if not directory.is_dir():
        raise ContentError([ContentProblem(directory, "not a folder")])
    paths = sorted(directory.glob("*.md"))
    if not paths:
        raise ContentError([ContentProblem(directory, "no Markdown sections (*.md) found")])

    problems: list[ContentProblem] = []
    sections: list[Section] = []
    for path in paths:
        section, file_problems = _parse_section(path)
        problems.extend(file_problems)
        if section is not None:
            sections.append(section)

    problems.extend(_duplicate_problems(sections))
    problems.extend(_link_problems(sections, {path.name for path in paths}))
    if problems:
        raise ContentError(problems)
    return Guide(tuple(sorted(sections, key=lambda section: section.order)))


class SectionFileError(Exception):
    """A section's file is not one the guide reads (not a regular file, or too large)."""


def read_section_bytes(path: Path, limit: int = MAX_SECTION_BYTES) -> bytes:
    """The bytes of a section's file, if it is a regular file of at most ``limit`` bytes.
    Opened without waiting (a FIFO would block an ordinary open) and checked once open, so
    a file swapped after a look at its name is caught too; ``/dev/zero`` is never read.

    Raises:
        OSError: the file cannot be opened or read.
        SectionFileError: not a regular file, or larger than ``limit``.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise SectionFileError("not a regular file (a section must be a .md file)")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise SectionFileError(f"too large (a section may be at most {limit // 1024} KB)")
    return data


def _parse_section(path: Path) -> tuple[Section | None, list[ContentProblem]]:
    def problem(message: str) -> tuple[None, list[ContentProblem]]:
        return None, [ContentProblem(path, message)]

    try:
        data = read_section_bytes(path)
    except OSError as error:
        return problem(f"cannot be read ({error.strerror or error})")
    except SectionFileError as error:
        return problem(str(error))
    try:
        text = safe_text(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return problem(f"not valid UTF-8 text (line {line}, byte {error.start})")

    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        return problem("missing front matter (the file must start with a '---' line)")
    try:
        end = next(
            index
            for index, line in enumerate(lines[1:], start=1)
            if line.strip() == FRONT_MATTER_FENCE
        )
    except StopIteration:
        return problem("front matter is not closed (no second '---' line)")

    problems: list[ContentProblem] = []
    fields: dict[str, str] = {}
    for line_number, line in enumerate(lines[1:end], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, separator, value = line.partition(":")
        key = key.strip().lower()
        if not separator or not key:
            problems.append(ContentProblem(path, f"line {line_number}: expected 'key: value'"))
        elif key not in REQUIRED_KEYS:
            problems.append(
                ContentProblem(path, f"line {line_number}: unknown front-matter key '{key}'")
            )
        elif key in fields:
            problems.append(ContentProblem(path, f"line {line_number}: '{key}' given twice"))
        else:
            fields[key] = value.strip()

    for key in REQUIRED_KEYS:
        if not fields.get(key):
            problems.append(ContentProblem(path, f"missing {key}"))

    slug = fields.get("slug", "")
    if slug and not SLUG_PATTERN.match(slug):
        problems.append(
            ContentProblem(path, f"bad slug '{slug}' (use lower-case words joined by '-')")
        )

    order = 0
    raw_order = fields.get("order", "")
    if raw_order:
        try:
            order = int(raw_order)
        except ValueError:
            problems.append(ContentProblem(path, f"bad order '{raw_order}' (need a whole number)"))
        else:
            if order < 1:
                problems.append(ContentProblem(path, f"bad order '{raw_order}' (need 1 or more)"))

    after = "\n".join(lines[end + 1 :])
    body = after.strip()
    first_line = end + 2 + after[: len(after) - len(after.lstrip())].count("\n")
    for line, name in unknown_placeholders(body):
        problems.append(
            ContentProblem(
                path, f"line {first_line + line - 1}: unknown placeholder '{{{{{name}}}}}'"
            )
        )
    if not body:
        problems.append(ContentProblem(path, "the section has no text after the front matter"))
    elif body.startswith("# "):
        problems.append(
            ContentProblem(path, "the body must not start with a '# ' heading (the title is used)")
        )

    if problems:
        return None, problems
    section = Section(
        slug=slug,
        title=fields["title"],
        order=order,
        summary=fields["summary"],
        body=body + "\n",
        path=path,
        first_line=first_line,
    )
    return section, []


def _link_problems(sections: Sequence[Section], file_names: set[str]) -> list[ContentProblem]:
    """Links to a section that is not there. A link to a file with problems of its own is
    left alone: that file is reported already."""
    problems: list[ContentProblem] = []
    guide = Guide(tuple(sections))
    for section in sections:
        for line, href in _links(section.body):
            if is_external_link(href) or guide.resolve_link(href) is not None:
                continue
            name = link_file_name(href)
            if name not in file_names and f"{name}.md" not in file_names:
                problems.append(
                    ContentProblem(
                        section.path,
                        f"line {section.first_line + line - 1}: link to '{href}', "
                        "which is not a section of the guide",
                    )
                )
    return problems


def _links(markdown: str) -> Iterator[tuple[int, str]]:
    """``(line number, address)`` of each link in ``markdown`` (line 1 first)."""
    lines = markdown.split("\n")
    for token in table_parser().parse(markdown):
        start, end = token.map or (0, len(lines))
        for child in token.children or ():
            if child.type != "link_open":
                continue
            href = str(child.attrGet("href") or "")
            line = next((n for n in range(start, end) if href in lines[n]), start)
            yield line + 1, href


def _duplicate_problems(sections: Sequence[Section]) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    first_with_slug: dict[str, Section] = {}
    first_with_order: dict[int, Section] = {}
    for section in sections:
        other = first_with_slug.setdefault(section.slug, section)
        if other is not section:
            problems.append(
                ContentProblem(
                    section.path, f"slug '{section.slug}' is already used by {other.path.name}"
                )
            )
        other = first_with_order.setdefault(section.order, section)
        if other is not section:
            problems.append(
                ContentProblem(
                    section.path, f"order {section.order} is already used by {other.path.name}"
                )
            )
    return problems
