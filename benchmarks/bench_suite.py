"""Whole-suite wall times (DESIGN.md §7): strict nbval over every notebook, and the book build.

- ``nbval_seconds``: ``make test-notebooks`` - the exact command ``make test`` uses (pytest
  --nbval, strict, ``-n 2``, over book/*.ipynb); ``.venv`` is taken as up to date (``make -o``),
  so only the tests are timed. Target <= 60 s.
- ``book_build_seconds``: ``jupyter-book build -W -n --keep-going .`` from a clean build
  directory. The build goes to a fresh temporary ``--path-output``, so the repository's
  ``_build`` is left alone. Target <= 120 s.

A command that fails is still timed; its unit says so.
"""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _timed(cmd: list[str], **kw) -> tuple[float, int, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)
    seconds = time.perf_counter() - start
    if proc.returncode:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        print(f"# {' '.join(cmd)} failed (exit {proc.returncode}):\n{tail}", file=sys.stderr)
    return seconds, proc.returncode, proc.stdout


def _unit(target: str, rc: int) -> str:
    return f"s ({target})" if rc == 0 else f"s ({target}; FAILED, exit {rc})"


def jupyter_book() -> str:
    local = pathlib.Path(sys.executable).parent / "jupyter-book"
    return str(local) if local.exists() else (shutil.which("jupyter-book") or "jupyter-book")


def run() -> list[tuple[str, float, str]]:
    env = dict(os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1")
    nbval, nbval_rc, _ = _timed(["make", "--no-print-directory", "-s", "-o", ".venv",
                                 "test-notebooks"], env=env)
    with tempfile.TemporaryDirectory(prefix="langevin-build-") as out:
        build, build_rc, _ = _timed([jupyter_book(), "build", "-W", "-n", "--keep-going",
                                     "--path-output", out, "."], env=env)
    return [
        ("nbval_seconds", nbval, _unit("target <= 60", nbval_rc)),
        ("book_build_seconds", build, _unit("target <= 120", build_rc)),
    ]


if __name__ == "__main__":
    for n, v, u in run():
        print(f"{n}: {v:.4g} {u}")
