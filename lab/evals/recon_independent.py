"""``make eval`` lines for independent bank statements: files written as other banks export them.

Why a third statement evaluation: ``recon_statements`` generates its traps with our own writers
(``lab/evals/statement_writers.py``), so a reader habit we never thought of cannot show up there.
This set (``tests/eval/recon_independent/``) was written by hand in session 9, file by file, the
way particular banks export: German MT940 with structured ``?20``–``?32`` :86: and funds codes,
Dutch ``/TRTP/…/REMI/`` free text with zero-padded amounts, HSBC free text, Rabobank
``/CNTP/`` and ``:940:`` headers; camt.053 .001.02 and .001.08 with batches, charges,
``CcyXchg``, ``AddtlNtryInf``, ``RvslInd`` and pending entries; ICBC, CCB, ABC and BOC CSV
exports in GB18030 (with its BOM), GBK and UTF-8 with title rows, totals rows, ``¥``, full-width
digits, ``(1,280.00)`` and overlapping downloads. Each line's outcome was decided in
``truth.yaml`` from the rules (``docs/reconciliation.md``) **before** the engine ran on it.

Two halves: ``dev`` (looked at while fixing) and ``test`` (scored once at the end). Every byte
of the test half is pinned by SHA-256 in ``tests/eval/frozen.yaml``. Each case (one file, or
overlapping files ingested one after the other) runs in a fresh warehouse built from its half's
``warehouse.yaml``. Prints ``recon-independent[half]: lines=N right=R wrong_green=W
wrong_amount=A missed_green=M other=O refusals=r/F`` (bars: wrong_green = wrong_amount = 0).
Expectations per line (found by bank reference, the rows of a split batch summed, or by signed
amount among the lines without a reference, and by a piece of its text, ``memo``, when that
amount repeats; a line keyed by a column the reader keeps as text, not as the serial, is found
by its amount when one serial-less line has it, or by its key in the one such line's memo): ``green`` on exactly ``orders``; ``not_green`` (a flow, yellow or red);
``not_green_or_absent``; ``absent`` (loaded, not a flow); ``not_loaded`` (must never become a
bank line: a pending entry, a totals row); ``once`` (a listing the export repeats: the money
counts at most once). A green line loaded without a serial that no truth line finds (no
serial-less truth line of its amount) is a wrong green of its own: a truth keyed by a column the
reader does not take as the serial would otherwise hide every outcome of the file as ``missing``. A case's ``account_currency`` is what its holder answers when the file is
refused for stating no currency (``null``: nobody answers, and ``refuse`` scores the refusal);
without it the answer is CNY (``recon_flows.ingest_as_user``).

Every later hand-written set (``recon_independent2`` … ) is scored by this same module: each is
one row of ``SETS`` (its directory, its pin's key in ``frozen.yaml``, its ``make eval`` label)
instead of a module of its own — the five modules that used to hold them were the same eleven
lines with another directory. What each set adds is in its own ``README.md``. ``make eval``
prints every set's two lines, in set order; ``python -m lab.evals.recon_independent --set 6
--half dev -v`` prints one half's line and each verdict.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from connectors.errors import IngestError
from connectors.warehouse import connect
from lab.evals.recon_flows import ACCOUNT_CURRENCY, FlowRow, flow_rows, ingest_as_user
from lab.evals.recon_heldout import FROZEN, FrozenTruthError, build
from lab.evals.recon_statements import summary_line
from lab.reconciliation.engine import reconcile_period

SET_DIR = Path(__file__).resolve().parents[2] / "tests" / "eval" / "recon_independent"
HALVES = ("dev", "test")


@dataclass(frozen=True)
class IndependentSet:
    """One hand-written statement set: ``tests/eval/<key>/``, pinned under ``<key>`` in
    ``frozen.yaml``, printed as ``<label>[dev|test]`` (the key with dashes)."""

    number: int
    about: str  # one line: who wrote it and what it brought (its README says the rest)

    @property
    def key(self) -> str:
        """Its directory under ``tests/eval`` and its pin's key in ``frozen.yaml``."""
        return "recon_independent" + (str(self.number) if self.number > 1 else "")

    @property
    def set_dir(self) -> Path:
        """Where its two halves live."""
        return SET_DIR.parent / self.key

    @property
    def label(self) -> str:
        """The name its ``make eval`` lines start with."""
        return self.key.replace("_", "-")


