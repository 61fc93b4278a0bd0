"""Screenshots of the notebook reports for the README: run each report, photograph its top.

Why a headless browser and not vl-convert: the README shows the *report* as a reader sees it
(headline cards, the coloured table, the chart together), which only a browser lays out. The
HTML needs no network (see :mod:`lab.runner.html_report`), so the browser is started with
networking cut off: a report that tried to fetch something would show it here as a hole.

Run ``make report-screenshots`` (or ``python -m lab.runner.screenshots``): it builds a small
demo warehouse, runs every notebook of ``notebooks/`` through the runner and writes
``docs/img/report_<notebook>.png``. Playwright comes with the dev extra; the browser is Debian's
``/usr/bin/chromium`` (``--chromium PATH`` for another).
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterable
from pathlib import Path

from lab.runner import list_notebooks, run_notebook

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
#: one laptop screen of the report: what a reader sees before scrolling
WIDTH, HEIGHT = 1200, 1000
#: the README's budget per image; over it the shot is retaken shorter
MAX_BYTES = 300_000
_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


class ScreenshotError(RuntimeError):
    """A report could not be photographed (no browser, or no image within the size budget)."""


def screenshot_reports(
    html_files: Iterable[tuple[str, Path]],
    out_dir: Path,
    *,
    chromium: str = CHROMIUM,
    max_bytes: int = MAX_BYTES,
) -> dict[str, Path]:
    """Photograph the top of each ``(name, report.html)`` into ``out_dir/report_<name>.png``.

    Each page is opened from disk with every network request refused, and shot at
    :data:`WIDTH` x :data:`HEIGHT`; when the PNG exceeds ``max_bytes`` the shot is retaken with a shorter
    clip (a report's head is what the README needs), and failing that it is an error.
    """
    # heavy, optional: playwright only when screenshots are taken
    from playwright.sync_api import sync_playwright

    if not Path(chromium).exists():
        raise ScreenshotError(
            f"no Chromium at {chromium}: install it (`apt-get install -y chromium`) or pass "
            "--chromium PATH"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=_ARGS)
        try:
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.route("http*://**", lambda route: route.abort())
            for name, html in html_files:
                page.goto(Path(html).resolve().as_uri(), wait_until="load")
                target = out_dir / f"report_{name}.png"
                for height in (HEIGHT, 800, 600):
                    shot = page.screenshot(
                        clip={"x": 0, "y": 0, "width": WIDTH, "height": height}, type="png"
                    )
                    target.write_bytes(shot)
                    if target.stat().st_size <= max_bytes:
                        break
                else:
                    raise ScreenshotError(
                        f"{target}: {target.stat().st_size:,} bytes even at {height}px high; "
                        f"the budget is {max_bytes:,}"
                    )
                written[name] = target
        finally:
            browser.close()
    return written


def run_and_screenshot(out_dir: Path = DEFAULT_OUT, *, chromium: str = CHROMIUM) -> dict[str, Path]:
    """Run every notebook on a fresh 3,000-order demo warehouse and photograph its report."""
    # heavy: the demo generator imports pandas/numpy; only when the demo warehouse is built
    from connectors.demo.generate import build_demo_warehouse

    with tempfile.TemporaryDirectory(prefix="orderlens-shots-") as tmp:
        db = Path(tmp) / "demo.duckdb"
        build_demo_warehouse(db, orders=3_000, seed=42, end_date="2026-11-20", progress=False)
        reports: list[tuple[str, Path]] = []
        for info in list_notebooks(ROOT / "notebooks"):
            run = run_notebook(info.path, {}, Path(tmp) / "runs", db=db, progress=False)
            if run.html_path is None:
                raise ScreenshotError(f"{info.name}: the runner wrote no HTML report")
            reports.append((info.name, run.html_path))
        return screenshot_reports(reports, out_dir, chromium=chromium)


def main(argv: list[str] | None = None) -> None:
    """``python -m lab.runner.screenshots [--out docs/img] [--chromium PATH]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNGs")
    parser.add_argument("--chromium", default=CHROMIUM, help="Chromium executable")
    args = parser.parse_args(argv)
    for name, path in run_and_screenshot(args.out, chromium=args.chromium).items():
        print(f"{name}: {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
