"""mbc-tui: a calm terminal guide to metastatic breast cancer."""

__version__ = "0.1.0"
