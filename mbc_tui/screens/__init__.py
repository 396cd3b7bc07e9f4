"""Screens of the guide: each in its own module, with its .tcss beside it."""
