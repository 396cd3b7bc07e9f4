"""The educational notice every treatment screen carries (plain Python, no Textual)."""

EDUCATIONAL_NOTICE = (
    "For education only, not medical advice. Your care team decides your treatment."
)
