"""Keep the built pages working offline: no request to another host, no console error.

* Notebook outputs are copied verbatim into the pages, and some carry a reference to a CDN:
  matplotlib's ``Animation.to_jshtml()`` starts with ``<link rel="stylesheet"
  href="https://maxcdn.bootstrapcdn.com/font-awesome/4.4.0/...">`` for the icons of its play
  buttons. The theme already ships Font Awesome (``_static/scripts/fontawesome.js`` draws
  ``<i class="fa fa-play">`` as inline SVG), so that link is dropped from the page.
* Any other ``<script src>``, stylesheet, ``<img>`` or ``<iframe>`` from another host in a page
  body is reported as a warning, so ``jupyter-book build -W`` fails rather than publish a page
  that needs the network.
* sphinx-thebe ("Live code", which would load thebe from unpkg.com) is switched off in
  ``_config.yml`` (``launch_buttons.thebe: false``), but Jupyter Book 1 still adds its page
  scripts - twice, so every page threw ``SyntaxError: Identifier 'THEBE_JS_URL' has already been
  declared``. With thebe off they do nothing, so they are removed from the pages.
* ``static/widgets-mathjax3.js``: the widget manager calls the MathJax 2 API; see that file.
* A page that shows no widget (its widget cells are removed on the website because a live
  JavaScript explorable stands in their place) gets neither the saved widget state nor the
  widget manager (``embed.js``, 1.8 MB): both would load for nothing.
* ``static/book.css``: on phones, code and outputs wrap instead of scrolling sideways; long API
  signatures wrap.
"""
from __future__ import annotations

import pathlib
import re

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
STATIC = pathlib.Path(__file__).resolve().parent / "static"

# Remote stylesheets whose job the local theme already does: removed from the page.
REPLACED_BY_THEME = re.compile(
    r"""<link\b[^>]*?href=["']https?://maxcdn\.bootstrapcdn\.com/font-awesome/[^"']*["'][^>]*>\s*""",
    re.IGNORECASE,
)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
REMOTE_ASSET = re.compile(
    r"""<(script|link|img|iframe|source|video|audio)\b[^>]*?\b(?:src|href)=["']((?:https?:)?//[^"']+)["'][^>]*>""",
    re.IGNORECASE,
)


def _is_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", "") or "")
    body = getattr(asset, "attributes", {}).get("body", "") or ""
    return "sphinx-thebe" in name or "THEBE_JS_URL" in body


def _is_widget_machinery(asset) -> bool:
    name = str(getattr(asset, "filename", "") or "")
    kind = getattr(asset, "attributes", {}).get("type", "")
    return "html-manager/" in name or kind == WIDGET_STATE  # the builder prefixes _static/


def _offline_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    thebe_on = bool((app.config.html_theme_options.get("launch_buttons") or {}).get("thebe"))
    if not thebe_on:
        for key in ("script_files", "css_files"):
            if key in context:
                context[key] = [a for a in context[key] if not _is_thebe(a)]
    body = context.get("body")
    if not body:
        return
    if WIDGET_VIEW not in body and "script_files" in context:
        context["script_files"] = [a for a in context["script_files"]
                                   if not _is_widget_machinery(a)]
    body = REPLACED_BY_THEME.sub("", body)
    for match in REMOTE_ASSET.finditer(body):
        tag, url = match.group(0), match.group(2)
        if match.group(1).lower() == "link" and not re.search(r"stylesheet|preload|icon", tag, re.I):
            continue  # a <link rel="next"> or similar: not something the browser fetches
        logger.warning("page %s loads %s from another host; vendor it or remove it (offline site)",
                       pagename, url, type="offline", subtype="remote_asset")
    context["body"] = body


def _add_static(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _offline_page)
    app.add_js_file("widgets-mathjax3.js", priority=600)
    app.add_css_file("book.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
