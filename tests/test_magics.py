"""``%load_ext lab``: %ask / %%ask / %orderlens_config in a real InteractiveShell (offline)."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from lab.magics import AskMagics, AskOptions, MagicUsageError, parse_ask_line


@pytest.fixture()
def shell(demo_db: Path):
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "lab")
    ip.run_line_magic("config", 'AskMagics.today = "2026-11-20"')
    ip.run_line_magic("orderlens_config", f"db={demo_db}")
    yield ip
    ip.run_line_magic("unload_ext", "lab")
    ip.user_ns.pop("res", None)


def _magics(ip: InteractiveShell) -> AskMagics:
    return next(c for c in ip.configurables if isinstance(c, AskMagics))


def _html(captured) -> str:
    assert len(captured.outputs) == 1, "one rich display per %ask"
    data = captured.outputs[0].data
    assert "text/plain" in data
    return data["text/html"]


def test_settings_are_traitlets_reachable_by_config_and_orderlens_config(
    shell: InteractiveShell, demo_db: Path
) -> None:
    m = _magics(shell)
    assert m.today == "2026-11-20"  # set through %config AskMagics.today = ...
    assert m.db == str(demo_db)  # set through %orderlens_config db=...
    assert AskMagics.class_traits(config=True).keys() >= {"db", "semantic_model", "today", "engine"}
    with capture_output() as out:
        shell.run_line_magic("orderlens_config", "engine=rules max_rows=5")
    assert m.engine == "rules" and m.max_rows == 5
    assert "engine    = rules" in out.stdout and f"db        = {demo_db}" in out.stdout
    with capture_output() as out:
        shell.run_line_magic("orderlens_config", "colour=blue")
    assert "unknown setting 'colour'" in unescape(_html(out))  # Jinja escapes quotes


def test_ask_shows_one_display_with_interpretation_table_chart_and_folded_sql(
    shell: InteractiveShell, demo_con
) -> None:
    with capture_output() as out:
        shell.run_line_magic("ask", "-o res 各渠道的GMV")
    html = _html(out)
    answer = shell.user_ns["res"]  # -o stored the Answer itself
    assert not answer.refused and answer.error is None
    channels = {r[0] for r in demo_con.execute("select distinct channel from orders").fetchall()}
    assert set(answer.df.iloc[:, 0]) == channels
    assert answer.interpretation in html
    for channel in channels:
        assert f"<td>{channel}</td>" in html
    assert "<svg" in html  # chart rendered offline by vl-convert, no JS
    assert "<details><summary>SQL</summary>" in html  # folded away by default
    assert "Traceback" not in html


def test_cell_magic_takes_the_question_from_the_body_and_sql_unfolds(
    shell: InteractiveShell,
) -> None:
    with capture_output() as out:
        shell.run_cell_magic("ask", "--sql -o res", "revenue by channel\nlast month")
    html = _html(out)
    answer = shell.user_ns["res"]
    assert answer.question == "revenue by channel last month"
    assert "<details open><summary>SQL</summary>" in html
    assert "select" in answer.sql.lower()


def test_refusal_shows_suggestions_not_a_traceback(shell: InteractiveShell) -> None:
    with capture_output() as out:
        shell.run_line_magic("ask", "-o res what is the weather in Paris tomorrow")
    html = _html(out)
    answer = shell.user_ns["res"]
    assert answer.refused
    assert "Could not answer" in html and "Traceback" not in html
    for suggestion in answer.suggestions:
        assert f"%ask {suggestion}".replace("&", "&amp;") in html


def test_errors_are_messages_for_people(shell: InteractiveShell, tmp_path: Path) -> None:
    shell.run_line_magic("orderlens_config", f"db={tmp_path / 'missing.duckdb'}")
    with capture_output() as out:
        shell.run_line_magic("ask", "各渠道的GMV")
    html = _html(out)
    assert "missing.duckdb" in html and "does not exist" in html
    assert "Traceback" not in html and "Traceback" not in out.stdout + out.stderr
    with capture_output() as out:
        shell.run_line_magic("ask", "--engine gpt4 GMV")
    assert "--engine must be one of rules, llm, auto" in _html(out)


def test_unload_removes_the_magics(shell: InteractiveShell) -> None:
    shell.run_line_magic("unload_ext", "lab")
    assert "ask" not in shell.magics_manager.magics["line"]
    assert not any(isinstance(c, AskMagics) for c in shell.configurables)
    shell.run_line_magic("load_ext", "lab")  # the fixture unloads again


def test_ask_about_one_order_shows_its_status_trace_card(shell: InteractiveShell, demo_con) -> None:
    from lab.trace import render_card_html, trace_card

    with capture_output() as out:
        shell.run_line_magic("ask", "-o res 订单JD20260210001到哪了")
    html = _html(out)
    answer = shell.user_ns["res"]
    assert answer.ok and answer.engine == "trace", answer.error
    card = trace_card(demo_con, "JD20260210001")
    assert render_card_html(card, lang="zh") in html  # the card itself, inline, no CDN
    assert "订单 JD20260210001 的状态轨迹" in html and "<table" in html
    assert "<script" not in html and "http" not in html.replace("http://www.w3.org", "")
    assert card["headline_zh"] in out.outputs[0].data["text/plain"]


def test_a_follow_up_continues_the_last_answer_and_new_starts_afresh(
    shell: InteractiveShell,
) -> None:
    with capture_output() as first:
        shell.run_line_magic("ask", "上个月天猫的GMV")
    assert "天猫" in _html(first)
    with capture_output() as follow:
        shell.run_line_magic("ask", "那京东呢？")
    assert "（追问：" in _html(follow) and "原为" in _html(follow)
    with capture_output() as fresh:
        shell.run_line_magic("ask", "--new 那京东呢？")
    assert "（追问：" not in _html(fresh) and "有歧义" in _html(fresh)


def test_ask_help_lists_the_magic_arguments(shell: InteractiveShell) -> None:
    """``%ask?`` shows the options declared with IPython's magic_arguments."""
    help_text = shell.find_line_magic("ask").__doc__
    assert help_text.lstrip(":\n ").startswith(
        "%ask [--engine ENGINE] [--sql] [-o NAME] [--today YYYY-MM-DD] [--new]"
    )
    assert "question engine: rules, llm, auto" in help_text
    assert "-o NAME, --out NAME" in help_text and "(%%ask: the cell body)" in help_text


