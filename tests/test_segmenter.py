"""nl2sql.segmenter gives jieba's own words (cut with HMM off) from its on-disk dictionary."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
import yaml

from nl2sql.evaluation import EVAL_DIR
from nl2sql.segmenter import ExtraWords, Segmenter, _load_jieba, build_store

#: model-like words added as the lexicon adds them (some already jieba words, some new)
ADDED = ExtraWords.of(
    ("退货率", "复购率", "成交额", "京东", "未揽收", "发货时间", "客户等级", "门店"), 200_000
)


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple[Segmenter, object]:
    """A segmenter over a freshly built store, and jieba itself with ADDED words."""
    jieba_tk = _load_jieba()
    path = tmp_path_factory.mktemp("jieba") / "dict.sqlite"
    build_store(path, jieba_tk)
    segmenter = Segmenter(path)
    for word, freq in ADDED.freqs.items():
        jieba_tk.add_word(word, freq=freq)
    return segmenter, jieba_tk


def _questions() -> list[str]:
    """Every Chinese question of the tuned evaluation sets (the held-out sets are not read)."""
    out = []
    for name in ("orders_eval.yaml", "fresh_eval.yaml"):
        doc = yaml.safe_load((EVAL_DIR / name).read_text(encoding="utf-8"))
        out += [q["question"] for q in doc["questions"]]
    return out


def test_same_words_as_jieba_on_every_chinese_run_of_the_eval_questions(pair) -> None:
    segmenter, jieba_tk = pair
    runs = {r for q in _questions() for r in re.findall("[\u4e00-\u9fd5]+", q)}
    assert len(runs) > 200
    for run in sorted(runs):
        assert segmenter.cut(run, extra=ADDED) == list(jieba_tk.cut(run, HMM=False)), run
    # the added words are kept whole, as with jieba
    assert segmenter.cut("找出退货率高的门店", extra=ADDED) == [
        "找出",
        "退货率",
        "高",
        "的",
        "门店",
    ]


def test_mixed_text_goes_to_jieba_itself(pair) -> None:
    segmenter, jieba_tk = pair
    for text in ("退货 颜色", "GMV按渠道", "㐀上个月", "订单数？"):
        assert segmenter.cut(text, extra=ADDED) == list(jieba_tk.cut(text, HMM=False)), text


def test_a_corrupt_store_is_rebuilt(tmp_path: Path) -> None:
    for damage in (b"not a database", b""):
        path = tmp_path / "dict.sqlite"
        path.write_bytes(damage)
        segmenter = Segmenter(path)
        own = ExtraWords.of(["复购率"], 200_000)
        assert segmenter.cut("复购率最高的", extra=own) == ["复购率", "最高", "的"]
        assert segmenter._con is not None  # answered from the rebuilt store, not from jieba
        with sqlite3.connect(path) as con:
            assert con.execute("SELECT n FROM freq WHERE word = '最高'").fetchone()[0] > 0


def test_per_caller_words_match_jieba_with_only_those_words_added(pair) -> None:
    """A lexicon's own words (ExtraWords) cut as a fresh jieba with just them added would, and
    never see words another caller added: one model's terms must not re-cut another's
    questions in the same process (a notebook asking two models, one pytest run)."""
    segmenter, _ = pair
    fresh = _load_jieba()
    own = ExtraWords.of(["平均折扣", "运输方式"], 200_000)
    for word in own.freqs:
        fresh.add_word(word, freq=200_000)
    for run in ("按运输方式统计平均折扣", "找出退货率高的门店", "平均折扣是多少"):
        assert segmenter.cut(run, extra=own) == list(fresh.cut(run, HMM=False)), run
    # another caller's words (ADDED: 退货率, 门店 …) do not apply to this caller or to none
    assert "退货率" not in segmenter.cut("找出退货率高的门店", extra=own)
    assert "退货率" not in segmenter.cut("找出退货率高的门店")
    assert segmenter.cut("按运输方式统计平均折扣", extra=own)[1] == "运输方式"


def test_a_packaged_store_is_read_without_loading_jieba(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``make`` prebuilds the store into the package: a first Chinese question with an empty
    user cache reads it instead of loading jieba (~2 s), in any domain's wording."""
    from nl2sql import segmenter as seg

    packaged = tmp_path / "pkg" / "jieba-k.index.sqlite"
    packaged.parent.mkdir()
    build_store(packaged, _load_jieba())
    cache = tmp_path / "cache"
    monkeypatch.setattr(seg, "packaged_store_path", lambda: packaged)
    monkeypatch.setattr(seg, "store_path", lambda: cache / "dict.sqlite")

    def no_jieba() -> None:
        raise AssertionError("jieba loaded although a packaged store exists")

    monkeypatch.setattr(seg, "_load_jieba", no_jieba)
    s = Segmenter()
    assert s.cut("各州的理赔数") == ["各州", "的", "理赔", "数"]
    assert s.cut("航班延误最多的机场") == ["航班", "延误", "最", "多", "的", "机场"]
    assert not cache.exists()  # nothing built for the user


def test_prebuild_writes_the_packaged_store_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nl2sql import segmenter as seg

    target = tmp_path / "jieba-new.index.sqlite"
    stale = tmp_path / "jieba-old.index.sqlite"
    stale.write_bytes(b"from another jieba install")
    monkeypatch.setattr(seg, "packaged_store_path", lambda: target)
    assert seg.prebuild_store() == target
    assert seg.prebuild_store() is None  # current: left alone
    assert not stale.exists() and Segmenter(target).cut("门店") == ["门店"]
