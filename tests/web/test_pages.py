"""The plain HTML pages: the whole guide, the subtype form and its 27 answers, the errors."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser

import aiohttp
import pytest

from mbc_tui.cli import main
from mbc_tui.core.about import EDUCATIONAL_NOTICE
from tests.web.conftest import WebServer

RESULTS = ("positive", "negative", "unknown")


class Outline(HTMLParser):
    """What a screen reader's outline of a page holds: lang, title, headings, th scopes,
    scripts, links, and the text of the summary (one entry per paragraph or list item)."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.title = ""
        self.headings: list[tuple[str, str]] = []
        self.th_scopes: list[str | None] = []
        self.scripts = 0
        self.links: list[str] = []
        self.summary: list[str] = []
        self._open: list[str] = []
        self._in_summary = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "th":
            self.th_scopes.append(values.get("scope"))
        elif tag == "script":
            self.scripts += 1
        elif tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        elif tag == "div" and values.get("class") == "summary":
            self._in_summary = True
        if tag in ("title", "h1", "h2", "p", "li"):
            self._open.append(tag)
            if tag in ("h1", "h2"):
                self.headings.append((tag, ""))
            if self._in_summary and tag in ("p", "li"):
                self.summary.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            self._in_summary = False
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if not self._open:
            return
        tag = self._open[-1]
        if tag == "title":
            self.title += data
        elif tag in ("h1", "h2") and self.headings:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)
        elif tag in ("p", "li") and self._in_summary:
            self.summary[-1] += data


async def get(server: WebServer, path: str) -> tuple[int, Outline, aiohttp.ClientResponse]:
    async with aiohttp.ClientSession() as client, client.get(server.url + path) as response:
        outline = Outline()
        outline.feed(await response.text())
        return response.status, outline, response


def assert_a_page(outline: Outline) -> None:
    assert outline.lang == "en"
    assert outline.title.strip()
    assert [level for level, _ in outline.headings].count("h1") == 1


async def test_the_guide_page_is_the_export_with_links_and_no_script(server: WebServer):
    status, outline, response = await get(server, "/guide")
    assert status == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert_a_page(outline)
    sections = [text for level, text in outline.headings if level == "h2"]
    assert len(sections) >= 8
    assert outline.th_scopes and set(outline.th_scopes) <= {"col", "row"}
    assert outline.scripts == 0
    assert {"/subtypes", "/"} <= set(outline.links)


async def test_the_form_has_three_groups_of_three_choices(server: WebServer):
    async with aiohttp.ClientSession() as client, client.get(server.url + "/subtypes") as got:
        page = await got.text()
    assert page.count('type="radio"') == 9
    for name in ("er", "pr", "her2"):
        for value in RESULTS:
            assert f'name="{name}" value="{value}"' in page
    assert '<form method="get"' in page and '<button type="submit">' in page
    assert "<script" not in page
    assert EDUCATIONAL_NOTICE in page
    outline = Outline()
    outline.feed(page)
    assert_a_page(outline)
    assert "/guide" in outline.links


def command_summary(capsys: pytest.CaptureFixture[str], er: str, pr: str, her2: str) -> str:
    assert main(["summary", "--er", er, "--pr", pr, "--her2", her2]) == 0
    return capsys.readouterr().out


def words(text: str) -> list[str]:
    return text.split()


async def test_every_answer_says_what_mbc_tui_summary_says(
    server: WebServer, capsys: pytest.CaptureFixture[str]
):
    for er, pr, her2 in itertools.product(RESULTS, repeat=3):
        status, outline, _ = await get(server, f"/subtypes?er={er}&pr={pr}&her2={her2}")
        assert status == 200
        assert_a_page(outline)
        printed = command_summary(capsys, er, pr, her2).splitlines()
        # The command's first line is the title, which the page has in its h1.
        title, expected = printed[0], [line.removeprefix("- ") for line in printed[1:]]
        h1 = next(text for level, text in outline.headings if level == "h1")
        assert h1.startswith(title)
        assert words(" ".join(outline.summary)) == words(" ".join(expected)), (er, pr, her2)
        assert EDUCATIONAL_NOTICE in outline.summary


async def test_the_answer_is_the_focus_target_and_the_form_keeps_the_choices(server: WebServer):
    url = f"{server.url}/subtypes?er=positive&pr=negative&her2=unknown"
    async with aiohttp.ClientSession() as client, client.get(url) as got:
        page = await got.text()
    assert '<h1 id="answer" tabindex="-1">' in page
    assert 'action="/subtypes#answer"' in page
    assert 'name="er" value="positive" checked' in page
    assert 'name="pr" value="negative" checked' in page
    assert 'name="her2" value="unknown" checked' in page


@pytest.mark.parametrize(
    "path",
    [
        "/subtypes?er=maybe",
        "/subtypes?er=positive&colour=red",
        "/subtypes?er=positive&er=negative",
        "/guide?page=2",
        "/?x=1",
    ],
)
async def test_bad_input_gets_a_plain_400_page(server: WebServer, path: str):
    status, outline, _ = await get(server, path)
    assert status == 400
    assert_a_page(outline)
    assert outline.headings[0] == ("h1", "400 Bad Request")


@pytest.mark.parametrize(
    "path", ["/nope", "/guide/extra", "/static/nothing.js", "/static/../server.py"]
)
async def test_a_path_that_does_not_exist_gets_a_plain_404_page(server: WebServer, path: str):
    status, outline, _ = await get(server, path)
    assert status == 404
    assert_a_page(outline)
    assert outline.headings[0] == ("h1", "404 Not Found")


async def test_the_terminal_page_asks_no_other_host(server: WebServer):
    async with aiohttp.ClientSession() as client, client.get(server.url + "/") as got:
        page = await got.text()
        policy = got.headers["Content-Security-Policy"]
    assert "http://" not in page and "https://" not in page and "//fonts" not in page
    assert "default-src 'self'" in policy
    outline = Outline()
    outline.feed(page)
    assert_a_page(outline)
    assert "/guide" in outline.links
