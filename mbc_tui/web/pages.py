"""The web server's plain HTML pages: the guide as text, the subtype form and its answer,
and the error pages. No JavaScript; one ``h1`` each; ``lang`` and a title on every page."""

from __future__ import annotations

from html import escape

from mbc_tui.core.about import EDUCATIONAL_NOTICE, GUIDE_TITLE
from mbc_tui.core.content import Guide
from mbc_tui.core.subtypes import ReceptorResult, ReceptorStatus
from mbc_tui.core.summary import RECEPTOR_NAMES, TITLE, summary_lines
from mbc_tui.plain.export import HTML_STYLE, export_html

TERMINAL_PATH = "/"
GUIDE_PATH = "/guide"
SUBTYPES_PATH = "/subtypes"
ANSWER_ID = "answer"

RESULT_VALUES: dict[str, ReceptorResult] = {
    "positive": ReceptorResult.POSITIVE,
    "negative": ReceptorResult.NEGATIVE,
    "unknown": ReceptorResult.UNKNOWN,
}
"""The form's values for a result (the words ``mbc-tui summary`` takes)."""

UNWRAPPED = 10_000
"""A line width no summary line reaches: the browser wraps the text, not us."""


def links(current: str) -> str:
    """The links between the forms of the guide, on every page (the current one unlinked)."""
    items = (
        (GUIDE_PATH, "Text version for screen readers (the whole guide as one page)"),
        (SUBTYPES_PATH, "Subtype explorer as a simple form"),
        (TERMINAL_PATH, "Full-screen guide (as in a terminal)"),
    )
    entries = "\n".join(
        f"<li>{escape(text)}</li>"
        if path == current
        else f'<li><a href="{path}">{escape(text)}</a></li>'
        for path, text in items
    )
    return f'<nav aria-label="Forms of the guide">\n<ul>\n{entries}\n</ul>\n</nav>\n'


def page(title: str, body: str, current: str) -> str:
    """A whole page: the links, then ``body`` (which holds the one ``h1``) in ``main``."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
{HTML_STYLE}
fieldset {{ margin: 1em 0; }}
button {{ font-size: 1em; padding: 0.3em 1em; }}
</style>
</head>
<body>
<header>
{links(current)}</header>
<main>
{body}
</main>
</body>
</html>
"""


def guide_page(guide: Guide) -> str:
    return export_html(guide, links=links(GUIDE_PATH))


def subtypes_page(status: ReceptorStatus | None) -> str:
    """The form alone (``None``), or the answer for ``status`` above the form to change it."""
    explorer = f"Subtype explorer — {GUIDE_TITLE}"
    if status is None:
        body = (
            "<h1>Subtype explorer</h1>\n"
            f'<p class="notice">{escape(EDUCATIONAL_NOTICE)}</p>\n'
            "<p>Choose what you know of each test result, then show the summary.</p>\n"
            + _form(ReceptorStatus(*(ReceptorResult.UNKNOWN,) * 3))
        )
        return page(explorer, body, SUBTYPES_PATH)
    words = ", ".join(
        f"{name.split(' ')[0]} {getattr(status, key).words}" for key, name in RECEPTOR_NAMES
    )
    body = (
        f'<h1 id="{ANSWER_ID}" tabindex="-1">{escape(TITLE)}: {escape(words)}</h1>\n'
        f'<div class="summary">\n{summary_html(status)}</div>\n'
        "<h2>Change the results</h2>\n" + _form(status)
    )
    return page(f"{TITLE}: {words} — {explorer}", body, f"{SUBTYPES_PATH}?answer")


def summary_html(status: ReceptorStatus) -> str:
    """The summary of ``mbc-tui summary`` (without its title line), as paragraphs and
    lists: the same words, line by line."""
    html: list[str] = []
    in_list = False
    for line in summary_lines(status, UNWRAPPED, title=False):
        item = line.startswith("- ")
        if in_list and not item:
            html.append("</ul>")
            in_list = False
        if item:
            if not in_list:
                html.append("<ul>")
                in_list = True
            html.append(f"<li>{escape(line[2:])}</li>")
        elif line:
            html.append(f"<p>{escape(line)}</p>")
    if in_list:
        html.append("</ul>")
    return "\n".join(html) + "\n"


def _form(status: ReceptorStatus) -> str:
    groups = []
    for key, name in RECEPTOR_NAMES:
        chosen: ReceptorResult = getattr(status, key)
        choices = "\n".join(
            f'<label><input type="radio" name="{key}" value="{value}"'
            f"{' checked' if result is chosen else ''}> {escape(result.words)}</label><br>"
            for value, result in RESULT_VALUES.items()
        )
        groups.append(f"<fieldset>\n<legend>{escape(name)}</legend>\n{choices}\n</fieldset>")
    return (
        f'<form method="get" action="{SUBTYPES_PATH}#{ANSWER_ID}">\n'
        + "\n".join(groups)
        + '\n<button type="submit">Show my summary</button>\n</form>\n'
    )


def error_page(status: int, reason: str, detail: str) -> str:
    body = f"<h1>{status} {escape(reason)}</h1>\n<p>{escape(detail)}</p>\n"
    return page(f"{status} {reason} — {GUIDE_TITLE}", body, "")
