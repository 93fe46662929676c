"""Lint and types of the package, as configured in pyproject.toml (skipped when the tools are not installed)."""
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _tool(name: str) -> None:
    if shutil.which(name, path=str(pathlib.Path(sys.executable).parent)) is None and shutil.which(name) is None:
        pytest.skip(f"{name} is not installed (pip install '.[test]')")


def test_ruff_is_clean():
    _tool("ruff")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "newsclean", "scripts/readme_options.py"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean():
    _tool("mypy")
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
