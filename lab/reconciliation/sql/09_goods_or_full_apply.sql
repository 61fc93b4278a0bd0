-- Apply the chosen readings (registered as _r_upgrade_df): goods → whole order, + service fee.
create or replace temp table _r_upgrade as select * from _r_upgrade_df;

update _r_refcomp set component = 'full', expected0 = paid_amount
where component = 'goods' and (flow_id, order_id) in
    (select (flow_id, order_id) from _r_upgrade where kind = 'upgrade');

insert into _r_refcomp by name
select * exclude (_rn) replace ('service' as component,
                                cast(service_fee as decimal(14, 2)) as expected0,
                                null as inst)
from (select *, row_number() over (partition by flow_id, order_id order by component)
                as _rn from _r_refcomp)
where _rn = 1 and (flow_id, order_id) in
    (select (flow_id, order_id) from _r_upgrade where kind = 'service');
