"""The derived dictionary stores: built once, shared through a file, read one word at a time.

Why these matter: deriving CC-CEDICT's reverse index and ECDICT's owners took ~6 s of the first
question on a new model (15–22 s under load). These tests pin that a current store is read
without deriving anything, that a store under another key (changed rules or data) is never
read, and that a store nobody may trust or that the disk refused still leaves a working engine.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from nl2sql.vocabulary import cedict, dictionary_store, ecdict, jieba_words, lemma_store
from nl2sql.vocabulary.dictionary_store import LazyStore, code_key, open_store, write_store

TABLES = {"phrase": {"store": '[["门店",0,"exact"]]', "delay": '[["延误",0,"verb"]]'}}


def _never() -> dict[str, dict[str, str]]:
    raise AssertionError("derived again although a current store exists")


def test_a_built_store_is_shared_through_the_cache(tmp_path: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, dict[str, str]]:
        calls.append(1)
        return TABLES

    first = open_store("cedict", "k1", build, package_dir=None, cache=tmp_path)
    again = open_store("cedict", "k1", _never, package_dir=None, cache=tmp_path)
    assert calls == [1]
    assert again.get("phrase", "store") == '[["门店",0,"exact"]]'
    assert first.get("phrase", "delay") == '[["延误",0,"verb"]]'
    assert again.get("phrase", "flight") is None
    assert [p.name for p in tmp_path.glob("*.tmp*")] == []  # written by rename, no leftovers


def test_a_store_under_another_key_is_rebuilt_not_read(tmp_path: Path) -> None:
    """Changed rules or data (a new key) must never answer from the old tables."""
    open_store("cedict", "old", lambda: TABLES, package_dir=None, cache=tmp_path)
    new = open_store(
        "cedict", "new", lambda: {"phrase": {"store": "[]"}}, package_dir=None, cache=tmp_path
    )
    assert new.get("phrase", "store") == "[]" and new.get("phrase", "delay") is None


def test_the_packaged_store_is_read_before_the_cache(tmp_path: Path) -> None:
    package, cache = tmp_path / "pkg", tmp_path / "cache"
    package.mkdir()
    cache.mkdir()
    assert write_store(dictionary_store.package_path(package, "ecdict"), "k", TABLES)
    s = open_store("ecdict", "k", _never, package_dir=package, cache=cache)
    assert s.get("phrase", "store") == '[["门店",0,"exact"]]'
    assert list(cache.iterdir()) == []  # nothing built, nothing cached


def test_a_stale_packaged_store_is_rebuilt_in_place(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    assert write_store(dictionary_store.package_path(package, "ecdict"), "old", TABLES)
    s = open_store("ecdict", "new", lambda: {"phrase": {}}, package_dir=package, cache=None)
    assert s.get("phrase", "store") is None
    again = open_store("ecdict", "new", _never, package_dir=package, cache=None)
    assert again.get("phrase", "store") is None  # the next process reads the rebuilt one


def test_a_first_build_goes_into_a_writable_package_else_the_cache(tmp_path: Path) -> None:
    """Why the package first: every later process of that install (and every test run, each
    with its own cache directory) then reads it instead of building again."""
    package, cache = tmp_path / "pkg", tmp_path / "cache"
    package.mkdir()
    cache.mkdir()
    open_store("cedict", "k", lambda: TABLES, package_dir=package, cache=cache)
    assert dictionary_store.package_path(package, "cedict").is_file()
    assert list(cache.iterdir()) == []
    unwritable = tmp_path / "no-such-site-packages"  # as a read-only install: the write fails
    s = open_store("cedict", "k", lambda: TABLES, package_dir=unwritable, cache=cache)
    assert s.get("phrase", "store") == '[["门店",0,"exact"]]'
    assert len(list(cache.glob("cedict-*.sqlite"))) == 1


def test_a_corrupt_or_foreign_cache_file_is_rebuilt(tmp_path: Path) -> None:
    s = open_store("cedict", "k", lambda: TABLES, package_dir=None, cache=tmp_path)
    (path,) = tmp_path.glob("cedict-*.sqlite")
    path.write_bytes(b"not a database")
    s = open_store("cedict", "k", lambda: TABLES, package_dir=None, cache=tmp_path)
    assert s.get("phrase", "store") == '[["门店",0,"exact"]]'
    os.chmod(path, 0o666)  # writable by others: not trusted, rebuilt
    s = open_store("cedict", "k", lambda: {"phrase": {}}, package_dir=None, cache=tmp_path)
    assert s.get("phrase", "store") is None


def test_a_cache_the_disk_refuses_keeps_the_tables_in_memory(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir"
    s = open_store("cedict", "k", lambda: TABLES, package_dir=None, cache=missing)
    assert s.get("phrase", "delay") == '[["延误",0,"verb"]]'


def test_old_cached_stores_are_pruned(tmp_path: Path) -> None:
    for i in range(dictionary_store.MAX_CACHED + 2):
        open_store("cedict", f"k{i}", lambda: TABLES, package_dir=None, cache=tmp_path)
    assert len(list(tmp_path.glob("cedict-*.sqlite"))) == dictionary_store.MAX_CACHED


def test_a_docstring_does_not_change_the_key_but_code_does() -> None:
    base = "X = 1\ndef f(a):\n    return a + X\n"
    documented = '"""Module."""\nX = 1  # one\ndef f(a):\n    """Why."""\n    return a + X\n'
    assert code_key(base) == code_key(documented)
    assert code_key(base) != code_key(base.replace("a + X", "a - X"))


@pytest.mark.parametrize("module", [cedict, ecdict, jieba_words, lemma_store])
def test_the_key_covers_all_the_derivation_code(module: object) -> None:
    """The store key hashes the dictionary module alone: rules it imported from elsewhere in
    the project would change the tables without changing the key (stale tables, wrong
    bridges). Only the store itself may be imported."""
    tree = ast.parse(Path(module.__file__).read_text("utf-8"))  # type: ignore[attr-defined]
    imported = {
        n.module
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and n.module and n.module.split(".")[0] == "nl2sql"
    }
    imported |= {
        a.name
        for n in ast.walk(tree)
        if isinstance(n, ast.Import)
        for a in n.names
        if a.name.split(".")[0] == "nl2sql"
    }
    assert imported == {"nl2sql.vocabulary.dictionary_store"}


def test_a_current_store_answers_without_deriving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lookups a model's bridges make (flights: 航班 for "flight", 延误 for "delay";
    insurance: 保费 for "premium"; ECDICT's 访客 for "visitor", "rule" owning 规则) come from
    the stored tables: deriving is forbidden while they run."""
    stores = {}
    for module in (cedict, ecdict):
        current = module.STORE  # opened from the package, the cache, or built once here
        current()
        stores[module] = current
    caches = [
        cedict.phrase_entries,
        cedict._word,
        cedict._char_set,
        ecdict.chinese_for,
        ecdict._owned_by,
        cedict.known_words,
    ]
    for cached in caches:
        cached.cache_clear()  # type: ignore[attr-defined]
    monkeypatch.setattr(cedict, "derive", _never)
    monkeypatch.setattr(ecdict, "_entries", _never)
    try:
        assert ("航班", 0, "head") in cedict.chinese_for("flight")
        assert ("延误", 0, "verb") in cedict.chinese_for("delay")
        assert ("保费", 0, "head") in cedict.chinese_for("premium")
        assert ("浏览量", 0, "exact") in cedict.chinese_for("pageviews")
        assert cedict.pivot("飞行")[0] == ("fly",)
        assert "赚" in cedict.char_verbs("earn") and cedict.names_a_kind_of("回头客", "customer")
        assert ("访客", 2, "noun") in ecdict.chinese_for("visitor")
        assert "rule" in ecdict.owners("规则") and "order" not in ecdict.owners("规则")
    finally:
        for cached in caches:
            cached.cache_clear()  # type: ignore[attr-defined]


