"""The fifth independent bank-statement evaluation (set 5 of ``lab.evals.recon_independent``).

What is asserted (the pin and the disjointness from the other sets are checked for every set in
``tests/test_recon_independent_sets.py``): the "downloaded again under
another name" files really are the same bytes (so those cases test the ingest's content hash,
not a second statement).
"""

from __future__ import annotations

import pytest

from lab.evals import recon_independent as ri

ri5 = ri.independent_set(5)


@pytest.mark.parametrize("half", ri.HALVES)
def test_the_renamed_download_is_the_same_export(half):
    truth = ri.load_truth(half, ri5.set_dir, key=ri5.key)
    case = next(c for c in truth["cases"] if c["name"].startswith("f2 "))
    first, again = (ri5.set_dir / half / f for f in case["files"])
    assert first.name != again.name
    assert first.read_bytes() == again.read_bytes()
