"""The package as pip installs it (a wheel, not this tree): it carries its content and styles
and runs from anywhere. The editable install used for development cannot show that."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check"]
    options = ["--no-deps", "--no-build-isolation", "--wheel-dir", str(out), str(ROOT)]
    subprocess.run([*build, *options], check=True, capture_output=True, timeout=120)
    (built,) = out.glob("mbc_tui-*.whl")
    return built


def test_the_wheel_carries_every_section_and_style(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for source in sorted((ROOT / "content").glob("*.md")):
        assert f"mbc_tui/content/{source.name}" in names
    for style in sorted((ROOT / "mbc_tui").rglob("*.tcss")):
        assert style.relative_to(ROOT).as_posix() in names


def test_the_installed_wheel_runs_from_the_root_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "installed"
    install = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    options = ["--no-deps", "--no-compile", "--target", str(target), str(wheel)]
    subprocess.run([*install, *options], check=True, capture_output=True, timeout=120)
    # The wheel's mbc_tui comes first; its dependencies are this environment's.
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = [sys.executable, "-c", "import mbc_tui; print(mbc_tui.__file__)"]
    found = subprocess.run(where, cwd="/", env=env, capture_output=True, text=True, check=True)
    assert found.stdout.startswith(str(target))
    topics = subprocess.run(
        [target / "bin" / "mbc-tui", "topics"], cwd="/", env=env, capture_output=True, text=True
    )
    assert topics.returncode == 0, topics.stderr
    assert "her2\tHER2" in topics.stdout.splitlines()
