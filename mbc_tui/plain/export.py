"""The whole guide as one handout: plain text, Markdown or HTML (plain Python, no Textual).

Sections come in reading order, after the guide's title, the educational notice and the
source. The HTML page is standalone and semantic: ``lang``, one ``h1``, a ``h2`` per
section and ``h3``/``h4`` below it, tables with ``th scope``, no scripts and nothing
loaded from elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from markdown_it.token import Token

from mbc_tui.core.about import EDUCATIONAL_NOTICE, GUIDE_TITLE, SOURCE
from mbc_tui.core.content import Guide, Section, is_external_link
from mbc_tui.core.instructions import Form
from mbc_tui.core.plain_text import (
    DEFAULT_WIDTH,
    clean,
    guide_link_note,
    markdown_parser,
    section_heading,
    section_lines,
    wrap,
)
from mbc_tui.core.table_reading import TABLE_CAPTION

FORMATS = ("text", "markdown", "html")


def export(guide: Guide, format: str, width: int = DEFAULT_WIDTH) -> str:
    """The guide in ``format`` (one of ``FORMATS``); ``width`` is for plain text."""
    exporters: dict[str, Callable[[Guide], str]] = {
        "text": lambda guide: export_text(guide, width),
        "markdown": export_markdown,
        "html": export_html,
    }
    return exporters[format](guide)


# Plain text ---------------------------------------------------------------------------


def export_text(guide: Guide, width: int = DEFAULT_WIDTH) -> str:
    lines = [
        *wrap(f"Guide: {GUIDE_TITLE}", width),
        "",
        *wrap(f"Notice: {EDUCATIONAL_NOTICE}", width),
        "",
        *wrap(SOURCE, width),
        "",
        f"Contents: {len(guide)} sections.",
    ]
    for number, section in enumerate(guide, start=1):
        marker = f"{number}. "
        lines.extend(wrap(section.title, width, marker, " " * len(marker)))
    for section in guide:
        lines.extend(["", "", *section_lines(guide, section, width)])
    lines.extend(["", "", *wrap(f"End of the guide. Notice: {EDUCATIONAL_NOTICE}", width)])
    return "".join(f"{line}\n" for line in lines)


# Markdown -----------------------------------------------------------------------------

_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\(([^()\s]+)\)")


def export_markdown(guide: Guide) -> str:
    parts = [
        f"# {GUIDE_TITLE}",
        f"*{EDUCATIONAL_NOTICE}*",
        SOURCE,
        "## Contents",
        "\n".join(f"{number}. {section.title}" for number, section in enumerate(guide, start=1)),
    ]
    parts.extend(_section_markdown(guide, section) for section in guide)
    parts.append(f"*{EDUCATIONAL_NOTICE}*")
    return clean("\n\n".join(part.strip("\n") for part in parts) + "\n")


def _section_markdown(guide: Guide, section: Section) -> str:
    """The section under a ``##`` heading: its own headings one level down, and links
    to other sections said as "(section 5)", since the handout is one file."""
    markdown = section.body_for(Form.PRINTED)
    body = markdown.split("\n")
    for token in markdown_parser().parse(markdown):
        if token.type == "heading_open" and token.map is not None:
            line = token.map[0]
            if body[line].lstrip().startswith("#"):
                body[line] = "#" + body[line].lstrip()
    note = guide_link_note(guide)

    def say_link(match: re.Match[str]) -> str:
        text, href = match.group(1), match.group(2)
        if guide.resolve_link(href) is None:
            return match.group(0)
        return f"{text} ({note(href)})"

    text = _LINK.sub(say_link, "\n".join(body))
    return f"## {section_heading(guide, section)}\n\n{text}"


# HTML ---------------------------------------------------------------------------------

HTML_STYLE = """
body { max-width: 42em; margin: 1em auto; padding: 0 1em; line-height: 1.5;
  font-family: sans-serif; }
table { border-collapse: collapse; }
th, td { border: 1px solid; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
.notice { font-style: italic; }
""".strip()


def export_html(guide: Guide, *, links: str = "") -> str:
    """The whole guide as one HTML page; ``links`` (HTML) goes first in its header (the web
    server's links to the other forms of the guide)."""
    title = escape(GUIDE_TITLE)
    notice = f'<p class="notice">{escape(EDUCATIONAL_NOTICE)}</p>'
    contents = "\n".join(
        f'<li><a href="#{escape(section.slug)}">{escape(section.title)}</a></li>'
        for section in guide
    )
    sections = "\n".join(_section_html(guide, section) for section in guide)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{HTML_STYLE}
</style>
</head>
<body>
<header>
{links}<h1>{title}</h1>
{notice}
<p>{escape(SOURCE)}</p>
<nav aria-label="Contents">
<ol>
{contents}
</ol>
</nav>
</header>
<main>
{sections}
</main>
<footer>
{notice}
</footer>
</body>
</html>
"""


def _section_html(guide: Guide, section: Section) -> str:
    slug = escape(section.slug)
    heading = escape(section_heading(guide, section))
    body = _body_html(guide, section.body_for(Form.PRINTED))
    return (
        f'<section id="{slug}" aria-labelledby="{slug}-title">\n'
        f'<h2 id="{slug}-title">{heading}</h2>\n{body}</section>'
    )


def _body_html(guide: Guide, markdown: str) -> str:
    """A section body as HTML: headings one level down (``##`` is ``h3``), links to other
    sections point into this page, header cells get ``scope``, images become their words,
    and a table's caption paragraph becomes its ``caption``."""
    parser = markdown_parser()
    tokens = _captions_into_tables(parser.parse(markdown))
    in_body_row = False
    first_cell = False
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1:]) + 1, 6)}"
        elif token.type == "th_open":
            token.attrSet("scope", "col")
        elif token.type == "tbody_open":
            in_body_row = True
        elif token.type == "tbody_close":
            in_body_row = False
        elif token.type == "tr_open":
            first_cell = in_body_row
        elif token.type == "td_open" and first_cell:
            token.tag = "th"
            token.attrSet("scope", "row")
        elif token.type == "td_close" and first_cell:
            token.tag = "th"
            first_cell = False
        elif token.type == "inline" and token.children:
            token.children = _inline_tokens(guide, token.children)
    return parser.renderer.render(tokens, parser.options, {})


def _captions_into_tables(tokens: list[Token]) -> list[Token]:
    """Move each caption paragraph ("Table 1. ...") just above a table into the table."""
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        window = tokens[index : index + 4]
        if [token.type for token in window] == [
            "paragraph_open",
            "inline",
            "paragraph_close",
            "table_open",
        ] and TABLE_CAPTION.match(window[1].content.strip("*_ ")):
            caption = window[1]
            result += [
                window[3],
                Token("caption_open", "caption", 1, block=True),
                caption,
                Token("caption_close", "caption", -1, block=True),
            ]
            index += 4
        else:
            result.append(tokens[index])
            index += 1
    return result


def _inline_tokens(guide: Guide, children: list[Token]) -> list[Token]:
    """Links to sections point into the page; links to nowhere keep only their words."""
    result: list[Token] = []
    dropping = False
    for child in children:
        if child.type == "link_open":
            href = str(child.attrGet("href") or "")
            section = guide.resolve_link(href)
            if section is not None:
                child.attrSet("href", f"#{section.slug}")
            elif not is_external_link(href):
                dropping = True
                continue
        elif child.type == "link_close" and dropping:
            dropping = False
            continue
        elif child.type == "image":
            child = Token("text", "", 0, content=f"(image: {child.content})")
        result.append(child)
    return result
