"""``mbc-tui web`` as the operator runs it: the address line, and a clean stop on a signal."""

from __future__ import annotations

import asyncio
import re
import signal
import sys

import aiohttp
import pytest

TIMEOUT = 20.0
"""Upper bound for the server to start or stop (a loaded machine takes a few seconds)."""


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
async def test_web_prints_its_address_and_stops_cleanly_on_a_signal(
    stop_signal: signal.Signals,
) -> None:
    """SIGTERM (systemd's stop) and SIGHUP (the operator's terminal closed) both end the
    server with its goodbye line and exit status 0, not the default death by signal."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "mbc_tui",
        "web",
        "--port",
        "0",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None and process.stderr is not None
        async with asyncio.timeout(TIMEOUT):
            banner = (await process.stdout.readline()).decode()
        address = re.search(r"http://127\.0\.0\.1:(\d+)/", banner)
        assert address, banner
        async with aiohttp.ClientSession() as client, client.get(address.group(0)) as page:
            assert page.status == 200

        process.send_signal(stop_signal)
        async with asyncio.timeout(TIMEOUT):
            assert await process.wait() == 0
        assert "Shutting down" in (await process.stdout.read()).decode()
        assert "Traceback" not in (await process.stderr.read()).decode()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
