"""What runs inside one browser session's process: the guide on textual-serve's pipes.

The web server (:mod:`mbc_tui.web`) starts ``python -m mbc_tui.web_app`` for each visitor;
Textual is imported here, never in the server."""
