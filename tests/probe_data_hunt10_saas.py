"""Wrong-answer hunt, session 10: the third tiny model's probes (data), a SaaS vendor.

Accounts, invoices that keep an amount as a measure only, logins that keep no money, and
partners reached through a mapping table that covers a quarter of the accounts (a context noun
reached through a join). Written like ``tests/probe_data_hunt10.py``: each probe a question with
its gold SQL (any one of several equally right readings) or none (must be refused), written
before the engine was run on it.
"""

from __future__ import annotations

SAAS = """
semantic_models:
  - name: accounts
    model: ref('accounts')
    defaults: {agg_time_dimension: signed_up}
    entities:
      - {name: account, type: primary, expr: account_id}
    dimensions:
      - {name: signed_up, type: time, type_params: {time_granularity: day}}
      - {name: industry, type: categorical}
      - {name: plan_tier, type: categorical}
    measures:
      - {name: account_rows, agg: count, expr: account_id}
  - name: partner_mapping
    model: ref('partner_mapping')
    entities:
      - {name: account, type: primary, expr: account_id}
      - {name: partner, type: foreign, expr: partner_id}
  - name: partners
    model: ref('partners')
    entities:
      - {name: partner, type: primary, expr: partner_id}
    dimensions:
      - {name: partner_name, type: categorical}
  - name: invoices
    model: ref('invoices')
    defaults: {agg_time_dimension: issued_on}
    entities:
      - {name: invoice, type: primary, expr: invoice_id}
      - {name: account, type: foreign, expr: account_id}
    dimensions:
      - {name: issued_on, type: time, type_params: {time_granularity: day}}
      - {name: status, type: categorical}
    measures:
      - {name: invoice_rows, agg: count, expr: invoice_id}
      - {name: amount_sum, agg: sum, expr: amount}
  - name: logins
    model: ref('logins')
    defaults: {agg_time_dimension: logged_on}
    entities:
      - {name: login, type: primary, expr: login_id}
      - {name: account, type: foreign, expr: account_id}
    dimensions:
      - {name: logged_on, type: time, type_params: {time_granularity: day}}
      - {name: device, type: categorical}
    measures:
      - {name: login_rows, agg: count, expr: login_id}
metrics:
  - {name: accounts, label: Accounts, type: simple, type_params: {measure: account_rows}}
  - {name: invoices, label: Invoices, type: simple, type_params: {measure: invoice_rows}}
  - {name: invoiced_amount, label: Invoiced amount, type: simple,
     type_params: {measure: amount_sum}}
  - {name: logins, label: Logins, type: simple, type_params: {measure: login_rows}}
"""
SAAS_DATA = """
create table accounts as select i as account_id,
  date '2024-01-05' + (i * 23)::int as signed_up,
  ['retail', 'health', 'finance', 'retail', 'media', 'retail', 'health'][1 + i % 7] as industry,
  ['free', 'pro', 'enterprise', 'pro'][1 + i % 4] as plan_tier
from range(1, 31) t(i);
create table partners as select i as partner_id, ['Acme', 'Globex', 'Initech'][i] as partner_name
from range(1, 4) t(i);
create table partner_mapping as select i as account_id, 1 + i % 3 as partner_id
from range(1, 31) t(i) where i % 4 = 0;
create table invoices as select i as invoice_id,
  1 + ((i * 11 + i // 7) % 26) as account_id,
  date '2025-01-01' + (i * 3)::int as issued_on,
  ['paid', 'paid', 'open', 'paid', 'overdue', 'void', 'paid'][1 + i % 7] as status,
  (i * 53) % 900 + 100.0 as amount
from range(1, 121) t(i);
create table logins as select i as login_id,
  1 + ((i * 13 + i // 5) % 27) as account_id,
  date '2025-03-01' + (i * 2)::int as logged_on,
  ['web', 'ios', 'android', 'web'][1 + i % 4] as device
from range(1, 151) t(i);
"""

_INV_PARTNER = "select count(*) from invoices i join partner_mapping m using (account_id)"
_PER_ACC_LOG = "select account_id, count(*) as n from logins group by 1"
_PER_ACC_INV = "select account_id, count(*) as n from invoices group by 1"
_NO_ACC = "select count(*) from accounts a where not exists (select 1 from {} x where x.account_id = a.account_id{})"

