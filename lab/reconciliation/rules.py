"""Allocation rules finance can edit: a YAML file of components, bases and safe formulas.

Why YAML and a parser of our own: the people who know how freight or commission should be
split are accountants, not programmers. They edit ``rules/default.yml``; a formula such as
``commission = paid_amount * 0.05 + custom_packaging_fee * 1.2`` is parsed with sqlglot and
accepted only if every node is arithmetic on allow-listed line columns, numbers and a few
functions (ROUND, LEAST, GREATEST, ABS, COALESCE). Nothing is ever ``eval``-ed and no text of
the file reaches SQL except through the validated sqlglot tree.

>>> rule = parse_formula("commission = paid_amount * 0.05 + custom_packaging_fee * 1.2", rule="commission")
>>> rule.sql(dialect="duckdb")
'paid_amount * 0.05 + custom_packaging_fee * 1.2'

Formulas may be written as the article writes them — Chinese names, ``×``, ``÷``, ``%`` and
full-width operators. :func:`normalise_formula` turns them into ASCII arithmetic first (NFKC,
``×``→``*``, ``÷``→``/``, ``5%``→``0.05``, names→columns through the file's ``names:``), then
sqlglot parses and validates the result as above:

>>> names = {"订单实付": "paid_amount", "定制包装费": "custom_packaging_fee"}
>>> parse_formula("京东平台佣金=订单实付×5%+定制包装费×1.2", rule="jd", names=names).sql()
'paid_amount * 0.05 + custom_packaging_fee * 1.2'
>>> parse_formula("qty * unit_cost", rule="x")
Traceback (most recent call last):
...
lab.reconciliation.errors.RulesError: rule 'x': column 'unit_cost' is not allowed in a formula; use one of: custom_packaging_fee, line_amount, order_deposit_amount, order_discount_amount, order_goods_amount, order_paid_amount, order_shipping_fee, paid_amount, qty, service_hours, tax_rate, unit_price, weight_kg
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import sqlglot
import yaml
from sqlglot import exp

from connectors.bounded_yaml import read_yaml_file
from connectors.yaml_shape import shape_problems
from lab.reconciliation.errors import RulesError

DEFAULT_RULES_PATH = Path(__file__).parent / "rules" / "default.yml"

#: Columns a formula may use: one row per order line, order figures prefixed ``order_``;
#: ``paid_amount`` is the line's share of the order's paid amount (by line amount).
LINE_COLUMNS: dict[str, str] = {
    "line_amount": "qty × unit price of the line",
    "qty": "units on the line",
    "unit_price": "selling price per unit",
    "weight_kg": "shipping weight of the line",
    "service_hours": "service hours sold with the line",
    "custom_packaging_fee": "custom packaging fee charged on the line",
    "paid_amount": "the line's share of the order's paid amount",
    "tax_rate": "VAT rate of the order",
    "order_paid_amount": "the order's paid amount",
    "order_goods_amount": "the order's goods amount",
    "order_shipping_fee": "the order's shipping fee",
    "order_discount_amount": "the order's discount",
    "order_deposit_amount": "the order's pre-sale deposit",
}

#: Named bases: shorthand for the common weights.
BASES: dict[str, str] = {
    "amount": "line_amount",
    "quantity": "qty",
    "weight": "weight_kg",
    "service_hours": "service_hours",
    "equal": "1",
}

COMPONENTS = ("goods", "freight", "service", "commission", "rebate", "tax", "refund")

_ALLOWED_FUNCS = (exp.Round, exp.Least, exp.Greatest, exp.Abs, exp.Coalesce)
_ALLOWED_NODES = (
    exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Neg, exp.Paren, exp.Literal, exp.Column,
    exp.Identifier, *_ALLOWED_FUNCS,
)  # fmt: skip
MAX_FORMULA_CHARS = 500


_OPERATORS = {"×": "*", "✕": "*", "✖": "*", "÷": "/"}
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_LABEL = re.compile(r"^\s*([^=<>!]+?)\s*=(?!=)")


def normalise_formula(text: str, names: dict[str, str] | None = None) -> tuple[str | None, str]:
    """``(label, arithmetic)`` of a formula as people write it, ready for sqlglot.

    NFKC folds full-width characters (``＋－（）＝％``) to ASCII; ``×``/``÷`` become ``*``/``/``;
    ``5%`` becomes the exact decimal ``0.05``; every name of ``names`` (longest first, never
    inside an ASCII identifier) becomes its column. A leading ``label =`` is split off.

    >>> normalise_formula("佣金＝（订单实付＋1）×0.5%", {"订单实付": "paid_amount"})
    ('佣金', '( paid_amount +1)*0.005')
    """
    out = unicodedata.normalize("NFKC", text)
    for sign, ascii_op in _OPERATORS.items():
        out = out.replace(sign, ascii_op)
    out = _PERCENT.sub(lambda m: format(Decimal(m.group(1)) / 100, "f"), out)
    label = None
    m = _LABEL.match(out)
    if m:
        label, out = m.group(1).strip(), out[m.end() :]
    given = names or {}
    for name in sorted(given, key=len, reverse=True):
        pattern = rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])"
        out = re.sub(pattern, f" {given[name]} ", out)
    return label, out.strip()


def parse_formula(text: str, *, rule: str, names: dict[str, str] | None = None) -> exp.Expr:
    """Parse one formula into a validated sqlglot expression (an amount per order line).

    A leading ``name =`` is accepted: an identifier must name the rule, a label in words
    (``京东平台佣金``) is free. Anything that is not arithmetic over :data:`LINE_COLUMNS` (or a
    name of ``names``), numeric literals and ROUND/LEAST/GREATEST/ABS/COALESCE is rejected
    with a message naming the rule and the offending token.
    """
    if not isinstance(text, str) or not text.strip():
        raise RulesError(f"rule {rule!r}: formula is empty; write e.g. 'line_amount * 0.05'")
    if len(text) > MAX_FORMULA_CHARS:
        raise RulesError(f"rule {rule!r}: formula longer than {MAX_FORMULA_CHARS} characters")
    label, text = normalise_formula(text, names)
    if label is not None and not label.isidentifier():
        raise RulesError(
            f"rule {rule!r}: the left of '=' must be a name, got {label!r}; write "
            "'name = arithmetic' or the arithmetic alone"
        )
    if label is not None and label.isascii() and label != rule:
        raise RulesError(f"rule {rule!r}: formula assigns {label!r}; it must assign {rule!r}")
    unknown = re.findall(r"[^\x00-\x7f]+", text)
    if unknown:
        raise RulesError(
            f"rule {rule!r}: unknown name {unknown[0]!r} in formula; map it to a line column "
            f"under 'names:' in the rules file (columns: {', '.join(sorted(LINE_COLUMNS))})"
        )
    try:
        tree = sqlglot.parse(text, read="duckdb")
    except sqlglot.errors.SqlglotError as exc:
        raise RulesError(f"rule {rule!r}: cannot parse formula {text!r}: {exc}") from exc
    if len(tree) != 1 or tree[0] is None:
        raise RulesError(f"rule {rule!r}: formula must be one expression, got {text!r}")
    node = tree[0]
    for sub in node.walk():
        if not isinstance(sub, _ALLOWED_NODES):
            token = sub.sql(dialect="duckdb") or type(sub).__name__
            kind = "function" if isinstance(sub, exp.Func) else "token"
            raise RulesError(
                f"rule {rule!r}: {kind} {token!r} is not allowed in a formula; use arithmetic "
                "(+ - * /), numbers, line columns and ROUND/LEAST/GREATEST/ABS/COALESCE"
            )
        if isinstance(sub, exp.Literal) and sub.is_string:
            raise RulesError(f"rule {rule!r}: text literal {sub.sql()!r} is not allowed")
        if isinstance(sub, exp.Column) and (sub.table or sub.name not in LINE_COLUMNS):
            raise RulesError(
                f"rule {rule!r}: column {sub.sql()!r} is not allowed in a formula; use one "
                f"of: {', '.join(sorted(LINE_COLUMNS))}"
            )
    return node


@dataclass(frozen=True)
class ComponentRule:
    """How one component is split over an order's lines: a weight expression per line."""

    component: str
    weight: exp.Expr
    source: str  # 'basis: weight' or the formula text, for the allocations.rule column


