"""The external-project runner (lab/evals/heldout/external.py) on a tiny dbt project of ours.

Why a fixture project: the real sets read fetched projects that are never committed, so the
runner's counting, its frozen check and its warehouse cache are proven on
``tests/fixtures/external_mini`` (2 semantic models, 3 metrics, 5 dev and 2 final questions).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lab.evals.heldout import external
from lab.evals.heldout.external_report import compare_runs, outcome_records, result_line
from lab.evals.heldout.runner import EvalSetError, Score

pytestmark = pytest.mark.usefixtures("own_cache")

FIXTURE = Path(__file__).parent / "fixtures" / "external_mini"
SOURCE = FIXTURE / "sources" / "mini_bakery"


@pytest.fixture()
def set_dir(tmp_path: Path) -> Path:
    """A copy of the fixture set that a test may edit."""
    return Path(shutil.copytree(FIXTURE / "sets" / "mini_bakery", tmp_path / "mini_bakery"))


def _verdicts(score: Score) -> dict[str, str]:
    return {o.question.id: o.verdict for o in score.outcomes}


def test_right_refused_and_must_refuse_are_counted(set_dir: Path) -> None:
    ext = external.load_external_set(set_dir)
    dev, final = external.score_set(ext, ("dev", "final"), SOURCE)
    assert _verdicts(dev) == {
        "bk-dev-01": "correct",  # how many loaves: 12
        "bk-dev-02": "correct",  # must-refuse (zh), refused
        "bk-dev-03": "correct",  # weight by bread type
        "bk-dev-04": "correct",  # must-refuse (en), refused
        "bk-dev-05": "refused",  # answerable in gold, words the model does not have
    }
    assert result_line(dev) == (
        "ext-mini_bakery-dev: 4 right / 1 refused / 0 wrong of 5 (zh 1/2, en 3/3)"
    )
    assert result_line(final) == (
        "ext-mini_bakery-final: 2 right / 0 refused / 0 wrong of 2 (en 2/2)"
    )


def test_a_wrong_gold_and_an_answered_must_refuse_are_wrong(set_dir: Path) -> None:
    dev = set_dir / "dev.yaml"
    text = dev.read_text()
    text = text.replace("SELECT COUNT(*) FROM loaves\n", "SELECT COUNT(*) + 1 FROM loaves\n")
    text = text.replace(  # the model can answer this one: marking it must-refuse makes it wrong
        "  question: total weight by bread type\n  gold_sql: SELECT bread_type, SUM(weight_g) "
        "FROM loaves GROUP BY 1",
        "  question: total weight by bread type\n  refuse: true",
    )
    dev.write_text(text)
    (score,) = external.score_set(external.load_external_set(set_dir), ("dev",), SOURCE)
    assert _verdicts(score)["bk-dev-01"] == "wrong"
    assert _verdicts(score)["bk-dev-03"] == "wrong"
    assert "answered a must-refuse question" in score.outcomes[2].detail
    assert result_line(score).startswith("ext-mini_bakery-dev: 2 right / 1 refused / 2 wrong")


def test_a_changed_final_is_not_scored(set_dir: Path, capsys: pytest.CaptureFixture) -> None:
    final = set_dir / "final.yaml"
    final.write_text(final.read_text().replace("loaves baked by shift", "loaves by shift"))
    ext = external.load_external_set(set_dir)
    with pytest.raises(EvalSetError, match="edited after it was frozen"):
        external.check_final_frozen(ext)
    assert external.score_set(ext, ("dev",), SOURCE)  # the dev half is not pinned
    code = external.main(["--set", str(set_dir), "--half", "final", "--source", str(SOURCE)])
    assert code == 2
    assert "edited after it was frozen" in capsys.readouterr().err


def test_the_cache_key_follows_gen_py_and_a_failed_build_is_not_kept(set_dir: Path) -> None:
    ext = external.load_external_set(set_dir)
    first = external.warehouse(ext)
    assert json.loads((first.parent / "built.json").read_text()) == {
        "main.bakers": 3,
        "main.loaves": 12,
    }
    gen = set_dir / "gen.py"
    gen.write_text(gen.read_text() + "\n# a new version\n")
    changed = external.load_external_set(set_dir)
    assert changed.gen_hash != ext.gen_hash
    assert external.warehouse(changed) != first
    gen.write_text("def build(con):\n    raise RuntimeError('half way')\n")
    broken = external.load_external_set(set_dir)
    with pytest.raises(RuntimeError, match="half way"):
        external.warehouse(broken)
    cache = first.parent.parent
    assert not list(cache.glob(f"ext-mini_bakery-gen{broken.gen_hash}*"))
    assert not list(cache.glob(".ext-mini_bakery-*"))  # the half-built directory is gone


def test_the_cli_prints_final_halves_as_one_line(
    set_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "run.json"
    args = ["--set", str(set_dir), "--half", "both", "--only", "all", "--json", str(out)]
    assert external.main([*args, "--source", str(SOURCE)]) == 0
    printed = capsys.readouterr().out
    assert "how many loaves were baked?" in printed  # dev: per-question lines
    assert "loaves baked by shift" not in printed  # final: never its questions
    assert "ext-mini_bakery-final: 2 right / 0 refused / 0 wrong of 2 (en 2/2)" in printed
    assert "ext-total-dev: 4 right / 1 refused / 0 wrong of 5 (zh 1/2, en 3/3) over 1 sets" in (
        printed
    )
    final_rows = json.loads(out.read_text())["sets"]["ext-mini_bakery-final"]
    assert final_rows == [
        {"id": "bk-fin-01", "lang": "en", "verdict": "correct"},
        {"id": "bk-fin-02", "lang": "en", "verdict": "correct"},
    ]


def test_compare_names_moved_questions_final_by_id_only() -> None:
    before = {
        "sets": {
            "ext-x-dev": [
                {"id": "d1", "lang": "zh", "verdict": "refused", "question": "各月订单"},
                {"id": "d2", "lang": "en", "verdict": "correct", "question": "orders"},
            ],
            "ext-x-final": [{"id": "f1", "lang": "en", "verdict": "correct"}],
        }
    }
    after = json.loads(json.dumps(before))
    after["sets"]["ext-x-dev"][0]["verdict"] = "correct"
    after["sets"]["ext-x-final"][0]["verdict"] = "wrong"
    after["sets"]["ext-y-final"] = [{"id": "y1", "lang": "en", "verdict": "correct"}]
    assert compare_runs(before, after) == [
        "ext-y-final: only in B (1 questions, not compared)",
        "ext-x-dev d1 zh: refused -> correct  各月订单",
        "ext-x-final f1 en: correct -> wrong",
        "moved: 2 (1 to wrong)",
    ]
    assert outcome_records([]) == {"sets": {}}


def test_a_missing_source_says_how_to_get_it(set_dir: Path, tmp_path: Path) -> None:
    ext = external.load_external_set(set_dir)
    with pytest.raises(EvalSetError, match=r"git --git-dir=<mirror>/repo archive 0{40}"):
        external.score_set(ext, ("dev",), tmp_path / "nowhere")


def test_a_set_without_source_does_not_stop_the_others(
    set_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    other = Path(shutil.copytree(set_dir, tmp_path / "no_source_here"))
    monkeypatch.setenv(external.SOURCES_ENV, str(FIXTURE / "sources"))  # has mini_bakery only
    code = external.main(["--set", str(other), "--set", str(set_dir), "--half", "final"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "ext-no_source_here: NOT SCORED" in err and "1 set(s) not scored" in err
    assert "ext-total-final: 2 right / 0 refused / 0 wrong of 2 (en 2/2) over 1 sets" in out


def test_the_nested_source_spelling_is_read(set_dir: Path) -> None:
    (set_dir / "project.yaml").write_text(
        "source:\n  github: orderlens/mini-bakery\n  commit: abc123\n  dbt_project_path: .\n"
        "today: '2026-03-01'\n"
    )
    ext = external.load_external_set(set_dir)
    assert (ext.source, ext.commit, ext.project_path) == (
        "github:orderlens/mini-bakery",
        "abc123",
        ".",
    )
    (set_dir / "project.yaml").write_text("source: github:orderlens/mini-bakery\ntoday: x\n")
    with pytest.raises(EvalSetError, match="missing commit, project_path"):
        external.load_external_set(set_dir)
