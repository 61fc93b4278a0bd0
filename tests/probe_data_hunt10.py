"""Wrong-answer hunt, session 10: probes around the newest question rules (data).

Three tiny models of different domains, a fitness studio (members, trainers, class bookings
with a fee column a dimension exposes), a freight fleet (trucks, trips whose fuel cost is
a measure only, inspections with no money at all) and a SaaS vendor (accounts, invoices,
logins, partners reached through a mapping table that covers some accounts; its probes
are in ``tests/probe_data_hunt10_saas.py``), each probe a question with its gold SQL
(any one of several equally right readings) or none (must be refused). Written before the
engine was run on them, aimed where a nearby wording must not take a rule: a number after a
counted noun (a count or each row's amount?), "worth" with and without an amount column,
things with none of a noun narrowed by a value or a period, bottom ranks leaving out things
with none, ordinals, means over periods with days that have no rows, statuses stored as
identifiers, states not reached yet, negating prefixes, verbs of movement with and without a
side, extremes of a dimension, a value in two dimensions, classifier counts in Chinese.
"""

from __future__ import annotations

GYM = """
semantic_models:
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: joined_on, type: time, type_params: {time_granularity: day}}
      - {name: tier, type: categorical}
      - {name: home_club, type: categorical}
    measures:
      - {name: member_rows, agg: count, expr: member_id}
  - name: trainers
    model: ref('trainers')
    entities:
      - {name: trainer, type: primary, expr: trainer_id}
    dimensions:
      - {name: trainer_name, type: categorical}
      - {name: specialty, type: categorical}
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: booking, type: primary, expr: booking_id}
      - {name: member, type: foreign, expr: member_id}
      - {name: trainer, type: foreign, expr: trainer_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
      - {name: class_type, type: categorical}
      - {name: status, type: categorical}
      - {name: booking_fee, type: categorical, expr: fee}
    measures:
      - {name: booking_rows, agg: count, expr: booking_id}
      - {name: fee_sum, agg: sum, expr: fee}
      - {name: fee_avg, agg: average, expr: fee}
metrics:
  - {name: members, label: Members, type: simple, type_params: {measure: member_rows}}
  - {name: bookings, label: Bookings, type: simple, type_params: {measure: booking_rows}}
  - {name: booking_revenue, label: Booking revenue, type: simple,
     type_params: {measure: fee_sum}}
  - {name: average_fee, label: Average fee, type: simple, type_params: {measure: fee_avg}}
"""
GYM_DATA = """
create table members as select i as member_id,
  date '2025-01-01' + (i * 11)::int as joined_on,
  ['bronze', 'silver', 'gold'][1 + i % 3] as tier,
  ['Riverside', 'Hilltop', 'Downtown', 'Harbour'][1 + i % 4] as home_club
from range(1, 25) t(i);
create table trainers as select i as trainer_id,
  ['Ava', 'Bo', 'Cruz', 'Dee', 'Eve'][i] as trainer_name,
  ['yoga', 'strength', 'cardio', 'yoga', 'strength'][i] as specialty
from range(1, 6) t(i);
create table bookings as select i as booking_id,
  1 + ((i * 7 + (i // 4) * (i // 9)) % 19) as member_id,
  [1, 2, 3, 4, 5, 1, 2, 1, 3, 1, 2, 4][1 + i % 12] as trainer_id,
  date '2025-09-01' + (i * 2)::int as booked_on,
  ['yoga', 'spin', 'boxing', 'pilates', 'spin', 'yoga', 'spin'][1 + i % 7] as class_type,
  ['attended', 'attended', 'no_show', 'cancelled', 'attended', 'waitlisted'][1 + i % 6] as status,
  (i * 17) % 40 + 8.0 as fee
from range(1, 90) t(i);
"""

