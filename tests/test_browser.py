"""The published book in a real browser: headless Chromium over the DevTools protocol.

For every page of the built site (``make book`` → ``_build/html``) this opens the page from
``file://`` with no kernel and checks what a reader would see:

- every figure (``<img>`` in the article) has loaded (``naturalWidth > 0``);
- every ``to_jshtml`` animation shows a frame, has its slider and play buttons, and plays;
- the mathematics is typeset by the bundled MathJax (``mjx-container``), none left as raw TeX;
- saved widget state is drawn by the bundled widget manager (``.jupyter-widgets``), and a
  saved ``Image`` widget shows its picture;
- no JavaScript error (console error, uncaught exception, failed resource);
- no request leaves the site: nothing from another host (CDN, fonts, analytics).

What a page must contain is read from its source notebook (``book/<page>.ipynb``): if the
notebook has an animation / widget state / PNG outputs, the page must render them.

On a phone (412 CSS px wide, device scale factor 2, as a mid-range Android phone), every page:

- has no display equation wider than its column (MathJax ``mjx-container[display]`` whose
  content overflows it; the theme would make it scroll sideways with no cue) and no inline
  formula clipped by its box; the failure lists each one with its TeX and section;
- does not scroll sideways (``scrollWidth`` of the document wider than the window); the failure
  names the elements that stick out;
- has no figure with fewer pixels than it is shown at on a 2x screen: every ``<img>`` (figure,
  animation frame, saved widget picture) and ``<canvas>`` in the article has at least twice its
  displayed CSS width in pixels (2 % tolerance); SVG is exempt. The failure gives each one's
  pixels, shown width and ratio.

Run with ``make test-browser`` (needs ``apt-get install -y chromium``); against an existing build,
for one page: ``LANGEVIN_PAGES=01_sampling .venv/bin/python -m pytest -m browser
tests/test_browser.py -o addopts=""`` (comma-separated page names or globs, e.g. ``0[1-3]*``).
``LANGEVIN_CHROMIUM`` points at another browser binary; ``LANGEVIN_HTML`` at another built site;
``LANGEVIN_REQUIRE_BROWSER=1`` turns the skips (no browser, no build) into failures, for CI.
"""
from __future__ import annotations

import fnmatch
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import time
import urllib.parse

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
HTML = pathlib.Path(os.environ.get("LANGEVIN_HTML", ROOT / "_build" / "html")).resolve()
SOURCE = HTML.parent.parent  # the book that was built: <source>/_build/html
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
    "--disable-extensions", "--mute-audio", "--hide-scrollbars", "--window-size=1280,2000",
]
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome", "devtools"}
PAGE_TIMEOUT = 30.0
# A phone: 412 CSS px wide at device scale factor 2 (Chrome DevTools' mid-range Android), with the
# page's <meta viewport> applied (mobile=True).
PHONE = {"width": 412, "height": 915, "deviceScaleFactor": 2, "mobile": True}
OVERFLOW_TOLERANCE_PX = 2     # sub-pixel rounding, not a visible overflow
PIXEL_RATIO_TOLERANCE = 0.02  # a 745-px figure shown at 380 px passes; 700 px does not

pytestmark = pytest.mark.browser