SETS = (
    IndependentSet(1, "session 9: German/Dutch/HSBC MT940, camt.053 .001.02/.08, ICBC/CCB/ABC/BOC"),
    IndependentSet(
        2,
        "session 10: DB/Barclays/StanChart/ING MT940, camt.053 .04/.06/.10, BoCom/"
        "SPDB/CMBC/CITIC pages, apostrophe and space separators, a partial return",
    ),
    IndependentSet(
        3,
        "session 11: bank XLSX, 万元, camt.054, MT942, BAI2, a chargeback, unnamed "
        "returns, a chain gap between files",
    ),
    IndependentSet(
        4,
        "session 13: Alipay ledger, US and German/ING CSVs, each threshold on both "
        "sides, an MT940 RC reversed by an RD",
    ),
    IndependentSet(
        5,
        "session 14, blind: WeChat Pay 资金账单, Nationwide/Monzo GBP, 平安/广发 对公 "
        "with 摘要 and 用途, thresholds exactly at their edges",
    ),
    IndependentSet(
        6,
        "session 15, blind: 招商银行/建设银行 downloads, Sparkasse CSV-CAMT, Wise, "
        "three decimals, overlapping downloads",
    ),
    IndependentSet(
        7,
        "session 16, blind: 光大 对公 CSV, 邮储 XLSX, red-ink 冲正, Revolut, Bank of America, "
        "a 拉卡拉/银联商务 POS settlement fed as a statement",
    ),
    IndependentSet(
        8,
        "session 17, blind: 兴业 XLSX with 发生额 over 借方/贷方, 北京银行 GBK, BOC and BOCHK "
        "MT940, camt.053 batches and charges, a USD CSV, red ink in the debit column",
    ),
    IndependentSet(
        9,
        "session 18, blind: 浙商 XLSX with debits only in red font, 宁波银行 GBK 收付标志, "
        "Commerzbank/UniCredit ZKA MT940, an Italian EUR CSV, a PayPal activity download",
    ),
    IndependentSet(
        10,
        "session 19, blind: 江苏/华夏/网商银行 对公 CSVs with unlisted column names (记账日, "
        "对方账户名, 主机流水号, 交易摘要), Citibank/HSBC China English CSVs, an OFX fed as CSV",
    ),
    IndependentSet(
        11,
        "session 20, blind: 上海银行/徽商银行 XLSX with totals and notes rows, 南京银行 signed CSV "
        "with a trailing empty column, a VR-Bank CNY CSV, Lloyds and Starling CSVs",
    ),
    IndependentSet(
        12,
        "session 21, blind: 杭州银行 GBK / 渤海银行 借贷标志 CSVs, Chase rows longer than their "
        "header, Crédit Mutuel U+202F, DBS, PostFinance CHF, a headerless Wells Fargo CSV",
    ),
    IndependentSet(
        13,
        "session 22, blind: 青岛银行/长沙银行 CSVs, DBS and OCBC CNY accounts, PostFinance and ZKB "
        "CHF, 三菱UFJ/三井住友 JPY (Shift_JIS, katakana payers), an Itaú BRL extrato",
    ),
    IndependentSet(
        14,
        "session 23, blind: 成都银行/厦门银行 CSVs, Hang Seng and UOB CNY accounts, cantonal banks "
        "(Betrag CHF), Brazilian, Korean (cp949), Polish, Nordic CSVs",
    ),
    IndependentSet(
        15,
        "session 24, blind: 天津银行/重庆银行 CSVs, BEA and Dah Sing CNY accounts, Central European "
        "cp1250, Swedish, Finnish, Spanish mixed formats, Turkish, Indian lakh grouping",
    ),
    IndependentSet(
        16,
        "session 25, blind: 苏州银行/郑州银行 CSVs, EACT-style MT940 and Swiss camt.053 (Strd) of CNY "
        "accounts, Hungarian, Turkish Borç/Alacak, Czech, Romanian (currency in the footer), Greek",
    ),
    IndependentSet(
        17,
        "session 26: 广州银行/大连银行 PDF-to-CSV exports (page lines, bracketed debits, 年月日), "
        "Maybank/CIMB CNY accounts, VND, DKK, THB (Buddhist era), UAH, JPY (令和), BAI2, OFX",
    ),
    IndependentSet(
        18,
        'session 27: 东莞银行/贵阳银行 Excel CSVs (="…" cells, trailing minus), Mandiri/BCA CNY '
        "accounts (Indonesian), ILS (right-to-left marks), MXN (SPEI), ZAR, PHP, two-digit BE years",
    ),
    IndependentSet(
        19,
        "session 28: 西安银行/齐鲁银行 CSVs (a misprinted balance, the last line cut off), Sberbank/VTB "
        "CNY accounts (Russian), TWD (民國 years), SAR/EGP (Arabic-Indic digits), CLP, AUD",
    ),
    IndependentSet(
        20,
        "session 29: 哈尔滨银行/盛京银行 CSVs (tabs, a failed transfer, a page repeat, '+' signs), Halyk/"
        "Khan Bank CNY accounts (Russian, Mongolian), M-PESA, NGN, PEN, CAD/USD, PKR, COP, NZD",
    ),
    IndependentSet(
        21,
        "session 30: 吉林银行 GBK / 内蒙古银行 UTF-16 exports (bare-digit dates, 本日合计, revoked transfers), "
        "Uzbek/Georgian CNY accounts, GHS, LKR, ARS, Polish MT940 '~', TZS, ISK, MAD, KWD",
    ),
)


