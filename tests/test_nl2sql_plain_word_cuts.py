"""A bridged Chinese synonym does not cut a plain word that is a term: 3条规则 is 3 条 规则.

``rules.plain_words``: on an invented firewall model with a ``rule`` dimension, CC-CEDICT's
条规 (rules, regulations) is bridged to it as well as 规则, and, given to jieba as a word,
it took 规 from 规则 after the classifier 条: "命中次数最多的三条规则" was refused for the
unknown 则. Each answer is checked against the data; the probes one word away stay refused
or right.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_pairs

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: packets
    model: ref('packets')
    defaults: {agg_time_dimension: seen_date}
    entities:
      - {name: packet, type: primary, expr: packet_id}
    dimensions:
      - {name: seen_date, type: time, type_params: {time_granularity: day}}
      - {name: rule, type: categorical}
    measures:
      - {name: hits, agg: sum}
metrics:
  - {name: total_hits, label: Total Hits, type: simple, type_params: {measure: hits}}
"""
DATA = """
create table packets (packet_id int, seen_date date, rule varchar, hits int);
insert into packets values
  (1, '2026-01-03', 'deny-telnet', 9), (2, '2026-01-04', 'allow-dns', 4),
  (3, '2026-01-05', 'deny-smb', 7), (4, '2026-02-01', 'allow-dns', 1),
  (5, '2026-02-02', 'drop-icmp', 2);
"""


@pytest.fixture(scope="module")
def firewall(yaml_shop):
    return yaml_shop("plain_word_cuts", MODEL, DATA, TODAY)


@pytest.mark.parametrize("question", ["命中次数最多的三条规则", "命中次数最多的3条规则"])
def test_classifier_before_a_plain_word_is_not_cut(firewall, question) -> None:
    top = firewall.ask(question)
    assert answered_pairs(top, 0) == {"deny-telnet": 9, "deny-smb": 7, "allow-dns": 5}


def test_the_plain_word_alone_is_answered(firewall) -> None:
    assert answered_pairs(firewall.ask("各规则的命中次数"), 0)["allow-dns"] == 5


def test_a_word_no_term_names_stays_refused(firewall) -> None:
    # one word away: 条款 (clause) is no word of the model
    assert firewall.ask("命中次数最多的三条条款").refused
