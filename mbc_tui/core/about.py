"""The guide's name, where it comes from, and the educational notice every treatment
screen carries (plain Python, no Textual)."""

GUIDE_TITLE = "Metastatic breast cancer: a plain guide"

SOURCE = (
    'Source: this guide is based on an article called "Metastatic Breast Cancer", '
    "rewritten in plain words. The article does not name an author or a web address. "
    "Every medical fact here comes from that article."
)

EDUCATIONAL_NOTICE = (
    "For education only, not medical advice. Your care team decides your treatment."
)

SHORT_EDUCATIONAL_NOTICE = "Education only. Your care team decides."
"""The notice on a screen too narrow for the whole one on one line (40 columns): it still
says both things."""