def find_chromium() -> str | None:
    """The browser binary: ``$LANGEVIN_CHROMIUM`` if set, else chromium on PATH or /usr/bin."""
    forced = os.environ.get("LANGEVIN_CHROMIUM")
    if forced is not None:
        return forced if os.access(forced, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def built_pages() -> list[pathlib.Path]:
    """The built pages, or those named in ``$LANGEVIN_PAGES`` (comma-separated names or globs)."""
    if not (HTML / "index.html").exists():
        return []
    pages = sorted(p for p in (HTML / "book").glob("*.html"))
    wanted = [w.strip().removesuffix(".html") for w in os.environ.get("LANGEVIN_PAGES", "").split(",")]
    wanted = [w for w in wanted if w]
    if wanted:
        pages = [p for p in pages if any(fnmatch.fnmatch(p.stem, w) for w in wanted)]
    return pages


def expectations(page: pathlib.Path) -> dict[str, bool]:
    """What the page must show, read from its source notebook (markdown pages: math only)."""
    nb_path = SOURCE / "book" / (page.stem + ".ipynb")
    want = {"animation": False, "widgets": False, "figure": False}
    if not nb_path.exists():
        return want
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    state = nb.get("metadata", {}).get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for cell in nb.get("cells", []):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & {"remove-cell", "remove-output"}:
            continue  # not on the website (e.g. a widget replaced there by a live explorable)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if 'class="animation"' in html and "_anim_img" in html:
                want["animation"] = True
            if "image/png" in data or "image/svg+xml" in data:
                want["figure"] = True
            if "application/vnd.jupyter.widget-view+json" in data:
                model_id = data["application/vnd.jupyter.widget-view+json"].get("model_id")
                if model_id in state:
                    want["widgets"] = True
    return want


# --------------------------------------------------------------------------- DevTools client
class Chromium:
    """A headless Chromium driven over the DevTools protocol (websocket-client, one socket)."""

    def __init__(self, binary: str):
        import websocket  # websocket-client, pinned in requirements.txt

        self.profile = tempfile.mkdtemp(prefix="langevin-chromium-")
        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-port=0",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port_file = pathlib.Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"{binary} did not start a DevTools endpoint")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=60,
                                              suppress_origin=True)
        self._id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30.0) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        deadline = time.monotonic() + timeout
        while True:
            reply = self._recv(deadline)
            if reply is None:
                raise TimeoutError(f"no reply to {method}")
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _recv(self, deadline: float) -> dict | None:
        import websocket

        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        self.ws.settimeout(remaining)
        try:
            return json.loads(self.ws.recv())
        except websocket.WebSocketTimeoutException:
            return None

    def pump(self, seconds: float) -> None:
        """Collect events for a while."""
        deadline = time.monotonic() + seconds
        while (event := self._recv(deadline)) is not None:
            self.events.append(event)

    def evaluate(self, session: str, expression: str) -> object:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"probe failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:
            pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


# What the page shows, measured in the page once it has loaded.
PROBE = r"""
(async () => {
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const views = document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]').length;
  for (let i = 0; i < 100 && views > 0; i++) {   // the widget manager renders asynchronously
    if (document.querySelectorAll('.jupyter-widgets').length > 0 &&
        [...document.querySelectorAll('.widget-image')].every(im => im.complete)) break;
    await sleep(100);
  }
  const article = document.querySelector('article') || document.body;
  const imgs = [...article.querySelectorAll('img')].map(im => ({
      src: (im.getAttribute('src') || '').slice(0, 80), id: im.id,
      ok: im.complete && im.naturalWidth > 0}));
  const rawTex = [...article.querySelectorAll('span.math, div.math')]
      .filter(el => !el.querySelector('mjx-container')).map(el => el.textContent.slice(0, 60));
  const animations = [];
  for (const div of article.querySelectorAll('div.animation')) {
    const img = div.querySelector('img[id^="_anim_img"]');
    const slider = div.querySelector('input.anim-slider');
    const buttons = div.querySelectorAll('.anim-buttons button');
    const play = div.querySelector('button[title="Play"]');
    const icons = [...div.querySelectorAll('.anim-buttons svg, .anim-buttons i')]
        .filter(el => el.getBoundingClientRect().width > 0).length;
    const seen = new Set();
    if (play && slider) {
      play.click();
      for (let i = 0; i < 20 && seen.size < 3; i++) { seen.add(slider.value); await sleep(100); }
    }
    const pause = div.querySelector('button[title="Pause"]');
    if (pause) pause.click();
    animations.push({img: !!img && img.complete && img.naturalWidth > 0,
                     frames: slider ? Number(slider.max) + 1 : 0, buttons: buttons.length,
                     icons: icons, moved: seen.size > 1});
  }
  const widgetImages = [...document.querySelectorAll('.widget-image')];
  const unrendered = [...document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]')]
      .filter(s => !s.parentElement.querySelector('.jupyter-widgets')).length;
  return {
    title: document.title,
    imgs: imgs,
    mjx: document.querySelectorAll('mjx-container').length,
    mathNodes: article.querySelectorAll('span.math, div.math').length,
    rawTex: rawTex,
    animations: animations,
    widgetViews: views,
    widgets: document.querySelectorAll('.jupyter-widgets').length,
    unrenderedViews: unrendered,
    widgetKinds: [...new Set([...document.querySelectorAll('.jupyter-widgets')]
        .flatMap(el => [...el.classList].filter(c => c.startsWith('widget-'))))].sort(),
    widgetImages: widgetImages.length,
    widgetImagesOk: widgetImages.filter(im => im.complete && im.naturalWidth > 0).length,
    widgetErrors: document.querySelectorAll('.jupyter-widgets-error-widget, .widget-error').length,
  };
})()
"""


