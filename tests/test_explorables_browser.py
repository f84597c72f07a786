"""The website's live explorables in a real browser (headless Chromium, ``file://``, offline).

For every built page with ``<div class="lgv-explorable">`` (``make book`` → ``_build/html``;
``LANGEVIN_HTML`` points at another build):

- every explorable mounts (controls and canvases), draws, and the page has no JavaScript error
  and sends no request to another host;
- as many explorables as the source notebook declares are on the page;
- moving any slider or choosing another option redraws (the canvas pixels change) and updates
  the printed value;
- at 412 px (a phone, device pixel ratio 2.625) nothing overflows and the canvases are drawn at
  device resolution;
- the chains the chapter-1 explorable drew are the ones the ``langevin`` package computes
  from the same random stream (to 1e-12);
- the time from an input event to the redrawn canvas is measured and printed
  (``benchmarks/bench_explorables.py`` reports it as ``explorable_update_p95_ms``).

Browser helpers come from tests/test_browser.py. Run with ``make test-browser``.
"""
from __future__ import annotations

import json
import pathlib

import numpy as np
import pytest

import langevin
from langevin.samplers import _ula
from test_browser import (HTML, SOURCE, Chromium, browser, built_pages,  # noqa: F401 - fixture
                          find_chromium, open_page, problems_in)
from test_explorables import BookStream, StreamGenerator

pytestmark = pytest.mark.browser

OWN_FILES = ("langevin-core.js", "langevin-explorables.js", "langevin-explorables.css")


def explorable_pages() -> list[pathlib.Path]:
    return [p for p in built_pages() if 'class="lgv-explorable' in p.read_text(encoding="utf-8")]


def declared(page: pathlib.Path) -> int | None:
    """How many explorables the page's source notebook declares (None: no notebook)."""
    nb_path = SOURCE / "book" / (page.stem + ".ipynb")
    if not nb_path.exists():
        return None
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    return sum("".join(c["source"]).count('class="lgv-explorable"')
               for c in nb["cells"] if c["cell_type"] == "markdown")


# In the page: a fingerprint of every canvas of explorable i (sum and weighted sum of pixels),
# and the state of every explorable. Scripts for test_browser.open_page start with this.
HELPERS = r"""
const lgvPrint = (i) => [...document.querySelectorAll('.lgv-explorable')[i]
    .querySelectorAll('canvas')].map(c => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let a = 0, b = 0, ink = 0;
  for (let k = 0; k < d.length; k += 4) {
    const v = d[k] + 2 * d[k + 1] + 3 * d[k + 2] + 5 * d[k + 3];
    a += v; b = (b + v * (k % 9973)) % 2147483647;
    if (d[k + 3] > 0 && (d[k] < 200 || d[k + 1] < 200 || d[k + 2] < 200)) ink++;
  }
  return {sum: a, mix: b, ink: ink, w: c.width, h: c.height};
});
const lgvChanged = (a, b) => a.some((c, j) => c.sum !== b[j].sum || c.mix !== b[j].mix);
const lgvState = () => [...document.querySelectorAll('.lgv-explorable')].map((el, i) => ({
  kind: el.dataset.kind,
  ready: !!el.lgv,
  ranges: [...el.querySelectorAll('input[type=range]')].map(r => ({
      name: r.name, min: +r.min, max: +r.max, step: +r.step, value: +r.value,
      label: (el.querySelector('label[for="' + r.id + '"]') || {}).textContent || '',
      shown: (el.querySelector('output[for="' + r.id + '"]') || {}).textContent || ''})),
  radios: [...el.querySelectorAll('input[type=radio]')].map(r => ({value: r.value, checked: r.checked})),
  canvases: lgvPrint(i),
  status: (el.querySelector('.lgv-status') || {}).textContent || '',
  where: (el.querySelector('.lgv-where') || {}).textContent || '',
  fallback: !!el.querySelector('.lgv-fallback'),
}));
"""

STATE = "(() => {" + HELPERS + "return lgvState(); })()"

# Every slider to a value far from its own (on its step grid), every other option: did the
# printed value change, did the canvases change?
CONTROLS = "(() => {" + HELPERS + r"""
  const out = [];
  document.querySelectorAll('.lgv-explorable').forEach((el, i) => {
    for (const inp of el.querySelectorAll('input[type=range]')) {
      const lo = +inp.min, hi = +inp.max, st = +inp.step, v = +inp.value;
      const far = v - lo > hi - v ? lo : hi;
      const to = Math.round(Math.round(((v + far) / 2 - lo) / st) * st * 1e10 + lo * 1e10) / 1e10;
      const shown = el.querySelector('output[for="' + inp.id + '"]');
      const before = lgvPrint(i), text = shown.textContent;
      inp.value = to;
      inp.dispatchEvent(new Event('input', {bubbles: true}));
      out.push({kind: el.dataset.kind, control: inp.name, to: to,
                shown: shown.textContent !== text, redrawn: lgvChanged(before, lgvPrint(i))});
    }
    for (const radio of el.querySelectorAll('input[type=radio]')) {
      if (radio.checked) continue;
      const before = lgvPrint(i);
      radio.click();
      out.push({kind: el.dataset.kind, control: radio.value, to: radio.value, shown: true,
                redrawn: lgvChanged(before, lgvPrint(i))});
    }
  });
  return out;
})()"""

