"""The plain-Python layers stay free of Textual and Rich, module by module, at run time.

``lint-imports`` (pyproject.toml) reads the import statements; this imports each module of
those layers in a fresh interpreter and looks at what actually got loaded, so an import
hidden from the linter (``importlib``, a plugin, a dependency that pulls Rich in) is caught
too. The modules are found by walking the packages: a new module is covered the day it is
added.
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

PLAIN_PACKAGES = ("mbc_tui.core", "mbc_tui.plain", "mbc_tui.terminal", "mbc_tui.ssh")
"""The layers that must run without Textual: the domain, line mode and exports, the terminal
output rewriter, and the SSH server (which forks apps but never draws one)."""

PLAIN_MODULES = ("mbc_tui.option_values",)
"""Plain modules at the top level that those layers import."""

UI_PACKAGES = ("textual", "rich")

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import importlib, sys
importlib.import_module(sys.argv[1])
print(" ".join(sorted(
    name for name in sys.modules if name.partition(".")[0] in sys.argv[2:]
)))
"""


def plain_modules() -> list[str]:
    """Every module of the plain layers, packages included."""
    names = list(PLAIN_MODULES)
    for package_name in PLAIN_PACKAGES:
        package = importlib.import_module(package_name)
        names.append(package_name)
        names += [
            module.name
            for module in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}.")
        ]
    return names


def ui_modules_loaded_by(module: str) -> list[str]:
    """The Textual and Rich modules in ``sys.modules`` after a fresh interpreter imports
    ``module`` (from this source tree)."""
    finished = subprocess.run(
        [sys.executable, "-c", CHECK, module, *UI_PACKAGES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout.split()


def test_the_walk_finds_every_layer() -> None:
    modules = plain_modules()
    for expected in (
        "mbc_tui.core.content",
        "mbc_tui.plain.line_mode",
        "mbc_tui.terminal.lean_output",
        "mbc_tui.ssh.spawner",
    ):
        assert expected in modules


def test_the_check_sees_textual_where_it_is() -> None:
    """The app does load Textual: proof that the check below can fail."""
    loaded = ui_modules_loaded_by("mbc_tui.app")
    assert "textual" in loaded
    assert "rich" in loaded


@pytest.mark.parametrize("module", plain_modules())
def test_a_plain_module_loads_no_textual_or_rich(module: str) -> None:
    assert ui_modules_loaded_by(module) == []
