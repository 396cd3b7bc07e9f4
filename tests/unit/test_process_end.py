"""Ending the guide's process at once: exit handlers run, output flushed, exit code kept."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from mbc_tui.process_end import end_process, others_running

PROGRAM = """
import atexit, sys
from pathlib import Path
from mbc_tui.process_end import end_process
atexit.register(lambda: Path(sys.argv[1]).write_text("handler ran"))
sys.stdout.write("written, not flushed")
sys.stderr.write("to stderr too")
end_process(70)
print("never reached")
"""


def test_the_process_ends_with_its_code_its_output_and_its_exit_handlers(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(marker)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 70
    assert done.stdout == "written, not flushed"
    assert done.stderr == "to stderr too"
    assert marker.read_text() == "handler ran"


def test_while_another_thread_runs_the_interpreter_ends_it() -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert others_running()
        assert end_process(3) == 3  # returned: this process goes on
    finally:
        release.set()
        worker.join()
    assert not others_running()
