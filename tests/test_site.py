"""Static checks of the built website (``_build/html``): offline and self-contained.

Run by ``make test-build`` right after ``jupyter-book build``; skipped when there is no build.
No browser needed (``tests/test_browser.py`` opens the same pages in Chromium).

- no page loads a script, stylesheet, image or frame from another host;
- every local script / stylesheet / image a page refers to exists in the build;
- the MathJax and widget-manager bundles are served from ``_static`` (no CDN);
- saved widget state only uses the core widget modules that the bundled ``embed.js``
  contains: any other module would be fetched from a CDN (jsdelivr) by the page;
- no page weighs more than 2 MB: its HTML (inline animations and saved widget pictures
  included) plus the images it shows from ``_images/`` (the shared ``_static`` scripts, styles
  and fonts are cached across pages and not counted).
"""
from __future__ import annotations

import json
import os
import pathlib
import re
import urllib.parse

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
HTML = pathlib.Path(os.environ.get("LANGEVIN_HTML", ROOT / "_build" / "html")).resolve()
SOURCE = HTML.parent.parent
CORE_WIDGET_MODULES = {"@jupyter-widgets/base", "@jupyter-widgets/controls",
                       "@jupyter-widgets/output"}
ASSET = re.compile(
    r"""<(script|link|img|iframe|source|video|audio)\b([^>]*?)\b(src|href)=["']([^"']+)["']([^>]*)>""",
    re.IGNORECASE)


def pages() -> list[pathlib.Path]:
    if not (HTML / "index.html").exists():
        return []
    return sorted(p for p in HTML.rglob("*.html") if "_static" not in p.relative_to(HTML).parts)


def assets(page: pathlib.Path) -> list[tuple[str, str]]:
    """(tag, url) of everything the browser fetches while loading ``page``."""
    out = []
    for m in ASSET.finditer(page.read_text(encoding="utf-8")):
        tag, url = m.group(1).lower(), m.group(4)
        attrs = (m.group(2) + m.group(5)).lower()
        if tag == "link" and not re.search(r"stylesheet|preload|icon", attrs):
            continue  # rel="next", "search", ...: navigation, not an asset
        out.append((tag, url))
    return out


needs_build = pytest.mark.skipif(not pages(), reason=f"no built book at {HTML}: run `make book` first")


@needs_build
def test_no_asset_from_another_host():
    remote = [(p.relative_to(HTML).as_posix(), url) for p in pages() for _, url in assets(p)
              if urllib.parse.urlsplit(url).scheme in ("http", "https") or url.startswith("//")]
    assert not remote, f"pages load from other hosts: {remote[:10]}"


CDN = re.compile(r"unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|maxcdn\.bootstrapcdn\.com|"
                 r"fonts\.googleapis\.com|googletagmanager\.com|plausible\.io|hypothes\.is|utteranc\.es")


@needs_build
def test_no_cdn_named_in_pages():
    """Not even in inline scripts (e.g. a "Live code" button that would load thebe from unpkg)."""
    named = sorted({(p.relative_to(HTML).as_posix(), m.group(0)) for p in pages()
                    for m in CDN.finditer(p.read_text(encoding="utf-8"))})
    assert not named, f"pages name CDN hosts: {named[:10]}"


@needs_build
def test_local_assets_exist():
    missing = []
    for page in pages():
        for _, url in assets(page):
            parts = urllib.parse.urlsplit(url)
            if parts.scheme or url.startswith(("#", "//")) or not parts.path:
                continue
            target = (page.parent / urllib.parse.unquote(parts.path)).resolve()
            if not target.exists():
                missing.append((page.relative_to(HTML).as_posix(), url))
    assert not missing, f"pages refer to files that are not in the build: {missing[:10]}"


@needs_build
def test_mathjax_and_widget_manager_are_bundled():
    static = HTML / "_static"
    assert (static / "mathjax" / "tex-chtml.js").is_file(), "run `make vendor`"
    assert (static / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").is_dir()
    assert (static / "mathjax" / "input" / "tex" / "extensions" / "boldsymbol.js").is_file()
    assert (static / "html-manager" / "embed.js").is_file(), "run `make vendor`"
    math_pages = [p for p in pages() if 'class="math' in p.read_text(encoding="utf-8")]
    for page in math_pages:
        srcs = [url for tag, url in assets(page) if tag == "script" and "tex-chtml" in url]
        assert srcs and all("_static/mathjax/" in url for url in srcs), (page.name, srcs)


def _widget_states():
    for nb_path in sorted((SOURCE / "book").glob("*.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        state = nb.get("metadata", {}).get("widgets", {}).get(
            "application/vnd.jupyter.widget-state+json", {}).get("state", {})
        yield nb_path.name, state


def test_widget_state_only_uses_bundled_modules():
    """Saved widgets are drawn by the bundled embed.js; other modules would come from a CDN."""
    foreign = sorted({(name, model["model_module"], model.get("model_name"))
                      for name, state in _widget_states() for model in state.values()
                      if model.get("model_module") not in CORE_WIDGET_MODULES})
    assert not foreign, f"widget models from modules the offline bundle lacks: {foreign}"


PAGE_WEIGHT_LIMIT = 2_000_000  # bytes: a chapter should load quickly on a phone


def page_weight(page: pathlib.Path) -> tuple[int, list[tuple[str, int]]]:
    """Bytes of the page's own content: its HTML and the local images it shows (not _static)."""
    parts = [(page.name, page.stat().st_size)]
    seen = set()
    for tag, url in assets(page):
        split = urllib.parse.urlsplit(url)
        if tag not in ("img", "source", "video") or split.scheme or not split.path:
            continue
        target = (page.parent / urllib.parse.unquote(split.path)).resolve()
        if "_static" in target.relative_to(HTML).parts or target in seen or not target.is_file():
            continue
        seen.add(target)
        parts.append((target.name, target.stat().st_size))
    return sum(size for _, size in parts), parts


@needs_build
def test_pages_weigh_less_than_2_mb():
    heavy = []
    for page in pages():
        total, parts = page_weight(page)
        if total > PAGE_WEIGHT_LIMIT:
            biggest = sorted(parts, key=lambda p: -p[1])[:4]
            heavy.append(f"{page.relative_to(HTML).as_posix()}: {total / 1e6:.2f} MB "
                         f"(largest: {', '.join(f'{n} {b / 1e6:.2f} MB' for n, b in biggest)})")
    assert not heavy, "pages over 2 MB:\n  " + "\n  ".join(heavy)