FLEET = """
semantic_models:
  - name: trucks
    model: ref('trucks')
    defaults: {agg_time_dimension: bought_on}
    entities:
      - {name: truck, type: primary, expr: truck_id}
    dimensions:
      - {name: bought_on, type: time, type_params: {time_granularity: day}}
      - {name: make, type: categorical}
      - {name: home_depot, type: categorical}
  - name: trips
    model: ref('trips')
    defaults: {agg_time_dimension: departed_on}
    entities:
      - {name: trip, type: primary, expr: trip_id}
      - {name: truck, type: foreign, expr: truck_id}
    dimensions:
      - {name: departed_on, type: time, type_params: {time_granularity: day}}
      - {name: origin, type: categorical}
      - {name: destination, type: categorical}
      - {name: status, type: categorical}
    measures:
      - {name: trip_rows, agg: count, expr: trip_id}
      - {name: km_sum, agg: sum, expr: distance_km}
      - {name: fuel_sum, agg: sum, expr: fuel_cost}
  - name: inspections
    model: ref('inspections')
    defaults: {agg_time_dimension: inspected_on}
    entities:
      - {name: inspection, type: primary, expr: inspection_id}
      - {name: truck, type: foreign, expr: truck_id}
    dimensions:
      - {name: inspected_on, type: time, type_params: {time_granularity: day}}
      - {name: result, type: categorical}
    measures:
      - {name: inspection_rows, agg: count, expr: inspection_id}
metrics:
  - {name: trips, label: Trips, type: simple, type_params: {measure: trip_rows}}
  - {name: distance, label: Distance, type: simple, type_params: {measure: km_sum}}
  - {name: fuel_cost, label: Fuel cost, type: simple, type_params: {measure: fuel_sum}}
  - {name: inspections, label: Inspections, type: simple,
     type_params: {measure: inspection_rows}}
"""
FLEET_DATA = """
create table trucks as select i as truck_id,
  date '2022-01-01' + (i * 60)::int as bought_on,
  ['volvo', 'scania', 'man'][1 + i % 3] as make,
  ['Lyon', 'Lille', 'Nantes', 'Rennes'][1 + i % 4] as home_depot
from range(1, 13) t(i);
create table trips as select i as trip_id,
  1 + ((i * 5 + i // 6 + i // 13) % 11) as truck_id,
  date '2025-07-01' + (i * 2)::int as departed_on,
  ['Lyon', 'Lille', 'Nantes', 'Paris', 'Lyon', 'Nantes', 'Lyon'][1 + i % 7] as origin,
  ['Paris', 'Lyon', 'Rennes', 'Lille', 'Paris', 'Lyon', 'Paris', 'Rennes', 'Paris', 'Lyon'][1 + i % 10] as destination,
  ['delivered', 'delivered', 'in_transit', 'cancelled', 'delayed', 'delivered', 'delivered'][1 + i % 7] as status,
  (i * 37) % 500 + 50 as distance_km,
  (i * 29) % 300 + 40.0 as fuel_cost
from range(1, 101) t(i);
create table inspections as select i as inspection_id,
  1 + ((i * 7) % 12) as truck_id,
  date '2025-06-01' + (i * 9)::int as inspected_on,
  ['passed', 'passed', 'failed'][1 + i % 3] as result
from range(1, 31) t(i);
"""

_PER_MEMBER = "select member_id, count(*) as n from bookings group by 1"
_NONE_OF = "select count(*) from members m where not exists (select 1 from bookings b where b.member_id = m.member_id{})"
_TR = "select t.trainer_name from bookings b join trainers t using (trainer_id)"
_MONTHLY = "select avg(n) from (select date_trunc('month', booked_on), count(*) as n from bookings{} group by 1)"