def test_a_lazy_store_opens_once_and_prebuilds_into_its_package(tmp_path: Path) -> None:
    module = tmp_path / "fake_dict.py"
    module.write_text("X = 1\n")
    calls: list[int] = []

    def build() -> dict[str, dict[str, str]]:
        calls.append(1)
        return TABLES

    store = LazyStore("fake", str(module), lambda: "v1", build)
    assert store.prebuild() == tmp_path / "fake.index.sqlite"
    assert store.prebuild() is None  # current: left alone
    assert store().get("phrase", "store") == '[["门店",0,"exact"]]'
    assert store() is store() and calls == [1]


def test_lemmas_and_inflections_are_lemminflects_without_loading_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Verb morphology of two domains (flights: flown/departed; shops: shipped/sold) reads the
    stored answers; lemminflect's own tables are not unpacked for lower-case words, and every
    answer equals lemminflect's."""
    import lemminflect

    words = ("flown", "departed", "departure", "shipped", "sold", "orders", "signup", "qqq")
    expected = {
        w: (
            lemminflect.getAllLemmas(w),
            lemminflect.getAllLemmas(w, upos="VERB"),
            lemminflect.getAllInflections(w, upos="VERB"),
        )
        for w in (*words, "fly", "ship", "sell")
    }
    lemma_store.STORE()  # opened (prebuilt, cached, or built once here)
    lemma_store._table.cache_clear()
    assert lemma_store._table() is not None
    lemma_store.all_lemmas.cache_clear()
    lemma_store.all_inflections.cache_clear()

    def unpacked() -> None:
        raise AssertionError("lemminflect loaded although the store is current")

    monkeypatch.setattr(lemma_store, "_lemminflect", unpacked)
    try:
        for w, (lemmas, verb_lemmas, verb_forms) in expected.items():
            assert lemma_store.all_lemmas(w) == lemmas, w
            assert lemma_store.all_lemmas(w, "VERB") == verb_lemmas, w
            assert lemma_store.all_inflections(w, "VERB") == verb_forms, w
        assert lemma_store.all_lemmas("flown", "VERB") == {"VERB": ("fly",)}
        assert "shipped" in lemma_store.all_inflections("ship", "VERB")["VBD"]
    finally:
        lemma_store.all_lemmas.cache_clear()
        lemma_store.all_inflections.cache_clear()


