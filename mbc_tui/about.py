"""The guide's name and where it comes from (plain Python, no Textual)."""

GUIDE_TITLE = "Metastatic breast cancer: a plain guide"

SOURCE = (
    'Source: this guide is based on an article called "Metastatic Breast Cancer", '
    "rewritten in plain words. The article does not name an author or a web address. "
    "Every medical fact here comes from that article."
)