GYM_PROBES: list[tuple[str, tuple[str, ...]]] = [
    # a number after the counted noun: a count or each booking's fee (the model keeps a fee)
    ("members with bookings over 3", ()),
    ("how many members have bookings over 20", ()),
    ("which member has the most bookings over 20", ()),
    ("class types with bookings over 10", ()),
    ("top 3 members by bookings over 20", ()),
    ("bookings over 20 by class type", ()),
    ("预约超过20的会员", ()),
    (  # a count metric's noun answers its count ("orders in store" = how many): both shapes
        "members with more than 3 bookings",
        (
            f"select member_id from ({_PER_MEMBER}) where n > 3",
            f"select count(*) from ({_PER_MEMBER}) where n > 3",
        ),
    ),
    (
        "how many members made more than 3 bookings",
        (f"select count(*) from ({_PER_MEMBER}) where n > 3",),
    ),
    (
        "members with bookings over 3 times",
        (f"select member_id from ({_PER_MEMBER}) where n > 3",),
    ),
    (
        "class types with more than 10 bookings",
        ("select class_type from bookings group by 1 having count(*) > 10",),
    ),
    ("bookings worth over 20", ("select count(*) from bookings where fee > 20",)),
    (
        "bookings worth over 20 by class type",
        ("select class_type, count(*) from bookings where fee > 20 group by 1",),
    ),
    (
        "bookings over $20 by class type",
        ("select class_type, count(*) from bookings where fee > 20 group by 1",),
    ),
    (
        "which member has the most bookings worth over 20",
        (
            "select member_id from bookings where fee > 20 group by 1 order by count(*) desc, member_id limit 1",
            "select member_id from bookings where fee > 20 group by 1 order by count(*) desc, member_id desc limit 1",
        ),
    ),
    (
        "average fee over 20 by class type",
        ("select class_type, avg(fee) from bookings group by 1 having avg(fee) > 20",),
    ),
    (
        "booking revenue over 200 by class type",
        ("select class_type, sum(fee) from bookings group by 1 having sum(fee) > 200",),
    ),
    ("bookings over 20 minutes", ()),
    ("预约超过3次的会员有多少", (f"select count(*) from ({_PER_MEMBER}) where n > 3",)),
    ("预约超过3个的会员", (f"select member_id from ({_PER_MEMBER}) where n > 3",)),
    ("超过20元的预约有多少", ("select count(*) from bookings where fee > 20",)),
    (
        "各课程类型超过20元的预约数",
        ("select class_type, count(*) from bookings where fee > 20 group by 1",),
    ),
    # things with none of a noun, bottom ranks
    ("how many members never booked", (_NONE_OF.format(""),)),
    (
        "how many members with no cancelled bookings",
        (_NONE_OF.format(" and status = 'cancelled'"),),
    ),
    (
        "how many members with no bookings in 2026",
        (_NONE_OF.format(" and year(booked_on) = 2026"),),
    ),
    ("没有预约的会员有多少", (_NONE_OF.format(""),)),
    ("没有取消预约的会员有几个", (_NONE_OF.format(" and status = 'cancelled'"),)),
    ("which member made the fewest bookings", ()),
    ("预约最少的会员", ()),
    (
        "which class type has the fewest bookings",
        (
            "select class_type from bookings group by 1 order by count(*), class_type limit 1",
            "select class_type from bookings group by 1 order by count(*), class_type desc limit 1",
        ),
    ),
    # ordinals
    (
        "which trainer has the second most bookings",
        (f"{_TR} group by 1 order by count(*) desc limit 1 offset 1",),
    ),
    (
        "预约第二多的课程类型",
        ("select class_type from bookings group by 1 order by count(*) desc limit 1 offset 1",),
    ),
    (
        "the class type with the second highest booking revenue",
        ("select class_type from bookings group by 1 order by sum(fee) desc limit 1 offset 1",),
    ),
    # means over periods, and a series of averages
    ("average monthly bookings", (_MONTHLY.format(""),)),
    ("平均每月预约数", (_MONTHLY.format(""),)),
    (
        "average fee per month",
        ("select date_trunc('month', booked_on), avg(fee) from bookings group by 1",),
    ),
    (
        "每月的平均费用",
        ("select date_trunc('month', booked_on), avg(fee) from bookings group by 1",),
    ),
    (  # days without bookings: over the month's 31 days, or over the days with data (said so)
        "average daily bookings in October 2025",
        (
            "select count(*) / 31.0 from bookings where booked_on between '2025-10-01' and '2025-10-31'",
            "select avg(n) from (select booked_on, count(*) as n from bookings where booked_on between '2025-10-01' and '2025-10-31' group by 1)",
        ),
    ),
    (
        "average bookings per member",
        (
            "select count(*) / 24.0 from bookings",
            "select count(*) / count(distinct member_id) from bookings",
        ),
    ),
    # statuses, states, prefixes
    ("bookings not attended", ("select count(*) from bookings where status <> 'attended'",)),
    ("how many no show bookings", ("select count(*) from bookings where status = 'no_show'",)),
    ("bookings no longer waitlisted", ()),
    ("bookings yet to be attended", ()),
    (
        "unattended bookings by class type",
        ("select class_type, count(*) from bookings where status <> 'attended' group by 1",),
    ),
    # verbs of movement where nothing has a side
    ("bookings leaving Riverside", ()),
    ("bookings of members who left Hilltop", ()),
    # extremes of a dimension
    ("latest join date per tier", ("select tier, max(joined_on) from members group by 1",)),
    (
        "which home club has the latest join date",
        ("select home_club from members order by joined_on desc limit 1",),
    ),
    (
        "largest booking fee per class type",
        ("select class_type, max(fee) from bookings group by 1",),
    ),
    # context through a join, counted verbs
    (
        "bookings for gold members",
        ("select count(*) from bookings b join members m using (member_id) where tier = 'gold'",),
    ),
    (
        "booking revenue for gold members by class type",
        (
            "select class_type, sum(fee) from bookings b join members m using (member_id) where tier = 'gold' group by 1",
        ),
    ),
    (
        "how many members booked more than twice",
        (f"select count(*) from ({_PER_MEMBER}) where n > 2",),
    ),
    (
        "members who booked more than 3 times in 2026",
        (
            "select member_id from bookings where year(booked_on) = 2026 group by 1 having count(*) > 3",
        ),
    ),
    (
        "yoga bookings by trainer",
        (
            "select t.trainer_name, count(*) from bookings b join trainers t using (trainer_id) where class_type = 'yoga' group by 1",
        ),
    ),
    (
        "上个月有几位会员预约",
        (
            "select count(distinct member_id) from bookings where booked_on >= '2026-02-01' and booked_on < '2026-03-01'",
        ),
    ),
    (
        "上个月有几个预约",
        (
            "select count(*) from bookings where booked_on >= '2026-02-01' and booked_on < '2026-03-01'",
        ),
    ),
    ("预约总额", ("select sum(fee) from bookings",)),
    # second batch (written after the first run, before running it): amounts said with a noun
    (
        "members with booking revenue over 100",
        (
            "select member_id from bookings group by 1 having sum(fee) > 100",
            "select count(*) from (select member_id from bookings group by 1 having sum(fee) > 100)",
        ),
    ),
    ("members whose bookings are worth over 30", ()),
    ("bookings with a fee over 20", ("select count(*) from bookings where fee > 20",)),
    (
        "bookings with fee above 20 by class type",
        ("select class_type, count(*) from bookings where fee > 20 group by 1",),
    ),
    (
        "class types with average fee over 20",
        ("select class_type from bookings group by 1 having avg(fee) > 20",),
    ),
    ("费用超过20的预约数", ("select count(*) from bookings where fee > 20",)),
    (
        "每种课程类型费用超过20元的预约数",
        ("select class_type, count(*) from bookings where fee > 20 group by 1",),
    ),
    ("members with more than 3 bookings over 20", ()),
    (
        "members with over 3 bookings worth over 20",
        (
            "select member_id from bookings where fee > 20 group by 1 having count(*) > 3",
            "select count(*) from (select member_id from bookings where fee > 20 group by 1 having count(*) > 3)",
        ),
    ),
    (
        "top 3 class types by bookings over $20",
        (
            "select class_type, count(*) from bookings where fee > 20 group by 1 order by 2 desc limit 3",
        ),
    ),
    ("how many bookings cost more than 20", ("select count(*) from bookings where fee > 20",)),
    ("bookings under 10", ()),
    ("bookings at least 30 by class type", ()),
    ("number of bookings over 20 by class type", ()),
    (
        "预约数超过20的课程类型",
        ("select class_type from bookings group by 1 having count(*) > 20",),
    ),
    (
        "预约量超过20的课程类型",
        ("select class_type from bookings group by 1 having count(*) > 20",),
    ),
    (
        "预约金额超过30的会员",
        (
            "select member_id from bookings group by 1 having sum(fee) > 30",
            "select distinct member_id from bookings where fee > 30",
        ),
    ),
]

