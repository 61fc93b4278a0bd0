"""A payer who writes a Chinese customer's name in pinyin (session 11, RECON11).

Found by the third independent statement set: ``SUZHOU QINGHE DIANZI KEJI YOUXIAN GONGSI``
paid exactly what an open order of 苏州青禾电子科技有限公司 was due, with no reference; compared
letter for letter with the customer's name, the payer was a third party and the payment was
held red. Two domains here: a travel agency and a bakery supplier. Expected values by hand.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from connectors.ingest import ingest_files
from connectors.warehouse import connect
from lab.evals.recon_heldout import build
from lab.reconciliation.engine import reconcile_period
from lab.reconciliation.pinyin_names import aliases

WAREHOUSE = {
    "customers": [["T1", "成都锦程国际旅行社有限公司"], ["T2", "广州麦香烘焙有限公司"],
                  ["T3", "宁波明达五金有限公司"], ["T4", "宁波铭达五金有限公司"], ["T5", "李娜"]],
    "orders": [  # id, channel no, erp no, customer, created, goods, shipping, paid, status
        ["V1", "TR2703000001", "SO-8001", "T1", "2027-03-01 09:00", 8650.0, 0, 8650.0, "shipped"],
        ["V2", "TR2703000002", "SO-8002", "T2", "2027-03-01 09:00", 1234.0, 0, 1234.0, "shipped"],
        ["V3", "TR2703000003", "SO-8003", "T3", "2027-03-01 09:00", 777.0, 0, 777.0, "shipped"],
        ["V4", "TR2703000004", "SO-8004", "T5", "2027-03-01 09:00", 505.0, 0, 505.0, "shipped"],
        ["V5", "TR2703000005", "SO-8005", "T2", "2027-03-01 09:00", 990.0, 0, 990.0, "shipped"],
    ],
}  # fmt: skip


def _reconcile(tmp_path: Path, rows: list[str]) -> dict[str, tuple]:
    (tmp_path / "wh").mkdir(parents=True)
    (tmp_path / "wh" / "warehouse.yaml").write_text(yaml.safe_dump(WAREHOUSE, allow_unicode=True))
    path = tmp_path / "s.csv"
    path.write_text(
        "交易日期,交易流水号,收入金额,支出金额,对方户名,摘要\n" + "\n".join(rows) + "\n"
    )
    con = connect(tmp_path / "w.duckdb")
    try:
        build(con, tmp_path / "wh")
        ingest_files(
            con, "bank-csv", [path], rejects_dir=tmp_path / "rej", progress=False,
            options={"currency": "CNY"},  # the account's currency (--currency): the files state none
        )  # fmt: skip
        reconcile_period(con, "2027-03")
        got = con.execute(
            """select b.bank_ref, s.status, s.reason,
                      list(distinct m.order_id order by m.order_id)
                        filter (where m.order_id is not null and m.matched_amount > 0)
               from bank_transactions b left join recon_flow_status s on s.flow_id = b.txn_id
               left join recon_matches m on m.flow_id = b.txn_id group by all"""
        ).fetchall()
    finally:
        con.close()
    return {r[0]: (r[1], r[3] or [], r[2] or "") for r in got}


def test_a_company_written_in_pinyin_pays_its_own_order_by_amount(tmp_path):
    flows = _reconcile(
        tmp_path,
        [
            '2027-03-05,P1,"8,650.00",,CHENGDU JINCHENG GUOJI LVXINGSHE YOUXIAN GONGSI,TRAVEL',
            '2027-03-05,P2,"1,234.00",,"Guangzhou Maixiang Hongbei Co., Ltd.",INVOICE',
            # the reference names the order: the payer is its customer, not a third party
            "2027-03-06,P3,990.00,,GUANGZHOU MAIXIANG HONGBEI,TR2703000005",
        ],
    )
    assert flows["P1"][:2] == ("green", ["V1"])
    assert flows["P1"][2] == (
        'amount, counterparty and date identify V1; the payer "CHENGDU JINCHENG GUOJI LVXINGSHE '
        'YOUXIAN GONGSI" is the customer 成都锦程国际旅行社有限公司 written in pinyin'
    )
    assert flows["P2"][:2] == ("green", ["V2"])
    assert flows["P3"][:2] == ("green", ["V5"]) and "third-party" not in flows["P3"][2]


def test_a_name_two_customers_share_a_person_or_part_of_a_name_stays_a_third_party(tmp_path):
    flows = _reconcile(
        tmp_path,
        [
            "2027-03-05,N1,777.00,,NINGBO MINGDA WUJIN,",  # 明达 and 铭达 are both MINGDA
            "2027-03-05,N2,505.00,,LI NA,",  # a person: many names are LI NA
            '2027-03-05,N3,"1,234.00",,MAIXIANG HONGBEI,',  # without the city: part of a name
        ],
    )
    assert [flows[r][:2] for r in ("N1", "N2", "N3")] == [("red", [])] * 3
    assert "is none of them: review" in flows["N1"][2]


def test_aliases_need_every_character_read_in_order():
    customers = ["上海海风咖啡有限公司", "厦门蓝湾食品有限公司"]
    assert aliases(
        ["SHANGHAI HAIFENG KAFEI", "XIAMEN LANWAN SHIPIN YOUXIAN GONGSI"], customers
    ) == {
        "shanghai haifeng kafei": "上海海风咖啡有限公司",
        "xiamen lanwan shipin youxian gongsi": "厦门蓝湾食品有限公司",
    }
    assert aliases(["SHANGHAI HAIFENG", "XIAMEN LANWAN SHIPIN YOUXIAN", "HAIFENG KAFEI"],
                   customers) == {}  # fmt: skip