def skip(reason: str) -> None:
    """Skip - or fail, where CI sets LANGEVIN_REQUIRE_BROWSER=1 and a skip would hide a bug."""
    if os.environ.get("LANGEVIN_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " (LANGEVIN_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    binary = find_chromium()
    if binary is None:
        where = os.environ.get("LANGEVIN_CHROMIUM", "chromium on PATH or /usr/bin/chromium")
        skip(f"no Chromium browser found ({where}); install it with "
             "`apt-get install -y chromium` or set LANGEVIN_CHROMIUM")
    if not built_pages():
        skip(f"no built book at {HTML}: run `make book` first")
    pytest.importorskip("websocket", reason="websocket-client is needed (requirements.txt)")
    chromium = Chromium(binary)
    yield chromium
    chromium.close()


def open_page(browser: Chromium, url: str, probe: bool = True, script: str | None = None,
              device: dict | None = None) -> tuple[dict, list[dict]]:
    """Load ``url`` in a fresh tab; return the probe's report and the tab's events.

    ``script`` replaces the default probe (``PROBE``); ``device`` is passed to
    ``Emulation.setDeviceMetricsOverride`` before the page loads (e.g. ``PHONE``).
    """
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget",
                           {"targetId": target, "flatten": True})["sessionId"]
    try:
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(f"{domain}.enable", {}, session)
        if device is not None:
            browser.send("Emulation.setDeviceMetricsOverride", device, session)
        start = len(browser.events)
        browser.send("Page.navigate", {"url": url}, session)
        deadline = time.monotonic() + PAGE_TIMEOUT
        while not any(e.get("method") == "Page.loadEventFired" and e.get("sessionId") == session
                      for e in browser.events[start:]):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not finish loading in {PAGE_TIMEOUT} s")
            browser.pump(0.1)
        report = browser.evaluate(session, script or PROBE) if probe else {}
        browser.pump(0.3 if probe else 1.5)  # late console messages / requests
        events = [e for e in browser.events[start:] if e.get("sessionId") == session]
        return report, events
    finally:
        browser.send("Target.closeTarget", {"targetId": target})


def problems_in(events: list[dict]) -> tuple[list[str], list[str]]:
    """JavaScript errors and requests to other hosts, from a tab's DevTools events."""
    errors, remote = [], []
    for e in events:
        method, p = e.get("method"), e.get("params", {})
        if method == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            errors.append("uncaught: " + d.get("exception", {}).get("description", d.get("text", "")))
        elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            errors.append("console.error: " + " ".join(
                str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
        elif method == "Log.entryAdded" and p["entry"].get("level") == "error":
            errors.append(f"log: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        elif method == "Network.loadingFailed" and not p.get("canceled"):
            errors.append(f"failed request: {p.get('errorText')} ({p.get('type')})")
        elif method == "Network.requestWillBeSent":
            url = p["request"]["url"]
            if urllib.parse.urlsplit(url).scheme not in LOCAL_SCHEMES:
                remote.append(url)
    return errors, remote


PAGES = built_pages()


@pytest.mark.parametrize("page", PAGES or [None], ids=[p.stem for p in PAGES] or ["no-build"])
def test_page_renders_offline(browser, page):
    if page is None:
        skip(f"no built book at {HTML}: run `make book` first")
    report, events = open_page(browser, page.as_uri())
    errors, remote = problems_in(events)
    want = expectations(page)
    name = page.stem

    assert not remote, f"{name}: requests to other hosts: {remote}"
    assert not errors, f"{name}: JavaScript errors: {errors}"

    broken = [im for im in report["imgs"] if not im["ok"]]
    assert not broken, f"{name}: images that did not load: {broken}"
    if want["figure"]:
        assert report["imgs"], f"{name}: the notebook has figures, the page shows none"

    assert not report["rawTex"], f"{name}: math left untypeset: {report['rawTex'][:3]}"
    if report["mathNodes"]:
        assert report["mjx"] > 0, f"{name}: math on the page but no mjx-container"

    if want["animation"]:
        assert report["animations"], f"{name}: the notebook has a to_jshtml animation, page none"
    for anim in report["animations"]:
        assert anim["img"], f"{name}: animation frame image not drawn"
        assert anim["frames"] > 1, f"{name}: animation has {anim['frames']} frame(s)"
        assert anim["buttons"] >= 9, f"{name}: animation play controls missing"
        assert anim["icons"] >= 9, f"{name}: animation button icons not drawn"
        assert anim["moved"], f"{name}: animation did not advance after pressing play"

    if want["widgets"]:
        assert report["widgetViews"] > 0, f"{name}: notebook has widget state, page has no view"
    if report["widgetViews"]:
        assert report["widgets"] > 0, f"{name}: saved widgets were not rendered"
        assert report["unrenderedViews"] == 0, (
            f"{name}: {report['unrenderedViews']} of {report['widgetViews']} saved widgets not drawn")
        assert report["widgetErrors"] == 0, f"{name}: widget manager shows an error"
        assert report["widgetImagesOk"] == report["widgetImages"], (
            f"{name}: widget images not drawn ({report['widgetImagesOk']}/{report['widgetImages']})")


def test_index_redirects_to_intro(browser):
    """The site's entry point loads without errors and without the network."""
    report, events = open_page(browser, (HTML / "index.html").as_uri(), probe=False)
    errors, remote = problems_in(events)
    assert not remote, f"index: requests to other hosts: {remote}"
    assert not errors, f"index: JavaScript errors: {errors}"


# --------------------------------------------------------------------------- phone width
# Measured once the page has settled: MathJax typeset with its web fonts, images decoded, saved
# widgets drawn. Lists only the offenders (and how many things were checked).
PHONE_PROBE = r"""
(async () => {
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const TOL = %(tol)s, RATIO = 2 * (1 - %(ratio_tol)s), WIDTH = %(width)s;
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  await document.fonts.ready;
  const views = document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]').length;
  for (let i = 0; i < 100 && views > 0; i++) {
    if (document.querySelectorAll('.jupyter-widgets').length > 0 &&
        [...document.querySelectorAll('.widget-image')].every(im => im.complete)) break;
    await sleep(100);
  }
  await Promise.all([...document.images].map(im => im.decode().catch(() => null)));
  await sleep(200);

  const article = document.querySelector('article') || document.body;
  const section = el => {
    const sec = el.closest('section');
    const h = sec && sec.querySelector('h1, h2, h3, h4');
    return h ? h.textContent.replace(/[#¶]\s*$/, '').trim().slice(0, 60) : '';
  };
  const tex = new Map();
  if (window.MathJax && MathJax.startup && MathJax.startup.document) {
    for (const item of MathJax.startup.document.math) tex.set(item.typesetRoot, item.math);
  }
  const texOf = c => (tex.get(c) || c.textContent).replace(/\s+/g, ' ').trim();

  // display equations: the theme gives mjx-container overflow:auto, so a wide one scrolls
  // inside its column (its scrollWidth grows); inline formulas sit in span.math, overflow hidden
  const displays = [...article.querySelectorAll('mjx-container[display="true"]')];
  const wideEquations = displays.filter(c => c.clientWidth > 0 && c.scrollWidth > c.clientWidth + TOL)
      .map(c => ({tex: texOf(c), need: c.scrollWidth, have: c.clientWidth, section: section(c)}));
  const inlines = [...article.querySelectorAll('mjx-container:not([display="true"])')];
  // (the box's scrollWidth is no test: italic overhangs stick out of every box by a few px)
  const boxOf = c => c.closest('span.math') || c.parentElement;
  const clippedInline = inlines.filter(c => {
      const w = c.getBoundingClientRect().width;
      return w > 0 && w > boxOf(c).clientWidth + TOL;
    }).map(c => ({tex: texOf(c), need: Math.round(c.getBoundingClientRect().width),
                  have: boxOf(c).clientWidth, section: section(c)}));

  // figures: pixels against the CSS width they are shown at, on a 2x screen
  const figures = [];
  let index = 0;
  for (const el of article.querySelectorAll('img, canvas')) {
    index += 1;
    const shown = el.getBoundingClientRect().width;
    if (shown < 1) continue;                               // hidden (collapsed cell, etc.)
    const src = el.tagName === 'IMG' ? (el.currentSrc || el.src || '') : '';
    if (/\.svg([?#]|$)|^data:image\/svg/i.test(src)) continue;  // vector: sharp at any size
    const pixels = el.tagName === 'IMG' ? el.naturalWidth : el.width;
    const kind = el.tagName === 'CANVAS' ? 'canvas'
        : el.closest('div.animation') ? 'animation frame'
        : el.classList.contains('widget-image') ? 'widget picture'
        : 'figure';
    const alt = el.getAttribute('alt') || '';
    const high = el.getBoundingClientRect().height;
    const natural = el.tagName === 'IMG' ? el.naturalWidth / el.naturalHeight : el.width / el.height;
    figures.push({kind: kind, index: index, pixels: pixels, shown: Math.round(shown * 10) / 10,
                  ratio: Math.round(pixels / shown * 100) / 100, section: section(el),
                  aspect: Math.round(shown / high * 1000) / 1000,
                  natural: Math.round(natural * 1000) / 1000,
                  alt: /^(\.\.\/)?_images\/|^data:/.test(alt) ? '' : alt.slice(0, 60)});
  }
  const blurry = figures.filter(f => f.pixels < RATIO * f.shown);
  // squashed: shown at another width/height ratio than the picture's own (by more than 2 percent)
  const squashed = figures.filter(f => isFinite(f.natural) && Math.abs(f.aspect / f.natural - 1) > 0.02);

  // sideways scrolling: content wider than the phone. (A mobile browser then either scrolls or
  // zooms the whole page out to fit, which makes innerWidth larger than the device: both count.)
  const doc = document.documentElement, W = WIDTH;
  const scrolls = Math.max(doc.scrollWidth, window.innerWidth) > W + 1;
  const outside = [];
  let contentRight = 0;
  if (scrolls) {
    // not counted: what a scroll box clips, fixed overlays (skip link, drawers), hidden things
    const ignored = el => {
      if (getComputedStyle(el).visibility === 'hidden') return true;
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const st = getComputedStyle(a);
        if (st.position === 'fixed' || (a !== el && st.overflowX !== 'visible')) return true;
      }
      return false;
    };
    // an inline element that sticks out (a long word, a code span) is named by its block
    const block = el => {
      while (el.parentElement && getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
      return el;
    };
    const all = [...document.body.querySelectorAll('*')].filter(el => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > W + 1 && !ignored(el);
    });
    contentRight = Math.round(Math.max(0, ...all.map(e => e.getBoundingClientRect().right)));
    const blocks = [...new Set(all.map(block))];
    for (const el of blocks) {  // the innermost blocks: where the fix goes
      if (blocks.some(d => d !== el && el.contains(d))) continue;
      const cls = [...el.classList].slice(0, 3).join('.');
      const right = Math.max(...all.filter(e => el.contains(e)).map(e => e.getBoundingClientRect().right));
      outside.push({right: right, what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                   (cls ? '.' + cls : '') + ` (content to ${Math.round(right)} px, in section "${section(el)}")` +
                   `: ${el.textContent.replace(/\s+/g, ' ').trim().slice(0, 60)}`});
    }
    outside.sort((a, b) => b.right - a.right);  // the widest first
  }
  return {innerWidth: window.innerWidth, scrollWidth: doc.scrollWidth, contentRight: contentRight,
          dpr: window.devicePixelRatio,
          displays: displays.length, inlines: inlines.length, figures: figures.length,
          wideEquations: wideEquations, clippedInline: clippedInline, blurry: blurry,
          squashed: squashed, scrolls: scrolls, outside: outside.map(o => o.what)};
})()
""" % {"tol": OVERFLOW_TOLERANCE_PX, "ratio_tol": PIXEL_RATIO_TOLERANCE, "width": PHONE["width"]}


def phone_problems(name: str, report: dict) -> list[str]:
    """One line per offender, worded as a to-do for the chapter's owner."""
    width = PHONE["width"]
    lines = []
    for eq in report["wideEquations"]:
        lines.append(f"display equation {eq['need']} px wide in a {eq['have']} px column "
                     f"(section \"{eq['section']}\"): {eq['tex']}")
    for eq in report["clippedInline"]:
        lines.append(f"inline formula {eq['need']} px wide, clipped at {eq['have']} px "
                     f"(section \"{eq['section']}\"): {eq['tex']}")
    if report["scrolls"]:
        zoom = (f", the browser zooms the page out to {report['innerWidth']} px"
                if report["innerWidth"] > width else "")
        lines.append(f"page scrolls sideways: content to {report['contentRight']} px on a {width} px "
                     f"screen{zoom}; sticking out: "
                     + ("; ".join(report["outside"][:8]) or "(nothing found outside scroll boxes)")
                     + (f"; and {len(report['outside']) - 8} more" if len(report["outside"]) > 8 else ""))
    for f in report["blurry"]:
        need = int(-(-2 * f["shown"] // 1))
        lines.append(f"{f['kind']} #{f['index']} on the page (section \"{f['section']}\""
                     f"{', ' + repr(f['alt']) if f['alt'] else ''}): "
                     f"{f['pixels']} px wide, shown at {f['shown']} CSS px = {f['ratio']}x; "
                     f"needs >= {need} px on a 2x screen")
    for f in report["squashed"]:
        lines.append(f"{f['kind']} #{f['index']} on the page (section \"{f['section']}\"): shown "
                     f"{f['aspect']} wide per unit of height, the picture is {f['natural']}: "
                     "squashed (its height does not follow its width)")
    if lines:
        lines.insert(0, f"{name} at {width} CSS px, device scale {PHONE['deviceScaleFactor']}: "
                        f"{len(lines)} problem(s)")
    return lines


@pytest.mark.parametrize("page", PAGES or [None], ids=[p.stem for p in PAGES] or ["no-build"])
def test_page_fits_a_phone(browser, page):
    """At 412 px, scale 2: equations fit their column, no sideways scroll, figures sharp at 2x."""
    if page is None:
        skip(f"no built book at {HTML}: run `make book` first")
    report, _ = open_page(browser, page.as_uri(), script=PHONE_PROBE, device=PHONE)
    assert report["dpr"] == PHONE["deviceScaleFactor"], "device scale factor not applied"
    problems = phone_problems(page.stem, report)
    assert not problems, "\n  ".join(problems)
