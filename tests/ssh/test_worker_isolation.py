"""In a worker (``serve --readers-per-process``), one reader's app failing ends that app
alone: the worker says so (exit code ``EXIT_STOPPED``), logs one line, frees the app, and
the other reader's app goes on drawing and taking keys.

The worker runs in a script of its own (it imports what the warm parent preloads), forked
as the server's forkserver would, with one app made to fail on a key; the script plays the
server's side of the control socket."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from mbc_tui.failure import EXIT_STOPPED

SCRIPT = textwrap.dedent(
    """
    import asyncio, gc, os, pickle, select, socket, sys, time

    import pyte

    from mbc_tui.app import GuideApp
    from mbc_tui.ssh.spawner import AppRequest, set_window_size
    from mbc_tui.ssh_app import main as session_main, worker


    class Failing(GuideApp):
        def on_key(self, event):
            if event.key == "z":
                raise RuntimeError("made to fail")


    made = []
    make_app = worker.make_app


    def make_first_one_failing(reader, log):
        session_main.GuideApp = GuideApp if made else Failing  # the class session_app makes
        made.append(reader)
        return make_app(reader, log)


    worker.make_app = make_first_one_failing
    count_read, count_write = os.pipe()
    serve_one = worker.Worker._serve


    async def serve_and_count(self, reader_id, reader):
        await serve_one(self, reader_id, reader)
        if reader is made[0]:  # the apps alive once it has gone, as the worker frees it
            # Its key parser too: Textual's bounded caches keep some of an app's objects
            # as keys (the parser, its widgets' styles caches with their lines).
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                things = gc.get_objects()
                alive = sum(isinstance(thing, GuideApp) for thing in things)
                parsers = sum(type(thing).__name__ == "XTermParser" for thing in things)
                del things
                if alive == 1 and parsers == 1:
                    break
                await asyncio.sleep(0.1)
            os.write(count_write, f"{alive}/{parsers}".encode())


    worker.Worker._serve = serve_and_count
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    pid = os.fork()
    if pid == 0:
        ours.close()
        try:
            worker.serve(theirs.detach())
        finally:
            os._exit(0)
    theirs.close()
    screens, streams, masters = [], [], []
    for reader_id in (1, 2):
        master, slave = os.openpty()
        set_window_size(master, 80, 24)
        request = AppRequest("xterm-256color", 80, 24)
        socket.send_fds(ours, [pickle.dumps(("start", reader_id, request))], [slave])
        os.close(slave)
        masters.append(master)
        screens.append(pyte.Screen(80, 24))
        streams.append(pyte.ByteStream(screens[-1]))
    ended = {}


    def text(index):
        return "\\n".join(screens[index].display)


    def poll_until(check, what):
        deadline = time.monotonic() + 15
        while not check():
            if time.monotonic() > deadline:
                sys.exit(f"not seen: {what}; screens:\\n{text(0)}\\n---\\n{text(1)}")
            ready, _, _ = select.select([*masters, ours], [], [], 0.1)
            for fd in ready:
                if fd is ours:
                    _, reader_id, code = ours.recv(65536).split()
                    ended[int(reader_id)] = int(code)
                    continue
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b""
                if data:
                    streams[masters.index(fd)].feed(data)


    poll_until(lambda: "q Quit" in text(0) and "q Quit" in text(1), "both first screens")
    os.write(masters[0], b"z")
    poll_until(lambda: 1 in ended, "the failing app's end")
    alive = os.read(count_read, 32).decode()
    os.write(masters[1], b"2")
    poll_until(lambda: "Section 2 of 9" in text(1), "the other app taking a key")
    ours.close()  # the server has gone: the worker ends its last app and exits
    _, status = os.waitpid(pid, 0)
    print(ended[1], 2 not in ended, os.waitstatus_to_exitcode(status), alive)
    """
)


def test_one_apps_failure_leaves_the_other_reader_drawing() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    code, other_still_running, worker_exit, apps_alive = result.stdout.split()
    assert int(code) == EXIT_STOPPED
    assert other_still_running == "True"
    assert int(worker_exit) == 0
    assert apps_alive == "1/1"  # the failed app's objects are gone, the other's are not
    (line,) = [line for line in result.stderr.splitlines() if "app stopped" in line]
    assert "RuntimeError at " in line and "made to fail" not in line
