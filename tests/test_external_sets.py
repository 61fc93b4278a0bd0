"""Every committed external set (tests/eval/external/<slug>/) is whole, loadable and still frozen.

Why: the runner's own tests (test_heldout_external.py) prove its counting on a fixture project;
nothing checked the real sets themselves, which are scored only by ``lab.evaluate`` and the
runner's CLI against fetched projects that CI does not have. A set added with a final half
edited after its hash was recorded, a question without gold or refusal, a half whose ``set:``
names another slug, or a gen.py without ``build`` then surfaced as a failing evaluation late in
a session. These checks read only the committed files (no fetched project, no warehouse), so they
run everywhere in well under a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.evals.heldout import external
from lab.evals.heldout.runner import load_set

SETS = external.all_sets()


def test_the_sets_are_found() -> None:
    # 16 sets at the end of session 29, thelook_masterclass added in session 30
    slugs = {p.name for p in SETS}
    assert len(SETS) >= 17
    assert {"levelup_games", "thelook_masterclass", "regulatory_kpis"} <= slugs


@pytest.mark.parametrize("set_dir", SETS, ids=[p.name for p in SETS])
def test_a_set_loads_and_its_final_half_is_still_frozen(set_dir: Path) -> None:
    ext = external.load_external_set(set_dir)
    external.check_final_frozen(ext)  # raises when final.yaml no longer matches frozen.yaml
    halves = {half: load_set(set_dir / f"{half}.yaml") for half in external.HALVES}
    for half, part in halves.items():
        assert part.name == ext.slug, f"{set_dir}/{half}.yaml names set {part.name!r}"
        assert part.half == half
        assert part.questions, f"{set_dir}/{half}.yaml has no questions"
    ids = [q.id for part in halves.values() for q in part.questions]
    assert len(ids) == len(set(ids)), "an id is used in both halves"
    assert callable(getattr(external._import_gen(ext), "build", None))


def test_the_session_30_set_has_the_shape_its_brief_asked_for() -> None:
    # 40 dev + 24 final, half Chinese, at least 10 must-refuse over both halves
    set_dir = next(p for p in SETS if p.name == "thelook_masterclass")
    dev, final = (load_set(set_dir / f"{h}.yaml") for h in external.HALVES)
    assert (len(dev.questions), len(final.questions)) == (40, 24)
    every = dev.questions + final.questions
    assert sum(q.lang == "zh" for q in every) == 32
    assert sum(q.refuse for q in every) == 11
