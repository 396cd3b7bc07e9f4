"""The guide in a real browser (Debian's Chromium through Playwright): the full-screen guide
from the first key with no other host asked, and the plain pages audited by axe-core."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pyte
import pytest

from tests.web.conftest import CHROMIUM, TIMEOUT, WebServer, chromium_missing

if TYPE_CHECKING:
    from playwright.async_api import Browser, Page, Request, Route, WebSocket

MISSING = chromium_missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")

FIRST_SCREEN_WITHIN = 3.0


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        await browser.close()


class BrowserTerminal:
    """What the page's terminal shows: the websocket's frames into a terminal emulator."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.screen = pyte.Screen(250, 80)  # at least as big as the browser's terminal
        self.stream = pyte.ByteStream(self.screen)
        page.on("websocket", self._attach)

    def _attach(self, socket: WebSocket) -> None:
        socket.on("framereceived", self._feed)

    def _feed(self, frame: str | bytes) -> None:
        if isinstance(frame, bytes):
            self.stream.feed(frame)

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    async def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.text and time.monotonic() < deadline:
            await self.page.wait_for_timeout(20)
        return self.text


async def own_host_only(page: Page, server: WebServer) -> tuple[list[str], list[str]]:
    """Block every request to another host; returns (all requests, blocked ones)."""
    own = urlsplit(server.url).netloc
    requested: list[str] = []
    blocked: list[str] = []

    async def route(route: Route) -> None:
        if urlsplit(route.request.url).netloc == own:
            await route.continue_()
        else:
            blocked.append(route.request.url)
            await route.abort()

    def record(request: Request) -> None:
        requested.append(request.url)

    await page.route("**/*", route)
    page.on("request", record)
    return requested, blocked


async def assert_a_page(page: Page) -> None:
    assert (await page.title()).strip()
    assert await page.get_attribute("html", "lang") == "en"
    assert await page.locator("h1").count() == 1


async def test_the_full_screen_guide_in_a_browser(browser: Browser, server: WebServer):
    page = await browser.new_page(viewport={"width": 1000, "height": 700})
    requested, blocked = await own_host_only(page, server)
    terminal = BrowserTerminal(page)
    started = time.monotonic()
    await page.goto(server.url + "/")
    screen = await terminal.wait_for("Topics", timeout=FIRST_SCREEN_WITHIN)
    assert "Topics" in screen, f"no first screen within {FIRST_SCREEN_WITHIN} s"
    assert time.monotonic() - started < FIRST_SCREEN_WITHIN
    await assert_a_page(page)
    await page.keyboard.press("ArrowDown")  # the first key already moves in the topic list
    await page.keyboard.press("Enter")
    assert "Section 2 of" in await terminal.wait_for("Section 2 of")
    await page.keyboard.press("s")
    await page.keyboard.press("e")
    assert "ER: positive" in await terminal.wait_for("ER: positive")
    assert blocked == []
    other_hosts = [url for url in requested if not url.startswith(server.url)]
    assert requested and other_hosts == []
    link = page.get_by_role("link", name="Text version for screen readers")
    assert await link.get_attribute("href") == "/guide"


async def audit(page: Page) -> None:
    from axe_playwright_python.async_playwright import Axe

    results = await Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


async def test_the_guide_page_passes_the_audit(browser: Browser, server: WebServer):
    page = await browser.new_page()
    _requested, blocked = await own_host_only(page, server)
    await page.goto(server.url + "/guide")
    await assert_a_page(page)
    await audit(page)
    assert blocked == []


async def test_the_subtype_form_works_without_javascript_and_announces_the_answer(
    browser: Browser, server: WebServer
):
    context = await browser.new_context(java_script_enabled=False)
    page = await context.new_page()
    await page.goto(server.url + "/subtypes")
    await page.get_by_role("group", name="ER (estrogen receptor)").get_by_label("positive").check()
    await page.get_by_role("group", name="HER2").get_by_label("negative").check()
    await page.get_by_role("button", name="Show my summary").click()
    await page.wait_for_url("**/subtypes?er=positive&pr=unknown&her2=negative#answer")
    assert await page.evaluate("document.activeElement.id") == "answer"
    assert (await page.title()).startswith("My results summary: ER positive")
    summary = await page.locator(".summary").inner_text()
    assert "ER (estrogen receptor): positive" in summary
    await context.close()


@pytest.mark.parametrize("path", ["/subtypes", "/subtypes?er=positive&pr=negative&her2=unknown"])
async def test_the_subtype_pages_pass_the_audit(browser: Browser, server: WebServer, path: str):
    page = await browser.new_page()
    await page.goto(server.url + path)
    await assert_a_page(page)
    await audit(page)


async def test_the_error_pages_are_pages_too(browser: Browser, server: WebServer):
    page = await browser.new_page()
    response = await page.goto(server.url + "/subtypes?er=sometimes")
    assert response is not None and response.status == 400
    await assert_a_page(page)
    await audit(page)


async def test_the_audit_finds_what_is_wrong(browser: Browser):
    """The audit can fail: a page with no lang, no title and an image without words."""
    from axe_playwright_python.async_playwright import Axe

    page = await browser.new_page()
    await page.set_content('<html><body><img src="data:,"></body></html>')
    assert (await Axe().run(page)).violations_count >= 2