#: a phone with a fractional device pixel ratio (canvases must be drawn at 2.625x)
PHONE = {"width": 412, "height": 915, "deviceScaleFactor": 2.625, "mobile": True}

FIT = r"""
[...document.querySelectorAll('.lgv-explorable')].map(el => ({
  overflow: el.scrollWidth - el.clientWidth,
  right: el.getBoundingClientRect().right,
  viewport: document.documentElement.clientWidth,
  canvases: [...el.querySelectorAll('canvas')].map(c => ({
      css: c.getBoundingClientRect().width, px: c.width,
      parent: c.parentElement.getBoundingClientRect().width})),
  thumbs: [...el.querySelectorAll('input[type=range]')].map(r => r.getBoundingClientRect().height),
}))
"""


PAGES = explorable_pages()
IDS = [p.stem for p in PAGES] or ["no-explorables"]


def _need(page):
    if page is None:
        pytest.skip(f"no page of {HTML} has an explorable (chapter notebooks declare them with "
                    "the snippets of explorables/README.md)")


@pytest.mark.parametrize("page", PAGES or [None], ids=IDS)
def test_explorables_load_offline(browser, page):
    _need(page)
    state, events = open_page(browser, page.as_uri(), script=STATE)
    errors, remote = problems_in(events)
    loaded = [e["params"]["response"]["url"] for e in events
              if e.get("method") == "Network.responseReceived"]
    assert not remote, f"{page.stem}: requests to other hosts: {remote}"
    assert not errors, f"{page.stem}: JavaScript errors: {errors}"
    want = declared(page)
    if want is not None:
        assert len(state) == want, f"{page.stem}: notebook declares {want} explorables, page has {len(state)}"
    for name in OWN_FILES:
        assert any(url.split("?")[0].endswith("/_static/" + name) for url in loaded), (
            f"{page.stem}: {name} not loaded from _static")
    for ex in state:
        assert ex["ready"] and not ex["fallback"], f"{page.stem}: {ex['kind']} did not mount"
        assert ex["ranges"], f"{page.stem}: {ex['kind']} has no sliders"
        assert any(r["name"] == "temperature" and r["min"] == 0 for r in ex["ranges"]), (
            f"{page.stem}: {ex['kind']} has no noise control that reaches 0")
        for r in ex["ranges"]:
            assert r["label"] and r["shown"], f"{page.stem}: slider {r['name']} without label/value"
        assert ex["canvases"] and all(c["ink"] > 500 for c in ex["canvases"]), (
            f"{page.stem}: {ex['kind']} canvases are blank: {ex['canvases']}")
        assert ex["status"], f"{page.stem}: {ex['kind']} prints no numbers"
        assert "JupyterLab" in ex["where"], f"{page.stem}: no line says where the Python widget is"


@pytest.mark.parametrize("page", PAGES or [None], ids=IDS)
def test_every_control_redraws(browser, page):
    _need(page)
    moves, events = open_page(browser, page.as_uri(), script=CONTROLS)
    errors, remote = problems_in(events)
    assert not errors and not remote, (errors, remote)
    assert moves, f"{page.stem}: no control moved"
    for m in moves:
        where = f"{page.stem}/{m['kind']}: {m['control']} → {m['to']}"
        assert m["shown"], f"{where}: the printed value did not change"
        assert m["redrawn"], f"{where}: the canvases did not change"


@pytest.mark.parametrize("page", PAGES or [None], ids=IDS)
def test_fits_a_phone(browser, page):
    """412 CSS px wide at device pixel ratio 2.625: no overflow, sharp canvases, finger-size."""
    _need(page)
    report, events = open_page(browser, page.as_uri(), script=FIT, device=PHONE)
    errors, _ = problems_in(events)
    assert not errors, errors
    for ex in report:
        assert ex["overflow"] <= 0 and ex["right"] <= ex["viewport"] + 0.5, ex
        for c in ex["canvases"]:
            assert c["css"] <= c["parent"] + 0.5, c
            assert abs(c["px"] - PHONE["deviceScaleFactor"] * c["css"]) <= 2, (
                f"canvas not drawn at device resolution: {c}")
        assert min(ex["thumbs"]) >= 20, f"sliders too small for a finger: {ex['thumbs']}"


