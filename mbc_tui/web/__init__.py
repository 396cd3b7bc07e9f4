"""``mbc-tui web``: the guide in a browser (textual-serve's terminal), the whole guide as
plain HTML, and the subtype explorer as a plain HTML form. The server never imports Textual:
each visitor's guide runs in its own process (:mod:`mbc_tui.web_app`)."""