def independent_set(number: int) -> IndependentSet:
    """The set numbered ``number`` (1 is ``recon_independent``)."""
    found = [s for s in SETS if s.number == number]
    if not found:
        raise ValueError(f"no independent set {number}: there are {[s.number for s in SETS]}")
    return found[0]


Row = FlowRow  # the name the scorer and its tests use for one loaded line


def half_sha256(half_dir: Path) -> str:
    """One SHA-256 over every file of a half (names and bytes, in name order)."""
    h = hashlib.sha256()
    for path in sorted(p for p in half_dir.iterdir() if p.is_file()):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def load_truth(
    half: str, set_dir: Path = SET_DIR, frozen: Path = FROZEN, key: str = "recon_independent"
) -> dict[str, Any]:
    """The half's truth; the test half only after its bytes are checked against the pin
    ``frozen.yaml → reconciliation.<key>``."""
    half_dir = set_dir / half
    if half == "test":
        pinned = yaml.safe_load(frozen.read_text())["reconciliation"][key]
        if half_sha256(half_dir) != pinned["test_sha256"]:
            raise FrozenTruthError(
                f"{half_dir} changed after it was frozen (SHA-256 differs from {frozen}); "
                "restore it with git: a new truth needs a new, unrun set"
            )
    truth: dict[str, Any] = yaml.safe_load((half_dir / "truth.yaml").read_text())
    return truth


def run_case(
    case: dict[str, Any],
    half_dir: Path,
    period: str,
    work: Path,
    notes: list[str] | None = None,
) -> tuple[list[Row], str | None]:
    """Ingest the case's files one after the other into a fresh warehouse and reconcile;
    the ingest reports' notes (a statement missing between two) are added to ``notes``."""
    work.mkdir(parents=True)
    con = connect(work / "w.duckdb")
    refused = None
    try:
        build(con, half_dir)
        for name in case["files"]:
            try:
                report = ingest_as_user(
                    con,
                    case["format"],
                    [half_dir / name],
                    rejects_dir=work / "rej",
                    options=case.get("options"),
                    account_currency=case.get("account_currency", ACCOUNT_CURRENCY),
                )
                if notes is not None:
                    notes += [n for f in report.files for n in f.notes]
            except IngestError as exc:
                refused = f"{refused + ' | ' if refused else ''}{exc}"
        reconcile_period(con, period)
        rows = flow_rows(con)
    finally:
        con.close()
    return rows, refused