@dataclass(frozen=True)
class FeeRule:
    """The fee a platform should withhold on a settlement bill: an amount per order line.

    Reconciliation sums it over the bill's order (pro rata when a bill pays part of the order)
    and compares it with the bill's ``fee_amount``: a difference above the tolerance is yellow.
    """

    platform: str
    amount: exp.Expr
    source: str  # the formula as written in the rules file


@dataclass(frozen=True)
class AllocationRules:
    """The parsed rules file: per-component rules, platform fee formulas, the tolerance."""

    name: str
    components: dict[str, ComponentRule]
    tolerance: float | None = None
    path: str | None = None
    notes: dict = field(default_factory=dict)
    fees: dict[str, FeeRule] = field(default_factory=dict)

    def rule_for(self, component: str) -> ComponentRule:
        """The rule of a component; components the file does not name are split by amount."""
        return self.components.get(component) or ComponentRule(
            component, sqlglot.parse_one("line_amount"), "basis: amount (default)"
        )


_FORMULA = {"type": "object", "properties": {"formula": {"type": "string"}}}
#: the shapes of the keys a rules file holds (see docs/reconciliation.md)
_SCHEMA = {
    "type": "object",
    "properties": {
        "tolerance": {"type": ["number", "null"]},
        "names": {"type": ["object", "null"], "additionalProperties": {"type": "string"}},
        "components": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {"basis": {"type": "string"}, "formula": {"type": "string"}},
            },
        },
        "fees": {"type": ["object", "null"], "additionalProperties": _FORMULA},
    },
}