@pytest.mark.parametrize(
    ("line", "cell", "expected"),
    [
        ("--sql -o res 各渠道的GMV", None, AskOptions("各渠道的GMV", out="res", sql=True)),
        ("GMV --today=2026-01-31 by channel --new", None,
         AskOptions("GMV by channel", today="2026-01-31", new=True)),
        ("what's GMV change -5% --engine rules", None, AskOptions("what's GMV change -5%", "rules")),
        ("--s -ores top", None, AskOptions("--s -ores top")),  # no abbreviations, no -oNAME
        ("-o res", "revenue by channel\nlast month",
         AskOptions("revenue by channel last month", out="res")),
    ],
)  # fmt: skip
def test_ask_line_options_anywhere_and_other_words_stay_in_the_question(
    line: str, cell: str | None, expected: AskOptions
) -> None:
    assert parse_ask_line(line, cell) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("GMV -o", "argument -o/--out: expected one argument"),
        ("GMV --today 31.01.2026", "--today must be YYYY-MM-DD (got '31.01.2026')"),
        ("GMV -o 1st", "-o needs a Python variable name (got '1st')"),
    ],
)
def test_ask_line_errors_name_the_option(line: str, message: str) -> None:
    with pytest.raises(MagicUsageError) as err:
        parse_ask_line(line)
    assert str(err.value) == message
