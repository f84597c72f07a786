"""Widget latency: recompute + redraw per control change, over every ``explore_*`` widget.

Each ``langevin.widgets.explore_*`` is created with no arguments; then every control in
``widget.controls`` is changed several times - sliders move to other values in their range,
dropdowns and toggle buttons cycle through their options, checkboxes toggle, seed boxes change -
and each change is timed with ``time.perf_counter``. The widget's ``observe`` callback runs the
update synchronously (recompute, redraw, PNG into the ``Image``), so the time of the assignment
is the time a reader waits for the figure. After its changes a control goes back to its default
(untimed), so the next control starts from the chapter's figure. A change whose run fails in a
way the Explorer did not expect (its "This setting failed (...)" fallback) is reported as an error;
a setting the run refuses with a plain sentence (a step past the stability bound) is a change.

Prints ``widget_update_p50_ms``, ``widget_update_p95_ms`` over all changes (target p95 <= 50 ms,
DESIGN.md §7) and ``widget_update_p95_ms[explore_*]`` per widget — headless, and again inside a
real IPython kernel (``widget_update_p95_ms_kernel``: the same loop sent to a kernel started
with jupyter_client, where ipywidgets' comm messages carry each new PNG to the front end).
"""
from __future__ import annotations

import inspect
import os
import sys
import time
import traceback

os.environ.setdefault("MPLBACKEND", "Agg")

import pathlib  # noqa: E402

import numpy as np  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent

TARGET = "ms (target p95 <= 50)"
CHANGES_PER_CONTROL = 4


def explorers() -> dict:
    from langevin import widgets

    return {name: fn for name, fn in inspect.getmembers(widgets, inspect.isfunction)
            if name.startswith("explore_") and fn.__module__ == widgets.__name__}


def new_values(control, n: int = CHANGES_PER_CONTROL) -> list:
    """``n`` values other than the current one, valid for this kind of control."""
    kind = type(control).__name__
    current = control.value
    if hasattr(control, "options") and hasattr(control, "index"):  # Dropdown, ToggleButtons, ...
        count = len(control.options)
        start = control.index if control.index is not None else 0
        return [("index", (start + k) % count) for k in range(1, n + 1) if count > 1]
    if isinstance(current, bool):  # Checkbox, ToggleButton
        return [not current if k % 2 == 0 else current for k in range(n)]
    if kind.endswith("LogSlider"):  # value = base ** exponent, min/max are exponents
        lo, hi = control.min, control.max
        exps = [lo + f * (hi - lo) for f in (0.25, 0.75, 0.5, 0.9, 0.1)]
        return [control.base ** e for e in exps][:n]
    if hasattr(control, "min") and hasattr(control, "max") and not isinstance(current, tuple):
        lo, hi = control.min, control.max
        step = getattr(control, "step", None) or 0
        values = []
        for f in (0.25, 0.75, 0.5, 0.9, 0.1, 0.6):
            v = lo + f * (hi - lo)
            if step:
                v = lo + round((v - lo) / step) * step
            v = type(current)(v) if isinstance(current, int) else float(v)
            if v != current and v not in values:
                values.append(v)
        return values[:n]
    if isinstance(current, (int, np.integer)):  # IntText seeds
        return [int(current) + k for k in range(1, n + 1)]
    if isinstance(current, float):  # FloatText
        return [current * (1 + 0.1 * k) + 0.1 * k for k in range(1, n + 1)]
    return []


def _set(control, value) -> None:
    if isinstance(value, tuple) and value and value[0] == "index":
        control.index = value[1]
    else:
        control.value = value


def time_widget(factory) -> tuple[list[float], list[str]]:
    """Milliseconds per control change, and a description of each change that raised or failed."""
    widget = factory()
    times, errors = [], []
    for name, control in widget.controls.items():
        default = control.value
        for value in new_values(control):
            start = time.perf_counter()
            try:
                _set(control, value)
            except Exception as exc:  # a widget that raises on a valid control value: report
                errors.append(f"{factory.__name__}.{name}={value!r}: {exc!r}")
                traceback.print_exc(file=sys.stderr)
                continue
            times.append((time.perf_counter() - start) * 1e3)
            if (widget.error or "").startswith("This setting failed"):  # the Explorer caught a bug
                errors.append(f"{factory.__name__}.{name}={value!r}: {widget.error!r}")
        try:
            control.value = default
        except Exception:
            pass
    return times, errors


def run() -> list[tuple[str, float, str]]:
    found = explorers()
    if not found:
        return [("widget_count", 0, "explore_* functions (nothing to time)")]
    results, all_times, all_errors = [], [], []
    for name, factory in sorted(found.items()):
        times, errors = time_widget(factory)
        all_times += times
        all_errors += errors
        if times:
            results.append((f"widget_update_p95_ms[{name}]", float(np.percentile(times, 95)),
                            f"ms over {len(times)} changes"))
    for err in all_errors:
        print(f"# widget update raised: {err}", file=sys.stderr)
    summary = [
        ("widget_update_p50_ms", float(np.percentile(all_times, 50)), "ms"),
        ("widget_update_p95_ms", float(np.percentile(all_times, 95)), TARGET),
        ("widget_update_changes", len(all_times), f"changes over {len(found)} widgets"),
    ]
    if all_errors:
        summary.append(("widget_update_errors", len(all_errors), "changes that raised (see stderr)"))
    summary += in_kernel()
    return summary + results


def in_kernel() -> list[tuple[str, float, str]]:
    """The same measurement inside a real IPython kernel (comms to a front end included)."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    code = (f"import sys; sys.path.insert(0, {str(HERE)!r}); import bench_widgets as B, numpy as np\n"
            "ts = [t for f in B.explorers().values() for t in B.time_widget(f)[0]]\n"
            "print(np.percentile(ts, 50), np.percentile(ts, 95), len(ts))")
    out = []
    try:
        kc.execute_interactive(code, timeout=600, output_hook=lambda m: out.append(m))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    text = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
    p50, p95, n = (float(v) for v in text.split()[-3:])
    return [("widget_update_p50_ms_kernel", p50, "ms (in an IPython kernel)"),
            ("widget_update_p95_ms_kernel", p95, f"{TARGET}, {n:.0f} changes in a kernel")]


if __name__ == "__main__":
    for n, v, u in run():
        print(f"{n}: {v:.4g} {u}")