_PER_TRUCK_FUEL = "select truck_id from trips group by 1 having sum(fuel_cost) > 1000"
_PER_TRUCK = "select truck_id, count(*) as n from trips group by 1"
_INSP = "select truck_id, count(*) as n from inspections group by 1"
_NO_TRIP = "select count(*) from trucks k where not exists (select 1 from trips t where t.truck_id = k.truck_id{})"
_DEC = "departed_on between '2025-12-01' and '2025-12-31'"

FLEET_PROBES: list[tuple[str, tuple[str, ...]]] = [
    # trips keep a fuel cost (a measure only): a number after "trips" is ambiguous
    ("trucks with trips over 10", ()),
    ("which truck has the most trips over 100", ()),
    ("行程超过10的卡车", ()),
    ("trucks with more than 10 trips", (f"select truck_id from ({_PER_TRUCK}) where n > 10",)),
    (
        "how many trucks made more than 10 trips",
        (f"select count(*) from ({_PER_TRUCK}) where n > 10",),
    ),
    ("行程超过10次的卡车有多少", (f"select count(*) from ({_PER_TRUCK}) where n > 10",)),
    ("trips worth over 100", ()),
    ("trips over $100", ()),
    ("燃油成本超过100的行程", ()),
    ("trips over 300 km", ("select count(*) from trips where distance_km > 300",)),
    # inspections keep no money: the count reading is the only one
    ("trucks with inspections over 2", (f"select truck_id from ({_INSP}) where n > 2",)),
    (
        "how many trucks had more than 2 inspections",
        (f"select count(*) from ({_INSP}) where n > 2",),
    ),
    ("检查超过2次的卡车有几辆", (f"select count(*) from ({_INSP}) where n > 2",)),
    # verbs of movement where the table has sides
    ("trips leaving Lyon", ("select count(*) from trips where origin = 'Lyon'",)),
    ("trips arriving in Lille", ("select count(*) from trips where destination = 'Lille'",)),
    (
        "trips from Lyon to Paris",
        ("select count(*) from trips where origin = 'Lyon' and destination = 'Paris'",),
    ),
    (
        "distance of trips leaving Nantes by month",
        (
            "select date_trunc('month', departed_on), sum(distance_km) from trips where origin = 'Nantes' group by 1",
        ),
    ),
    ("trucks that left Lyon", ()),
    # none of a noun, bottom ranks, ordinals
    ("how many trucks never made a trip", (_NO_TRIP.format(""),)),
    ("how many trucks with no cancelled trips", (_NO_TRIP.format(" and status = 'cancelled'"),)),
    ("没有行程的卡车有几辆", (_NO_TRIP.format(""),)),
    ("which truck made the fewest trips", ()),
    (
        "which make has the fewest trips",
        (
            "select make from trips join trucks using (truck_id) group by 1 order by count(*) limit 1",
        ),
    ),
    (
        "which origin has the second most trips",
        ("select origin from trips group by 1 order by count(*) desc limit 1 offset 1",),
    ),
    (
        "行程第二多的目的地",
        ("select destination from trips group by 1 order by count(*) desc limit 1 offset 1",),
    ),
    # means over periods with days that have no trips
    (
        "average monthly trips",
        (
            "select avg(n) from (select date_trunc('month', departed_on), count(*) as n from trips group by 1)",
        ),
    ),
    (
        "average daily distance in December 2025",
        (
            f"select sum(distance_km) / 31.0 from trips where {_DEC}",
            f"select avg(d) from (select departed_on, sum(distance_km) as d from trips where {_DEC} group by 1)",
        ),
    ),
    (
        "12月日均里程",
        (
            f"select sum(distance_km) / 31.0 from trips where {_DEC}",
            f"select avg(d) from (select departed_on, sum(distance_km) as d from trips where {_DEC} group by 1)",
        ),
    ),
    # statuses and states
    ("trips in transit", ("select count(*) from trips where status = 'in_transit'",)),
    (
        "how many trips are not in transit",
        ("select count(*) from trips where status <> 'in_transit'",),
    ),
    (
        "trips still in transit by origin",
        ("select origin, count(*) from trips where status = 'in_transit' group by 1",),
    ),
    ("trips yet to be delivered", ()),
    ("undelivered trips", ("select count(*) from trips where status <> 'delivered'",)),
    ("运输中的行程有多少", ("select count(*) from trips where status = 'in_transit'",)),
    # extremes, grains, context through a join
    ("latest purchase date per make", ("select make, max(bought_on) from trucks group by 1",)),
    ("trips by hour of the day", ()),
    ("trips by time of day", ()),
    (
        "distance of trips for volvo trucks",
        ("select sum(distance_km) from trips join trucks using (truck_id) where make = 'volvo'",),
    ),
    (
        "fuel cost of delayed trips by origin",
        ("select origin, sum(fuel_cost) from trips where status = 'delayed' group by 1",),
    ),
    (
        "which destination has the most delayed trips",
        (
            "select destination from trips where status = 'delayed' group by 1 order by count(*) desc limit 1",
        ),
    ),
    ("每辆卡车的行程数", ("select truck_id, count(*) from trips group by 1",)),
    (
        "trips of trucks based in Lyon",
        ("select count(*) from trips join trucks using (truck_id) where home_depot = 'Lyon'",),
    ),
    # second batch (written after the first run, before running it)
    (
        "trucks with fuel cost over 1000",
        (_PER_TRUCK_FUEL, f"select count(*) from ({_PER_TRUCK_FUEL})"),
    ),
    (  # each trip is one row: those trips listed with their cost is the same set
        "trips with a fuel cost over 200",
        (
            "select count(*) from trips where fuel_cost > 200",
            "select trip_id, fuel_cost from trips where fuel_cost > 200",
        ),
    ),
    (
        "trips with distance over 300",
        (
            "select count(*) from trips where distance_km > 300",
            "select trip_id, distance_km from trips where distance_km > 300",
        ),
    ),
    ("trips over 300 by origin", ()),
    (
        "inspections over 2 by make",
        (
            "select make, count(*) from inspections join trucks using (truck_id) group by 1 having count(*) > 2",
        ),
    ),
    (
        "失败的检查超过1次的卡车",
        (
            "select truck_id from inspections where result = 'failed' group by 1 having count(*) > 1",
            "select count(*) from (select truck_id from inspections where result = 'failed' group by 1 having count(*) > 1)",
        ),
    ),
    ("检查超过2的卡车", (f"select truck_id from ({_INSP}) where n > 2",)),
    ("燃油成本超过1000的卡车", (_PER_TRUCK_FUEL, f"select count(*) from ({_PER_TRUCK_FUEL})")),
    ("燃油成本超过1000的卡车有几辆", (f"select count(*) from ({_PER_TRUCK_FUEL})",)),
    ("行程总额", ()),
    ("每辆卡车的行程总额", ()),
    # third batch: things counted from their own table, top N narrowed by a value
    ("how many trucks", ("select count(*) from trucks",)),
    (
        "2025年12月跑了几趟",
        ("select count(*) from trips where departed_on between '2025-12-01' and '2025-12-31'",),
    ),
    (
        "12月有几辆卡车出车",
        (
            "select count(distinct truck_id) from trips where departed_on between '2025-12-01' and '2025-12-31'",
        ),
    ),
    (
        "上个月跑了几趟",
        (
            "select count(*) from trips where departed_on >= '2026-02-01' and departed_on < '2026-03-01'",
        ),
    ),
    ("有几辆卡车", ("select count(*) from trucks",)),
    ("how many trucks made trips", ("select count(distinct truck_id) from trips",)),
    (
        "top 3 origins for delayed trips",
        (
            "select origin, count(*) from trips where status = 'delayed' group by 1 order by 2 desc limit 3",
        ),
    ),
]
