"""Order-ID governance: global ids, learned number shapes, consistency rate and conflicts."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from connectors.ids import assign_order_ids, consistency_report, learn_patterns
from connectors.warehouse import ensure_schema
from lab.cli import cli


def test_learn_patterns_merges_lengths_and_keeps_prefixes():
    pats = learn_patterns(
        {"JD99999999999": 100, "JD9999999999999": 20, "WX99999999999999": 80, "S999999999999": 1}
    )
    assert [(p.regex, p.count) for p in pats] == [
        (r"JD\d{11,13}", 120),
        (r"WX\d{14}", 80),
        (r"S\d{12}", 1),
    ]
    assert [p.is_minor for p in pats] == [False, False, True]
    # many different letter codes become a class
    many = {f"{a}{b}99": 1 for a in "ABCDEFGHIJ" for b in "KL"}
    assert learn_patterns(many)[0].regex == r"[A-Za-z]{2}\d{2}"


@pytest.fixture()
def con():
    c = duckdb.connect(":memory:")
    ensure_schema(c)
    c.execute("""insert into orders (order_id, channel, channel_order_no, erp_order_no) values
        ('OL000000007', 'jd', 'JD20260210001', 'SO2602100001'),
        ('OL000000008', 'jd', 'JD20260210002', 'SO2602100002'),
        ('OL000000009', 'jd', 'JD20260210003', 'SO2602100003')""")
    c.execute("""insert into order_id_map values
        ('platform', 'JD20260210001', 'OL000000007', now()),
        ('erp', 'SO2602100001', 'OL000000007', now()),
        ('platform', 'JD20260210002', 'OL000000008', now()),
        ('erp', 'SO2602100002', 'OL000000008', now()),
        ('platform', 'JD20260210003', 'OL000000009', now()),
        ('erp', 'SO2602100003', 'OL000000009', now())""")
    c.execute("""insert into status_snapshots (snapshot_id, order_id, system, status, external_id)
        values ('s1', 'OL000000007', 'erp', 'paid', 'SO2602100001'),
               ('s2', 'OL000000008', 'wms', 'picking', 'S02602100002'),
               ('s3', 'OL000000009', 'crm', 'created', 'JD20260210002')""")
    yield c
    c.close()


def test_assign_order_ids_reuses_known_and_continues_max(con):
    con.execute(
        "create temp table k as select * from (values ('JD20260210002', 1), "
        "('JD20260301001', 2), ('JD20260301000', 3)) t(external_id, _line)"
    )
    assert assign_order_ids(con, "platform", "k", "ids") == (1, 2)
    assert con.execute(
        "select external_id, order_id, is_new from ids order by order_id"
    ).fetchall() == [
        ("JD20260210002", "OL000000008", False),
        ("JD20260301001", "OL000000010", True),
        ("JD20260301000", "OL000000011", True),
    ]


def test_consistency_report_names_each_conflict(con):
    rep = consistency_report(con)
    assert (rep.orders_checked, rep.orders_consistent) == (3, 1)
    assert rep.consistency_rate == pytest.approx(1 / 3)
    got = {(r.order_id, r.system, r.external_id, r.reason) for r in rep.conflicts.itertuples()}
    assert got == {
        ("OL000000008", "wms", "S02602100002", "snapshot id not in order_id_map"),
        ("OL000000009", "crm", "JD20260210002", "snapshot id not in order_id_map"),
    }
    assert rep.patterns["platform"][0].regex == r"JD\d{11}"
    d = rep.to_dict()
    assert d["orders_checked"] == 3 and d["industry_average"] == 0.763
    assert "conflicting" in rep.summary()


def test_demo_conflicts_match_ground_truth(demo_con):
    rep = consistency_report(demo_con)
    labelled = {
        r[0]
        for r in demo_con.execute(
            "select entity_id from anomaly_labels where anomaly_type = 'inconsistent_ids'"
        ).fetchall()
    }
    found = set(rep.conflicts["order_id"])
    assert labelled, "the demo injects inconsistent ids"
    assert len(found & labelled) / len(labelled) >= 0.95  # recall
    assert len(found & labelled) / len(found) >= 0.95  # precision
    assert 0.9 < rep.consistency_rate < 1.0
    assert any(p.regex == r"SO\d{11}" for p in rep.patterns["erp"])


def test_cli_ids_report_json_and_ingest(tmp_path: Path):
    db = tmp_path / "w.duckdb"
    fix = Path(__file__).parent / "fixtures" / "sources"
    runner = CliRunner()
    res = runner.invoke(
        cli,
        [
            "ingest",
            "jd",
            str(fix / "jd_orders_gbk.csv"),
            "--db",
            str(db),
            "--rejects",
            str(tmp_path / "rej"),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "orders +3 new" in res.output and "line 5: bad int in 订购数量" in res.output
    res = runner.invoke(cli, ["ids", "report", "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["consistency_rate"] == 1.0 and data["orders_checked"] == 3
    assert data["patterns"]["platform"][0]["regex"] == r"JD\d{11,12}"
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n", encoding="utf-8")
    res = runner.invoke(cli, ["ingest", "jd", str(bad), "--db", str(db)])
    assert res.exit_code == 1 and "rolled back" in res.output
