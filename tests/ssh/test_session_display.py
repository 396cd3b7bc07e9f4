"""How a session's app draws, asked of the app itself inside the session's process: the
display profile the session chose travels to the app as it is, and the app applies all of
it there, the frame rate included (Textual was imported by the warm parent long before,
with no TEXTUAL_FPS in its environment: Textual's own rate is 60 frames a second)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mbc_tui.ssh import spawner, workers
from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.server import GuideServer
from mbc_tui.ssh.spawner import AppProcess
from mbc_tui.terminal.display_profile import LOW_BANDWIDTH_FPS, DisplayProfile
from tests.ssh.conftest import (
    ConnectReader,
    Reader,
    StartServer,
    session_apps,
    spares_ready,
    wait_until,
)
from tests.ssh.session_probe import read_report, report_name, report_then_run, report_then_serve

SGR = re.compile(rb"\x1b\[([0-9;:]*)m")


@pytest.fixture(params=[1, 2], ids=["own-process", "worker"])
def serve_config(serve_config: ServeConfig, request: pytest.FixtureRequest) -> ServeConfig:
    """Each test twice: every app in a process of its own, and apps in workers (the default,
    where the display profile travels in the request, not in the process's environment)."""
    return serve_config.with_(readers_per_process=request.param)


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every session's process or worker started from now on reports what each of its apps
    got, here."""
    folder = str(tmp_path)
    monkeypatch.setattr(spawner, "_child_main", functools.partial(report_then_run, folder))
    monkeypatch.setattr(workers, "_worker_main", functools.partial(report_then_serve, folder))
    return tmp_path


@dataclass(frozen=True)
class AppFacts:
    """What a session's app reported from its process."""

    app_class: str
    profile: DisplayProfile
    update_period: float
    builds_screens_ahead: bool = False


async def report_of(reports: Path, app: AppProcess) -> AppFacts:
    name = report_name(app)
    await wait_until(lambda: read_report(reports, name) is not None)
    report = read_report(reports, name)
    assert report is not None
    return AppFacts(
        report["app_class"],
        DisplayProfile(**report["profile"]),
        report["update_period"],
        report["builds_screens_ahead"],
    )


async def open_session(
    server: GuideServer, connect: ConnectReader, reports: Path, **options: Any
) -> tuple[Reader, AppFacts]:
    """A reader (the only one on the server) at the guide's first screen, and their app."""
    reader = await connect(server, **options)
    await reader.wait_for("q Quit")
    (app,) = session_apps(server)
    return reader, await report_of(reports, app)


def colour_codes(raw: bytes) -> list[bytes]:
    """Every SGR parameter that sets a colour (not one that resets it to the default)."""
    return [
        code
        for parameters in SGR.findall(raw)
        for code in re.split(rb"[;:]", parameters)
        if code and (30 <= int(code) <= 38 or 40 <= int(code) <= 48 or 90 <= int(code) <= 107)
    ]


def non_ascii(raw: bytes) -> Iterator[int]:
    return (byte for byte in raw if byte > 0x7F)


async def test_a_slow_session_draws_15_frames_a_second(
    server: GuideServer, connect: ConnectReader, reports: Path
) -> None:
    reader, app = await open_session(server, connect, reports, user="slow")
    assert app.profile == DisplayProfile(low_bandwidth=True)
    assert app.update_period == pytest.approx(1 / LOW_BANDWIDTH_FPS)
    assert "+- Topics" in reader.text  # ASCII frames, from the same profile


async def test_a_reader_session_is_drawn_for_a_screen_reader(
    server: GuideServer, connect: ConnectReader, reports: Path
) -> None:
    reader, app = await open_session(server, connect, reports, user="reader")
    assert app.profile == DisplayProfile(screen_reader=True)
    assert "Topics" in reader.text and "+- Topics" not in reader.text
    assert "1 What it is" in reader.text and "The basics" not in reader.text  # one pane


async def test_a_full_session_keeps_textuals_rate(
    server: GuideServer, connect: ConnectReader, reports: Path
) -> None:
    _, app = await open_session(server, connect, reports)
    assert app.profile == DisplayProfile()
    assert app.update_period == pytest.approx(1 / 60)


async def test_a_nocolor_session_gets_its_profile_the_same_way(
    server: GuideServer, connect: ConnectReader, reports: Path
) -> None:
    reader, app = await open_session(server, connect, reports, user="nocolor")
    assert app.profile == DisplayProfile(no_color=True)
    assert app.update_period == pytest.approx(1 / 60)
    raw = bytes(reader.session.raw)
    assert SGR.search(raw)  # styled (bold, reverse)...
    assert colour_codes(raw) == []  # ...but not one colour


async def test_a_vt100_session_gets_its_profile_the_same_way(
    server: GuideServer, connect: ConnectReader, reports: Path
) -> None:
    reader, app = await open_session(server, connect, reports, term="vt100")
    assert app.profile == DisplayProfile(no_color=True, ascii_only=True)
    raw = bytes(reader.session.raw)
    assert colour_codes(raw) == []
    assert list(non_ascii(raw)) == []
    assert "+- Topics" in reader.text


async def test_a_spare_for_slow_readers_draws_15_frames_a_second(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader, reports: Path
) -> None:
    server = await start_server(serve_config.with_(spare_sessions=2))
    await spares_ready(server, 2)  # both for the full guide
    first_slow = await connect(server, user="slow")  # no spare fits: an app of its own
    await first_slow.wait_for("q Quit")
    await (await connect(server)).wait_for("q Quit")  # takes a spare: one for slow readers next
    await spares_ready(server, 2)
    slow_spares = {
        app
        for request, apps in server.spares._spares.items()
        if request.profile == DisplayProfile(low_bandwidth=True)
        for app in apps
    }
    assert len(slow_spares) == 1
    second_slow = await connect(server, user="slow")
    await second_slow.wait_for("q Quit")
    assert slow_spares <= session_apps(server)  # it took that spare
    app = await report_of(reports, slow_spares.pop())
    assert app == AppFacts("SpareGuideApp", DisplayProfile(low_bandwidth=True), app.update_period)
    assert app.update_period == pytest.approx(1 / LOW_BANDWIDTH_FPS)


async def test_sessions_build_their_other_screens_ahead_only_when_the_operator_asks(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader, reports: Path
) -> None:
    """About 5 MB a session for screens a reader may never open: the operator's choice
    (``serve --build-screens-ahead``), for a new session and a spare alike."""
    plain = await start_server(serve_config.with_(spare_sessions=0))
    _, app = await open_session(plain, connect, reports)
    assert (app.app_class, app.builds_screens_ahead) == ("GuideApp", False)
    ahead = await start_server(serve_config.with_(spare_sessions=0, build_screens_ahead=True))
    _, app = await open_session(ahead, connect, reports)
    assert (app.app_class, app.builds_screens_ahead) == ("GuideApp", True)
    spares = await start_server(serve_config.with_(spare_sessions=1, build_screens_ahead=True))
    await spares_ready(spares, 1)
    _, app = await open_session(spares, connect, reports)
    assert (app.app_class, app.builds_screens_ahead) == ("SpareGuideApp", True)
