"""Widgets of the guide: each in its own module."""
