"""What to do next, said in the words that work in each form of the guide (plain Python).

The same section is read in the full-screen app, in line mode, and on paper (``mbc-tui read
--topic`` and the exports). A key that works in one of them means something else, or nothing,
in another, so a section never names a key itself: it holds a placeholder on a line of its own,

    {{subtype-explorer}}

and each form puts in its own instruction. The content check reports a placeholder it does
not know.
"""

from __future__ import annotations

import re
from enum import Enum


class Form(Enum):
    """A form the guide is read in."""

    SCREEN = "the full-screen guide"
    LINE = "line mode"
    PRINTED = "printed text: mbc-tui read --topic and the exports"


INSTRUCTIONS: dict[str, dict[Form, str]] = {
    "subtype-explorer": {
        Form.SCREEN: (
            "Press **s** to open the subtype explorer: set ER, PR and HER2 and see the "
            "matching row."
        ),
        Form.LINE: (
            "Type **s**, then Enter, for the subtype questions: answer three questions about "
            "ER, PR and HER2 and see the matching row."
        ),
        Form.PRINTED: (
            "To see the matching row for your own results, run "
            "`mbc-tui summary --er RESULT --pr RESULT --her2 RESULT`, where each RESULT is "
            "positive, negative or unknown. Or open the full-screen guide (`mbc-tui`) and "
            "press **s**."
        ),
    },
}
"""Each placeholder's instruction, for every form."""

PLACEHOLDER = re.compile(r"^[ \t]*\{\{[ \t]*([^{}\n]*?)[ \t]*\}\}[ \t]*$", re.MULTILINE)
"""A line that is only ``{{name}}``."""


def fill(markdown: str, form: Form) -> str:
    """``markdown`` with each known placeholder replaced by its instruction for ``form``."""

    def instruction(match: re.Match[str]) -> str:
        said = INSTRUCTIONS.get(match.group(1))
        return match.group(0) if said is None else said[form]

    return PLACEHOLDER.sub(instruction, markdown)


def unknown_placeholders(markdown: str) -> list[tuple[int, str]]:
    """``(line number, name)`` of each placeholder that has no instruction (line 1 first)."""
    return [
        (markdown.count("\n", 0, match.start()) + 1, match.group(1))
        for match in PLACEHOLDER.finditer(markdown)
        if match.group(1) not in INSTRUCTIONS
    ]
