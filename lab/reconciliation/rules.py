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
>>> parse_formula("qty * unit_cost", rule="x")
Traceback (most recent call last):
...
lab.reconciliation.errors.RulesError: rule 'x': column 'unit_cost' is not allowed in a formula; use one of: custom_packaging_fee, line_amount, order_deposit_amount, order_discount_amount, order_goods_amount, order_paid_amount, order_shipping_fee, paid_amount, qty, service_hours, tax_rate, unit_price, weight_kg
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlglot
import yaml
from sqlglot import exp

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


def parse_formula(text: str, *, rule: str) -> exp.Expression:
    """Parse one formula into a validated sqlglot expression (weights per order line).

    A leading ``name =`` is accepted (and must name the rule). Anything that is not
    arithmetic over :data:`LINE_COLUMNS`, numeric literals and ROUND/LEAST/GREATEST/ABS/
    COALESCE is rejected with a message naming the rule and the offending token.
    """
    if not isinstance(text, str) or not text.strip():
        raise RulesError(f"rule {rule!r}: formula is empty; write e.g. 'line_amount * 0.05'")
    if len(text) > MAX_FORMULA_CHARS:
        raise RulesError(f"rule {rule!r}: formula longer than {MAX_FORMULA_CHARS} characters")
    try:
        tree = sqlglot.parse(text, read="duckdb")
    except sqlglot.errors.SqlglotError as exc:
        raise RulesError(f"rule {rule!r}: cannot parse formula {text!r}: {exc}") from exc
    if len(tree) != 1 or tree[0] is None:
        raise RulesError(f"rule {rule!r}: formula must be one expression, got {text!r}")
    node = tree[0]
    if isinstance(node, exp.EQ) and isinstance(node.this, exp.Column):
        name = node.this.name
        if name != rule:
            raise RulesError(f"rule {rule!r}: formula assigns {name!r}; it must assign {rule!r}")
        node = node.expression
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
    weight: exp.Expression
    source: str  # 'basis: weight' or the formula text, for the allocations.rule column


@dataclass(frozen=True)
class AllocationRules:
    """The parsed rules file: per-component rules and the file's tolerance, if it sets one."""

    name: str
    components: dict[str, ComponentRule]
    tolerance: float | None = None
    path: str | None = None
    notes: dict = field(default_factory=dict)

    def rule_for(self, component: str) -> ComponentRule:
        """The rule of a component; components the file does not name are split by amount."""
        return self.components.get(component) or ComponentRule(
            component, sqlglot.parse_one("line_amount"), "basis: amount (default)"
        )


def rules_from_dict(data: dict, *, name: str = "rules", path: str | None = None) -> AllocationRules:
    """Validate a rules mapping (the parsed YAML) into :class:`AllocationRules`."""
    where = path or name
    if not isinstance(data, dict) or not isinstance(data.get("components"), dict):
        raise RulesError(f"{where}: expected a mapping with a 'components:' section")
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
                comp, parse_formula(spec["formula"], rule=comp), f"formula: {spec['formula']}"
            )
    tol = data.get("tolerance")
    if tol is not None and (not isinstance(tol, int | float) or not 0 <= tol < 1):
        raise RulesError(f"{where}: tolerance must be a fraction like 0.005, got {tol!r}")
    return AllocationRules(name=name, components=comps, tolerance=tol, path=path)


def load_rules(path: str | Path | None = None) -> AllocationRules:
    """Load a rules YAML file (``None`` = the shipped ``rules/default.yml``).

    >>> sorted(load_rules().components)
    ['commission', 'freight', 'goods', 'rebate', 'refund', 'service', 'tax']
    """
    p = Path(path) if path else DEFAULT_RULES_PATH
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RulesError(f"rules file {p} does not exist; pass --rules FILE") from exc
    except yaml.YAMLError as exc:
        raise RulesError(f"rules file {p} is not valid YAML: {exc}") from exc
    return rules_from_dict(data, name=p.stem, path=str(p))