def score_replay_error(browser: Chromium, page: pathlib.Path) -> float | None:
    """Max |JS − package| over the final states of the chapter-1 explorable's noisy chains."""
    got, _ = open_page(browser, page.as_uri(), script=r"""(() => {
      const el = document.querySelector('.lgv-explorable[data-kind="score"]');
      if (!el || !el.lgv) return null;
      const inp = el.querySelector('input[name="temperature"]');
      inp.value = 0.7; inp.dispatchEvent(new Event('input'));
      const r = el.lgv.result;
      return {params: el.lgv.params, x: Array.from(r.with.res.x), n: r.with.res.x.length};
    })()""")
    if got is None:
        return None
    p = got["params"]
    stream = BookStream(int(p["seed"]))
    x = np.array([stream.normal() for _ in range(got["n"])])[:, None]
    gen, gm = StreamGenerator(stream), langevin.GaussianMixture.default()
    for _ in range(int(p["nSteps"])):
        x = _ula(x, gm, p["stepSize"], p["temperature"], gen)
    return float(np.max(np.abs(x[:, 0] - np.array(got["x"]))))


def test_score_explorable_is_the_package_sampler(browser):
    pages = [p for p in PAGES if 'data-kind="score"' in p.read_text(encoding="utf-8")]
    if not pages:
        pytest.skip("no page has the chapter-1 explorable (data-kind=\"score\")")
    err = score_replay_error(browser, pages[0])
    print(f"{pages[0].stem}: max |JS − langevin| over the final states = {err:.3g}")
    assert err is not None and err <= 1e-12


# --------------------------------------------------------------------------- latency
LATENCY = r"""
(async () => {
  const out = [];
  const frame = () => new Promise(r => requestAnimationFrame(() => r(performance.now())));
  for (const el of document.querySelectorAll('.lgv-explorable')) {
    const ranges = [...el.querySelectorAll('input[type=range]')].filter(r => r.name !== 'seed');
    for (let k = 0; k < %(moves)d; k++) {
      const inp = ranges[k %% ranges.length];
      const lo = +inp.min, hi = +inp.max, st = +inp.step;
      const n = Math.round((hi - lo) / st);
      const v = lo + st * Math.round(n * (0.25 + 0.5 * ((k * 0.618034) %% 1)));
      await frame();
      const t0 = performance.now();
      inp.value = v;
      inp.dispatchEvent(new Event('input'));
      const t1 = performance.now();           // the canvases are redrawn when the handler returns
      const t2 = await frame();               // the next frame, which shows them
      out.push({kind: el.dataset.kind, control: inp.name, drawn: t1 - t0, frame: t2 - t0});
    }
  }
  return out;
})()
"""


def measure_latency(browser: Chromium, page: pathlib.Path, moves: int = 40) -> list[dict]:
    """Per slider move: ms from the input event to the redrawn canvas, and to the next frame."""
    return open_page(browser, page.as_uri(), script=LATENCY % {"moves": moves})[0]


def percentile(values, q):
    return float(np.percentile(np.asarray(values, dtype=float), q))


@pytest.mark.parametrize("page", PAGES or [None], ids=IDS)
def test_update_latency_is_measured(browser, page):
    """Measured and printed (DESIGN §7: measure, do not assert a speed in tests)."""
    _need(page)
    samples = measure_latency(browser, page, moves=20)
    assert samples and all(np.isfinite(s["drawn"]) and s["drawn"] >= 0 for s in samples)
    for kind in sorted({s["kind"] for s in samples}):
        drawn = [s["drawn"] for s in samples if s["kind"] == kind]
        frame = [s["frame"] for s in samples if s["kind"] == kind]
        print(f"{page.stem}/{kind}: input → redrawn p50 {percentile(drawn, 50):.1f} ms, "
              f"p95 {percentile(drawn, 95):.1f} ms; → next frame p95 {percentile(frame, 95):.1f} ms")


@pytest.mark.parametrize("page", PAGES or [None], ids=IDS)
def test_page_weight(browser, page):
    """The explorables' own files add < 100 kB to a page (printed: the page's whole weight).

    The rest of a page (theme, MathJax, the widget manager's 1.8 MB ``embed.js``) is the same
    with or without explorables; tests/test_site.py and tests/test_browser.py own it."""
    _need(page)
    _, events = open_page(browser, page.as_uri(), probe=False)
    done = {e["params"]["requestId"]: e["params"]["encodedDataLength"] for e in events
            if e.get("method") == "Network.loadingFinished"}
    urls = {e["params"]["requestId"]: e["params"]["response"]["url"] for e in events
            if e.get("method") == "Network.responseReceived"}
    sizes = {urls.get(k, k): v for k, v in done.items()}
    total = sum(sizes.values())
    own = sum(v for u, v in sizes.items() if any(name in u for name in OWN_FILES))
    print(f"{page.stem}: {total / 1e6:.2f} MB in {len(sizes)} files, explorables {own / 1e3:.0f} kB")
    print("  largest:", ", ".join(f"{u.rsplit('/', 1)[-1].split('?')[0]} {v / 1e6:.2f} MB"
                                 for u, v in sorted(sizes.items(), key=lambda kv: -kv[1])[:4]))
    assert 0 < own < 100e3, f"{page.stem}: the explorables' files weigh {own / 1e3:.0f} kB"
