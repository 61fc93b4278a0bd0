"""The HTML report of an executed notebook: offline, without code, readable by finance.

Why our own nbconvert template (``templates/orderlens_report``, extending nbconvert's ``lab``
page): the stock page loads require.js and MathJax from cdnjs, so a report opened on a closed
network or from a mail attachment waits on the internet. Charts are SVG drawn in the kernel
(:func:`lab.runner.present.use_static_charts`), tables are HTML, so the page needs no script.

Why code is hidden: the reader of a reconciliation or health report acts on numbers, not on
Python. A notebook that *is* about code (the getting-started tour) opts back in with
``"orderlens": {"report": {"show_code": true}}`` in its notebook metadata. Cells tagged
``remove_cell`` never appear, cells tagged ``remove_output`` show no output (nbconvert's
``TagRemovePreprocessor``).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import nbformat

from lab.runner.present import TABLE_CSS

TEMPLATE_NAME = "orderlens_report"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: elements that fetch what their attribute names (a plain ``<a href>`` link fetches nothing)
_FETCHING = re.compile(
    r"<(?:script|link|img|iframe|source|embed|video|audio|object)\b[^>]*?"
    r"\b(?:src|href|data)\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)",
    re.IGNORECASE,
)
_CSS_URL = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])((?:https?:)?//[^\"')\s]+)", re.I)
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_URL = re.compile(r"https?://[^\"'\s)<>]+", re.IGNORECASE)


def external_resources(page: str) -> list[str]:
    """Every URL the page would fetch from another host when opened.

    That is: ``src``/``href`` of scripts, styles, images and frames, CSS ``url()``/``@import``,
    and any URL written inside a ``<script>`` (how vega-embed and MathJax loaders name their
    CDN). A link the reader may click (``<a href>``) and XML namespaces fetch nothing.

    >>> external_resources('<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>'
    ...     '<script>const paths = {"vega": "https://cdn.jsdelivr.net/npm/vega@6?noext"};</script>'
    ...     '<a href="https://example.org">docs</a><svg xmlns="http://www.w3.org/2000/svg"/>')
    ['https://cdn.jsdelivr.net/npm/vega@5', 'https://cdn.jsdelivr.net/npm/vega@6?noext']
    """
    found = [m.group(1) for pattern in (_FETCHING, _CSS_URL) for m in pattern.finditer(page)]
    for script in _SCRIPT.finditer(page):
        found.extend(m.group(0) for m in _URL.finditer(script.group(1)))
    return sorted(dict.fromkeys(found), key=found.index)


def _report_settings(nb: nbformat.NotebookNode) -> dict[str, Any]:
    settings = nb.metadata.get("orderlens", {}).get("report", {})
    return dict(settings) if isinstance(settings, dict) else {}


def _without_silent_code(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop code cells that show nothing once their code is hidden (setup, parameters)."""
    kept = copy.deepcopy(nb)
    kept.cells = [c for c in nb.cells if c.cell_type != "code" or c.get("outputs")]
    return kept


def _parameters(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """The values papermill injected, for the report's footer (what produced these numbers)."""
    values = nb.metadata.get("papermill", {}).get("parameters", {}) or {}
    return [(str(k), json.dumps(v, ensure_ascii=False, default=str)) for k, v in values.items()]


def render_html_report(nb: nbformat.NotebookNode) -> str:
    """The report page of an executed notebook (see the module docstring for what it hides)."""
    # heavy: nbconvert only when an HTML report is written
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    show_code = bool(_report_settings(nb).get("show_code", False))
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    # the parameters (defaults and papermill's injected values) are listed in the footer instead
    config.TagRemovePreprocessor.remove_cell_tags = {
        "remove_cell",
        "parameters",
        "injected-parameters",
    }
    config.TagRemovePreprocessor.remove_all_outputs_tags = {"remove_output"}
    config.TagRemovePreprocessor.remove_input_tags = {"remove_input"}
    config.TemplateExporter.exclude_input = not show_code
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    exporter = HTMLExporter(
        config=config,
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
    )
    source = nb if show_code else _without_silent_code(nb)
    resources = {"orderlens_css": TABLE_CSS, "orderlens_parameters": _parameters(nb)}
    body, _ = exporter.from_notebook_node(source, resources=resources)
    return body


def write_html_report(executed: Path, html_path: Path) -> Path:
    """Render the executed notebook at ``executed`` into ``html_path`` and return the path."""
    nb = nbformat.read(str(executed), as_version=4)
    html_path.write_text(render_html_report(nb), encoding="utf-8")
    return html_path
