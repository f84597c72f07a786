"""Latency of the website's JavaScript explorables: input event → redrawn canvas (DESIGN §7).

Opens every built page with an explorable (``_build/html``, or ``LANGEVIN_HTML``) in headless
Chromium and moves its sliders (not the seed: a new seed also draws new random numbers, once);
each move is timed from the ``input`` event to the moment the handler has recomputed the chains
and redrawn the canvases (the next frame shows them). Target: p95 <= 16 ms, one frame at 60 Hz.
Also printed: to the next ``requestAnimationFrame`` (adds the wait for the browser's frame,
which headless Chromium paces irregularly). Prints nothing when there is no browser or build.
"""
from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

MOVES = 60  # per explorable


def run() -> list[tuple[str, float, str]]:
    import test_explorables_browser as T  # noqa: E402 - needs tests/ on the path

    binary = T.find_chromium()
    pages = T.explorable_pages()
    if binary is None or not pages:
        print("explorables: no Chromium or no built page with an explorable; skipped",
              file=sys.stderr)
        return []
    browser = T.Chromium(binary)
    try:
        samples = [s for page in pages for s in T.measure_latency(browser, page, moves=MOVES)]
    finally:
        browser.close()
    drawn = [s["drawn"] for s in samples]
    frame = [s["frame"] for s in samples]
    return [
        ("explorable_update_p50_ms", T.percentile(drawn, 50), "ms"),
        ("explorable_update_p95_ms", T.percentile(drawn, 95), "ms (target <= 16)"),
        ("explorable_next_frame_p95_ms", T.percentile(frame, 95), "ms (includes the wait for a frame)"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.4g} {unit}")