SAAS_PROBES: list[tuple[str, tuple[str, ...]]] = [
    # a context noun reached through a mapping table
    ("invoices for partners", (_INV_PARTNER,)),
    (
        "invoiced amount for partners by status",
        (
            "select status, sum(amount) from invoices i join partner_mapping m using (account_id) group by 1",
        ),
    ),
    ("invoices for accounts", ("select count(*) from invoices",)),
    ("合作伙伴的发票数", (_INV_PARTNER,)),
    (
        "invoices by partner name",
        (
            "select p.partner_name, count(*) from invoices i join partner_mapping m using (account_id) join partners p using (partner_id) group by 1",
            "select p.partner_name, count(*) from invoices i left join partner_mapping m using (account_id) left join partners p using (partner_id) group by 1",
        ),
    ),
    (
        "invoices not for partners",
        (
            "select count(*) from invoices i where account_id not in (select account_id from partner_mapping)",
        ),
    ),
    # a number after the counted noun
    ("accounts with invoices over 500", ()),
    ("invoices over 500 by status", ()),
    ("invoices above €500 by status", ()),
    ("发票超过500的账户", ()),
    (
        "accounts with logins over 10",
        (
            f"select account_id from ({_PER_ACC_LOG}) where n > 10",
            f"select account_id, n from ({_PER_ACC_LOG}) where n > 10",
        ),
    ),
    (
        "发票超过3张的账户",
        (
            f"select account_id from ({_PER_ACC_INV}) where n > 3",
            f"select count(*) from ({_PER_ACC_INV}) where n > 3",
        ),
    ),
    ("登录超过10次的账户有多少", (f"select count(*) from ({_PER_ACC_LOG}) where n > 10",)),
    (
        "how many accounts have an invoiced amount over 1000",
        (
            "select count(*) from (select account_id from invoices group by 1 having sum(amount) > 1000)",
        ),
    ),
    # none of a noun, bottom ranks
    ("how many accounts never logged in", (_NO_ACC.format("logins", ""),)),
    ("which account has the fewest logins", ()),
    (
        "how many accounts with no overdue invoices",
        (_NO_ACC.format("invoices", " and status = 'overdue'"),),
    ),
    ("没有登录的账户有多少", (_NO_ACC.format("logins", ""),)),
    # statuses, states, prefixes
    (
        "unpaid invoices",
        (
            "select count(*) from invoices where status <> 'paid'",
            "select count(*) from invoices where status in ('open', 'overdue')",
        ),
    ),
    ("invoices yet to be paid", ()),
    (
        "invoices still open by plan tier",
        (
            "select a.plan_tier, count(*) from invoices i join accounts a using (account_id) where status = 'open' group by 1",
        ),
    ),
    (
        "overdue invoices by industry",
        (
            "select a.industry, count(*) from invoices i join accounts a using (account_id) where status = 'overdue' group by 1",
        ),
    ),
    ("invoices no longer open", ()),
    # ordinals, top N, means over periods, extremes, classifier counts
    (
        "which industry has the second most accounts",
        ("select industry from accounts group by 1 order by count(*) desc limit 1 offset 1",),
    ),
    (
        "top 2 industries by invoiced amount for pro accounts",
        (
            "select a.industry, sum(amount) from invoices i join accounts a using (account_id) where plan_tier = 'pro' group by 1 order by 2 desc limit 2",
        ),
    ),
    (
        "average monthly invoiced amount in 2025",
        (
            "select avg(s) from (select date_trunc('month', issued_on), sum(amount) as s from invoices where year(issued_on) = 2025 group by 1)",
        ),
    ),
    (
        "latest sign up date per plan tier",
        ("select plan_tier, max(signed_up) from accounts group by 1",),
    ),
    ("有多少个账户", ("select count(*) from accounts",)),
    ("how many partners", ("select count(*) from partners",)),
    ("多少家合作伙伴", ("select count(*) from partners",)),
    # fourth batch: ordinals at the bottom, classifiers with no noun
    ("登录次数倒数第二的账户", ()),
    ("which account has the second fewest logins", ()),
    (
        "which industry has the second fewest accounts",
        ("select industry from accounts group by 1 order by count(*) limit 1 offset 1",),
    ),
    (
        "账户数倒数第二的行业",
        ("select industry from accounts group by 1 order by count(*) limit 1 offset 1",),
    ),
    (
        "2025年12月开了几张发票",
        ("select count(*) from invoices where issued_on between '2025-12-01' and '2025-12-31'",),
    ),
    (
        "2025年12月有几张发票逾期",
        (
            "select count(*) from invoices where status = 'overdue' and issued_on between '2025-12-01' and '2025-12-31'",
        ),
    ),
    # fifth batch: 总额 beside a counted thing (rules.own_amount, landed this session)
    ("发票总额", ("select sum(amount) from invoices",)),
    ("逾期发票总额", ("select sum(amount) from invoices where status = 'overdue'",)),
    (
        "每个行业的发票总额",
        (
            "select a.industry, sum(amount) from invoices i join accounts a using (account_id) group by 1",
        ),
    ),
    (
        "发票总额最高的行业",
        (
            "select a.industry from invoices i join accounts a using (account_id) group by 1 order by sum(amount) desc limit 1",
        ),
    ),
    ("登录总额", ()),
    (
        "2025年12月的发票总额",
        ("select sum(amount) from invoices where issued_on between '2025-12-01' and '2025-12-31'",),
    ),
    (
        "发票总额超过1000的账户",
        (
            "select account_id from invoices group by 1 having sum(amount) > 1000",
            "select account_id, sum(amount) from invoices group by 1 having sum(amount) > 1000",
        ),
    ),
    ("每张发票的总额", ("select invoice_id, amount from invoices",)),
]
