"""In-process test servers that do not look at charts start no chart renderer.

Session 27: at load 15-18 (the suite on ``-n 2``, two cores) ``test_access``'s first question
waited 21.8 s for the chart renderer's start (a child process: Python, vl-convert, fonts),
past tornado's 20 s client timeout. The renderer was started by the server's warm-up although
the test never looked at a picture. ``tests.server_helpers.server_config`` now turns charts
off unless a test asks for them; these tests fail if that default is lost.
"""

from __future__ import annotations

from pathlib import Path

from tests.server_helpers import fetch_json, server_config, token_headers

pytest_plugins = ["pytest_jupyter.jupyter_server"]


def test_server_config_turns_charts_off_unless_asked(tmp_path: Path) -> None:
    files = (tmp_path / "w.duckdb", tmp_path / "users.json", tmp_path / "h.sqlite3")
    assert server_config(*files)["OrderLensApp"]["chart_svg"] is False
    assert server_config(*files, chart_svg=True)["OrderLensApp"]["chart_svg"] is True


async def test_a_test_server_answers_without_starting_the_renderer(
    jp_fetch, jp_serverapp, tokens
) -> None:
    code, body = await fetch_json(
        jp_fetch, "orderlens", "api", "ask", method="POST",
        body='{"question": "各渠道的GMV"}', headers=token_headers(tokens["ana"]),
    )  # fmt: skip
    assert code == 200 and body["rows"] and body["chart_svg"] is None, body
    service = jp_serverapp.web_app.settings["orderlens_service"]
    # the warm-up never marked a start to wait for, and no child process runs
    assert service.settings.chart_svg is False
    assert service.charts._starting is False and service.charts.pid is None