def rules_from_dict(data: dict, *, name: str = "rules", path: str | None = None) -> AllocationRules:
    """Validate a rules mapping (the parsed YAML) into :class:`AllocationRules`."""
    where = path or name
    if not isinstance(data, dict) or not isinstance(data.get("components"), dict):
        raise RulesError(f"{where}: expected a mapping with a 'components:' section")
    problems = shape_problems(_SCHEMA, data, "a rules file expects")
    if problems:  # a wrong shape raised AttributeError / TypeError below (s20)
        raise RulesError(f"{where}: {'; '.join(problems)}; see docs/reconciliation.md")
    names = _names(data.get("names") or {}, where)
    comps: dict[str, ComponentRule] = {}
    for comp, spec in data["components"].items():
        if comp not in COMPONENTS:
            raise RulesError(
                f"{where}: component {comp!r} is unknown; use one of {', '.join(COMPONENTS)}"
            )
        if not isinstance(spec, dict) or len({"basis", "formula"} & set(spec)) != 1:
            raise RulesError(f"{where}: component {comp!r} needs exactly one of basis: or formula:")
        if "basis" in spec:
            basis = spec["basis"]
            if basis not in BASES:
                raise RulesError(
                    f"{where}: component {comp!r} has basis {basis!r}; use one of "
                    f"{', '.join(BASES)} or a formula:"
                )
            comps[comp] = ComponentRule(comp, sqlglot.parse_one(BASES[basis]), f"basis: {basis}")
        else:
            comps[comp] = ComponentRule(
                comp,
                parse_formula(spec["formula"], rule=comp, names=names),
                f"formula: {spec['formula']}",
            )
    tol = data.get("tolerance")
    if tol is not None and (not isinstance(tol, int | float) or not 0 <= tol < 1):
        raise RulesError(f"{where}: tolerance must be a fraction like 0.005, got {tol!r}")
    fees: dict[str, FeeRule] = {}
    for platform, spec in (data.get("fees") or {}).items():
        if not isinstance(spec, dict) or set(spec) != {"formula"}:
            raise RulesError(
                f"{where}: fee of platform {platform!r} needs exactly 'formula:' (the fee per "
                "order line, e.g. '订单实付×5%')"
            )
        fees[str(platform)] = FeeRule(
            str(platform),
            parse_formula(spec["formula"], rule=str(platform), names=names),
            str(spec["formula"]),
        )
    return AllocationRules(name=name, components=comps, tolerance=tol, path=path, fees=fees)


def _names(raw: object, where: str) -> dict[str, str]:
    """The file's ``names:`` (word in formulas → line column), checked."""
    if not isinstance(raw, dict):
        raise RulesError(
            f"{where}: 'names:' must map words to line columns, e.g. 订单实付: paid_amount"
        )
    for word, column in raw.items():
        if column not in LINE_COLUMNS:
            raise RulesError(
                f"{where}: name {word!r} maps to {column!r}, which is not a line column; use "
                f"one of: {', '.join(sorted(LINE_COLUMNS))}"
            )
    return {str(k): str(v) for k, v in raw.items()}


def load_rules(path: str | Path | None = None) -> AllocationRules:
    """Load a rules YAML file (``None`` = the shipped ``rules/default.yml``).

    >>> sorted(load_rules().components)
    ['commission', 'freight', 'goods', 'rebate', 'refund', 'service', 'tax']
    """
    p = Path(path) if path else DEFAULT_RULES_PATH
    try:
        data = read_yaml_file(p)  # bounded: an alias bomb hung reconcile (s19)
    except FileNotFoundError as exc:
        raise RulesError(f"rules file {p} does not exist; pass --rules FILE") from exc
    except yaml.YAMLError as exc:
        raise RulesError(f"rules file {p} is not valid YAML: {exc}") from exc
    return rules_from_dict(data, name=p.stem, path=str(p))
