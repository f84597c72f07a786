"""Run every benchmarks/bench_*.py and print ``name: value unit`` lines (DESIGN.md §7).

Each module defines ``run() -> list[tuple[str, float, str]]``. Run with ``make bench``.
Nothing here is asserted: targets are printed next to the figures for the reader.
"""
from __future__ import annotations

import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    only = set(argv)
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for name, value, unit in mod.run():
            print(f"{name}: {value:.4g} {unit}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