def verdict(want: dict[str, Any], rows: list[Row]) -> str:
    """One expected line against the loaded rows (see the module doc for the expectations)."""
    amount = Decimal(want["amount"])
    expect = want["expect"]
    if "ref" in want:
        got = [r for r in rows if r.ref == want["ref"]]
    else:  # a line without a bank serial (a totals row): not one of the file's real lines
        got = [r for r in rows if r.ref is None and r.amount == amount]
        if "memo" in want:  # two serial-less lines of one amount: a piece of its text says which
            got = [r for r in got if want["memo"] in r.memo]
    if expect == "not_loaded":
        return "wrong_amount" if got else "right"
    if not got:
        return "missing"
    orders = tuple(sorted(want.get("orders") or ()))
    if expect == "once":
        greens = [r for r in got if r.colour == "green"]
        if any(r.amount != amount for r in got):
            return "wrong_amount"
        if len(greens) > 1 or any(tuple(sorted(r.orders)) != orders for r in greens):
            return "wrong_green"
        return "right"
    if len(got) > 1:
        if sum((r.amount for r in got), Decimal(0)) != amount:
            return "wrong_amount"  # e.g. one line loaded twice from overlapping exports
        colours = [r.colour for r in got]  # a batch split into one line per payer
        worst = next((c for c in ("red", "yellow", None, "green") if c in colours), None)
        got = [Row(got[0].ref, amount, worst, tuple(sorted({o for r in got for o in r.orders})),
                   "; ".join(r.reason for r in got))]  # fmt: skip
    row = got[0]
    if row.amount != amount:
        return "wrong_amount"
    if row.colour == "green":
        return (
            "right"
            if expect == "green" and tuple(sorted(row.orders)) == orders
            else ("wrong_green")
        )
    if expect == "green":
        return "missed_green"
    if expect == "absent":
        return "right" if row.colour is None else "other"
    if expect == "not_green":
        return "right" if row.colour in ("yellow", "red") else "other"
    return "right"  # not_green_or_absent


def by_amount_where_unserialled(
    wants: list[dict[str, Any]], rows: list[Row]
) -> list[dict[str, Any]]:
    """The truth lines of a case, each keyed by a serial no loaded line carries re-keyed by its
    amount when that finds exactly one line loaded without a serial and no other truth line
    claims that amount (session 29).

    Why: a truth keyed by a column the reader does not take as the bank's serial (set 17's
    ``Cheque/Ref No``, set 19's ``Номер операции`` before it was read) scored every line of the
    file ``missing`` — a green there, right or wrong, was never looked at, and the guard below
    could only count it as unclaimed. Found by its amount, the line is scored for what it is.
    A ``not_loaded`` line is never re-keyed (another line of its amount is not it).

    >>> r = [Row(None, Decimal("5.00"), "green", ("O1",), "", ""),
    ...      Row("S2", Decimal("7.00"), "yellow", (), "", "")]
    >>> by_amount_where_unserialled([{"ref": "X1", "amount": "5.00", "expect": "green"},
    ...                              {"ref": "S2", "amount": "7.00", "expect": "not_green"}], r)
    [{'amount': '5.00', 'expect': 'green'}, {'ref': 'S2', 'amount': '7.00', 'expect': 'not_green'}]
    """
    loaded = {r.ref for r in rows if r.ref is not None}
    loose = [r.amount for r in rows if r.ref is None]
    lost = [w for w in wants if "ref" in w and w["ref"] not in loaded]
    claims = [Decimal(w["amount"]) for w in wants if "ref" not in w or w in lost]
    out = []
    for w in wants:
        amount = Decimal(w["amount"])
        if w in lost and w["expect"] != "not_loaded":
            if loose.count(amount) == 1 and claims.count(amount) == 1:
                w = {k: v for k, v in w.items() if k != "ref"}
            elif _named_in_one_memo(w, rows, lost):
                w = {**{k: v for k, v in w.items() if k != "ref"}, "memo": w["ref"]}
        out.append(w)
    return out


def _named_in_one_memo(want: dict[str, Any], rows: list[Row], lost: list[dict[str, Any]]) -> bool:
    """Whether a lost-serial truth line of a repeated amount is told apart by its key in the
    text: exactly one line loaded without a serial has its amount and the key (a word of its
    memo, three characters at least), and no other lost truth line of that amount has a key
    in that line's memo (session 30).

    Why: lines of one amount in a file whose truth keys by a column the reader does not take
    as the serial stayed ``missing`` (unverified) — the amount alone cannot tell them apart.
    The reader keeps such a column's text in the memo, so the key finds its line there; a key
    that is part of a longer number (``12`` in ``4120``) or names two lines finds none.

    >>> r = [Row(None, Decimal("5.00"), "green", ("O1",), "", "pay O1 CHQ 100231"),
    ...      Row(None, Decimal("5.00"), "red", (), "", "pay CHQ 100232")]
    >>> lost = [{"ref": "100231", "amount": "5.00"}, {"ref": "100232", "amount": "5.00"}]
    >>> [_named_in_one_memo(w, r, lost) for w in lost], _named_in_one_memo({"ref": "1002",
    ...  "amount": "5.00"}, r, lost)
    ([True, True], False)
    """
    key = str(want["ref"])
    amount = Decimal(want["amount"])
    if len(key) < 3:
        return False
    word = re.compile(rf"(?<![0-9A-Za-z]){re.escape(key)}(?![0-9A-Za-z])")
    same = [r for r in rows if r.ref is None and r.amount == amount]
    hits = [r for r in same if key in r.memo]
    if len(hits) != 1 or not word.search(hits[0].memo):
        return False
    others = [w for w in lost if w is not want and Decimal(w["amount"]) == amount]
    return not any(str(w["ref"]) in hits[0].memo for w in others)


