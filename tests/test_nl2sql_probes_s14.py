"""Session-14 probes: one word that changes the answer, on the held-out models' dev side.

Why: issue #12 keeps wrong answers at 0 for questions whose answer turns on one word. 140 such
questions were written before the engine ran on them (scratch set ``probes14``: mf_tutorial,
the synonym-stripped built-in model, a public scooter-rental project); two wrong shapes came
out of the looked-at 100:

- a **count word before a money sum named after its event** ("number of cancellations" on the
  USD value of the cancelled transactions, 取消笔数) answered the USD total as the count; it is
  refused now, offering the amount (``nl2sql/rules/count_of_money.py``);
- "**<amount> per <its own rows>**" with no ratio in the model ("gmv per order": every order is
  one row of GMV) listed every order's GMV, cut at the row limit, where a figure per order was
  asked; it is refused now, offering the listing and the total
  (``rules/passes/average_per._refuse_own_rows``).

Neighbours that must keep their answers are checked with gold SQL written by hand.
"""

from __future__ import annotations

import pytest

from lab.evals.heldout.probes import Probe, ProbeSessions, failure, score_probe
from lab.evals.heldout.probes import probe as _p
from lab.evals.heldout.probes import probe_cases as _params
from lab.evals.heldout.probes import probe_ids as _ids

_CANC = (
    "SUM(CASE WHEN transaction_type_name = 'cancellation' THEN transaction_amount_usd ELSE 0 END)"
)

#: must be refused (each was answered wrong before the fix)
REFUSE: dict[str, list[Probe]] = {
    "mf_tutorial": [
        _p("number of cancellations"),
        _p("how many alterations"),
        _p("取消笔数"),
        _p("取消数量"),
        # the breakdown was this probe's gold until session 23: an amount "per <a thing with
        # its own model>" is now asked back (the average or the list, wrongfix23 class 6)
        _p("transaction amount per customer"),
    ],
    "nosyn": [
        _p("gmv per order"),
        _p("discount amount per order"),
        _p("GMV数"),
        # a status value ('paid') that is also an amount metric's word ("paid amount"), before
        # a noun that is also the count metric's label ("orders"): two readings, asked back
        _p("total paid orders"),
    ],
}

#: neighbours answered right, before and after
RIGHT: dict[str, list[Probe]] = {
    "mf_tutorial": [
        _p("cancellations", f"SELECT {_CANC} FROM transactions"),
        _p("number of transactions", "SELECT COUNT(*) FROM transactions"),
        _p("交易数", "SELECT COUNT(*) FROM transactions"),
        _p(
            "how many quick buy transactions",
            "SELECT COUNT(*) FROM transactions WHERE transaction_type_name = 'quick-buy'",
        ),
    ],
    "nosyn": [
        _p("paid amount per order", "SELECT SUM(paid_amount) * 1.0 / COUNT(*) FROM orders"),
        _p("how many units shipped", "SELECT SUM(units) FROM shipments"),
    ],
}


@pytest.mark.parametrize(("name", "probe"), _params(REFUSE), ids=_ids(REFUSE))
def test_probe_is_refused(probe_sessions: ProbeSessions, name: str, probe: Probe) -> None:
    why = failure(probe, score_probe(probe_sessions, name, probe))
    assert why is None, why


@pytest.mark.parametrize(("name", "probe"), _params(RIGHT), ids=_ids(RIGHT))
def test_probe_is_answered_right(probe_sessions: ProbeSessions, name: str, probe: Probe) -> None:
    outcome = score_probe(probe_sessions, name, probe)
    assert outcome.verdict == "correct", outcome.detail


def test_the_refusals_offer_the_readings_the_model_answers(probe_sessions: ProbeSessions) -> None:
    """The amount for a count of money; the listing and the total for "per <own rows>"."""
    from nl2sql import ask

    model, con = probe_sessions.open("mf_tutorial")
    a = ask("number of cancellations", model=model, con=con, engine="rules", today="2022-04-05")
    assert a.refused and "amount of money" in a.error
    assert a.suggestions == ["Cancellations"]
    model, con = probe_sessions.open("nosyn")
    a = ask("gmv per order", model=model, con=con, engine="rules", today="2026-11-20")
    assert a.refused and "no average" in a.error
    assert a.suggestions == ["gmv by order", "gmv"]