def test_a_lemminflect_without_its_tables_is_asked_directly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store lists lemminflect's words through its private tables; a release that moved
    them must still answer (each word asked of lemminflect), never fail the vocabulary."""
    from lemminflect.core.Lemmatizer import Lemmatizer

    monkeypatch.delattr(Lemmatizer, "_getLemmaDict")
    module = tmp_path / "lemmas.py"
    module.write_text("X = 1\n")
    store = LazyStore("lemminflect", str(module), lambda: "moved", lemma_store.tables)
    monkeypatch.setattr(lemma_store, "STORE", store)
    lemma_store._table.cache_clear()
    lemma_store.all_lemmas.cache_clear()
    try:
        store.prebuild()
        assert lemma_store._table() is None
        monkeypatch.undo()  # lemminflect whole again: asked directly, answers as usual
        monkeypatch.setattr(lemma_store, "STORE", store)
        assert lemma_store.all_lemmas("departed", "VERB") == {"VERB": ("depart",)}
    finally:
        lemma_store._table.cache_clear()
        lemma_store.all_lemmas.cache_clear()


def test_without_a_built_lemma_store_lemminflect_is_asked_not_derived(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deriving lemminflect's whole table (~4 s) costs more than one process saves by it, so
    a checkout not prepared by make asks lemminflect directly instead of building it."""
    module = tmp_path / "lemmas.py"
    module.write_text("X = 1\n")
    store = LazyStore("lemminflect", str(module), lambda: "v", _never)
    monkeypatch.setattr(lemma_store, "STORE", store)
    monkeypatch.setenv("ORDERLENS_CACHE_DIR", str(tmp_path / "cache"))
    lemma_store._table.cache_clear()
    lemma_store.all_lemmas.cache_clear()
    lemma_store.all_inflections.cache_clear()
    try:
        assert lemma_store.all_lemmas("flown", "VERB") == {"VERB": ("fly",)}
        assert "shipped" in lemma_store.all_inflections("ship", "VERB")["VBD"]
        assert not (tmp_path / "lemminflect.index.sqlite").exists()
    finally:
        lemma_store._table.cache_clear()
        lemma_store.all_lemmas.cache_clear()
        lemma_store.all_inflections.cache_clear()