def score_half(
    half: str, set_dir: Path = SET_DIR, key: str = "recon_independent"
) -> list[tuple[str, str, str]]:
    """(case, line, verdict) for every expectation of the half, plus one per expected refusal."""
    truth = load_truth(half, set_dir, key=key)
    out: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="orderlens-recon-independent-") as tmp:
        for i, case in enumerate(truth["cases"]):
            notes: list[str] = []
            rows, refused = run_case(
                case, set_dir / half, truth["period"], Path(tmp) / str(i), notes
            )
            if case.get("refuse") is not None:
                ok = bool(refused) and case["refuse"] in str(refused)
                out.append((case["name"], f"refused: {refused}", "refusal_right" if ok
                            else "refusal_wrong"))  # fmt: skip
            if case.get("note") is not None:  # the ingest report must say it (a line of its own)
                said = any(case["note"] in n for n in notes)
                out.append((case["name"], f"note '{case['note']}' in {notes}",
                            "right" if said else "other"))  # fmt: skip
            for want in by_amount_where_unserialled(case["lines"], rows):
                v = verdict(want, rows)
                key = want.get("ref") or f"amount {want['amount']}"
                seen = [r for r in rows if r.ref == want.get("ref")] if "ref" in want else []
                note = (
                    f" [{seen[0].colour} {list(seen[0].orders)} {seen[0].reason}]" if seen else ""
                )
                if refused and v == "missing":
                    note = f" [file refused: {refused}]"
                out.append((case["name"], f"{key} want {want['expect']}{note}", v))
            out += _unclaimed_greens(
                {**case, "lines": by_amount_where_unserialled(case["lines"], rows)}, rows
            )
    return out


def _unclaimed_greens(case: dict[str, Any], rows: list[Row]) -> list[tuple[str, str, str]]:
    """A wrong green for each green line loaded without a serial that no truth line can find.

    Why: a truth line is found by the bank's serial; a file whose serial column the reader does
    not take loads its lines without one, every truth line scores ``missing`` (other), and a
    green among the loaded lines — right or wrong — was never looked at (session 28: a set's
    lines keyed by a column the reader rightly took as no serial hid a wrong green). A line
    *with* a serial the truth does not name is not counted: some cases list only the lines
    their point is about (an export ingested twice). A serial-less green is claimed by the
    amount of a serial-less truth line, or of a truth line whose serial no loaded line carries
    (lines of one amount the scorer cannot tell apart: unverified, scored ``missing``, not wrong).
    """
    loaded = {r.ref for r in rows if r.ref is not None}
    amounts = {
        Decimal(w["amount"]) for w in case["lines"] if "ref" not in w or w["ref"] not in loaded
    }
    return [
        (case["name"], f"unclaimed green line {r.amount}: loaded without a serial, no truth "
         "line names it", "wrong_green")
        for r in rows
        if r.colour == "green" and r.ref is None and r.amount not in amounts
    ]  # fmt: skip


def line(half: str, verdicts: list[str], label: str = "recon-independent") -> str:
    """The summary line of one half."""
    return summary_line(f"{label}[{half}]", verdicts)


def run(db: str | Path) -> list[str]:
    """Every set's two lines, in set order (``db`` is not used: each case brings its own
    warehouse)."""
    return [
        line(half, [v for _, _, v in score_half(half, s.set_dir, s.key)], s.label)
        for s in SETS
        for half in HALVES
    ]


def main(argv: list[str] | None = None) -> int:
    """``python -m lab.evals.recon_independent --set 6 --half dev -v``: the line, and each
    verdict (``--set`` defaults to the first set)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=int, default=1, choices=[s.number for s in SETS])
    parser.add_argument("--half", choices=HALVES, default="dev")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    chosen = independent_set(args.set)
    results = score_half(args.half, chosen.set_dir, chosen.key)
    if args.verbose:
        for case, what, v in results:
            print(f"{v:13} {case.split()[0]:4} {what}")
    print(line(args.half, [v for _, _, v in results], chosen.label))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
