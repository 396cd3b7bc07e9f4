"""The full-screen guide in a browser: time to the first screen, memory per session, bytes
per key over the websocket; and screenshots of the three kinds of page for the docs.

Usage:  python benchmarks/web_session.py [--runs 5] [--screenshots docs/]

Starts ``mbc-tui web`` on a free port and drives Debian's Chromium (/usr/bin/chromium)
through Playwright. Compare the bytes per key with the same keys over a terminal or SSH:
``python benchmarks/bandwidth.py --size COLUMNSxLINES --profile default`` (the size is
printed here).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyte
from playwright.sync_api import Page, WebSocket, sync_playwright

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1000, "height": 700}
KEYS = (
    ("Down (the first key: the app gains focus, all is redrawn)", "ArrowDown"),
    ("Down again", "ArrowDown"),
    ("Up", "ArrowUp"),
    ("Enter (open section 2)", "Enter"),
    ("s (explorer)", "s"),
    ("e (ER positive)", "e"),
    ("Esc (back)", "Escape"),
)


class Terminal:
    """The page's terminal as a reader sees it (websocket frames into pyte), with byte counts."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.screen = pyte.Screen(250, 80)
        self.stream = pyte.ByteStream(self.screen)
        self.received = 0
        self.size = ""
        page.on("websocket", self._attach)

    def _attach(self, socket: WebSocket) -> None:
        socket.on("framereceived", self._feed)
        socket.on("framesent", self._sent)

    def _feed(self, frame: str | bytes) -> None:
        if isinstance(frame, bytes):
            self.received += len(frame)
            self.stream.feed(frame)

    def _sent(self, frame: str | bytes) -> None:
        if isinstance(frame, str) and frame.startswith('["resize"'):
            import json

            size = json.loads(frame)[1]
            self.size = f"{size['width']}x{size['height']}"

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, text: str, timeout: float = 15.0) -> float:
        started = time.monotonic()
        while text not in self.text():
            if time.monotonic() - started > timeout:
                raise RuntimeError(f"no {text!r} on the screen:\n{self.text()}")
            self.page.wait_for_timeout(10)
        return time.monotonic() - started

    def until_quiet(self, quiet: float = 0.5) -> int:
        """Bytes received until none came for ``quiet`` seconds."""
        start = last = self.received
        still_since = time.monotonic()
        while time.monotonic() - still_since < quiet:
            self.page.wait_for_timeout(20)
            if self.received != last:
                last, still_since = self.received, time.monotonic()
        return self.received - start


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def session_memory(server_pid: int) -> tuple[int, int]:
    """(RSS, PSS) in kB of every process under the server (one open session's guide)."""
    rss = pss = 0
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    for pid in children:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss += int(line.split()[1])
            elif line.startswith("Pss:"):
                pss += int(line.split()[1])
        grand = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        children += [child for child in grand if child not in children]
    return rss, pss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--screenshots", type=Path, help="folder for the three screenshots")
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    mbc_tui = Path(sys.executable).with_name("mbc-tui")
    server = subprocess.Popen(
        [str(mbc_tui), "web", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        server.stdout.readline()  # "Serving the guide on ..."
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            times = []
            for _ in range(args.runs):
                page = browser.new_page(viewport=VIEWPORT)
                terminal = Terminal(page)
                started = time.monotonic()
                page.goto(url + "/")
                terminal.wait_for("Topics")
                times.append(time.monotonic() - started)
                page.close()
                time.sleep(1.0)  # let the session's process end before the next one
            print(
                f"First screen in the browser (page load to 'Topics'), {args.runs} runs: "
                f"median {statistics.median(times):.2f} s "
                f"(min {min(times):.2f}, max {max(times):.2f})"
            )

            page = browser.new_page(viewport=VIEWPORT)
            terminal = Terminal(page)
            page.goto(url + "/")
            terminal.wait_for("Topics")
            first = terminal.received + terminal.until_quiet(1.0)
            time.sleep(2.0)
            rss, pss = session_memory(server.pid)
            print(
                f"Memory of one browser session's guide process: RSS {rss / 1024:.1f} MB, "
                f"PSS {pss / 1024:.1f} MB"
            )
            print(
                f"Terminal size in a {VIEWPORT['width']}x{VIEWPORT['height']} page: "
                f"{terminal.size}; first screen {first} bytes"
            )
            print("| key | bytes over the websocket |")
            print("| --- | ---: |")
            for name, key in KEYS:
                page.keyboard.press(key)
                print(f"| {name} | {terminal.until_quiet()} |")
            if args.screenshots:
                shoot(page, url, args.screenshots)
            browser.close()
    finally:
        server.terminate()
        server.wait(10)


def shoot(page: Page, url: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    page = page.context.browser.new_page(viewport=VIEWPORT)  # type: ignore[union-attr,arg-type]
    terminal = Terminal(page)
    page.goto(url + "/")
    terminal.wait_for("Topics")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    terminal.wait_for("Section 2 of")
    terminal.until_quiet()
    page.screenshot(path=folder / "web-full-screen.png")
    page.goto(url + "/guide")
    page.screenshot(path=folder / "web-guide.png")
    page.goto(url + "/subtypes")
    page.get_by_role("group", name="ER (estrogen receptor)").get_by_label("positive").check()
    page.get_by_role("group", name="PR (progesterone receptor)").get_by_label("negative").check()
    page.get_by_role("button", name="Show my summary").click()
    page.wait_for_url("**#answer")
    page.screenshot(path=folder / "web-answer.png")
    print(f"Screenshots in {folder}: web-full-screen.png, web-guide.png, web-answer.png")


if __name__ == "__main__":
    main()
