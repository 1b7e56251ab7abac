import type {LessonInput} from '../exercise';

const sensorEvents = {name: 'sensor_events' as const, rows: 10_000, seed: 42};
const plants = {name: 'plants' as const, rows: 10, seed: 42};

/** Day 1: the platform's shape, as queries over the layers: arrival times, the plant hierarchy, a gold ranking. */
export const dayOne: LessonInput = {
  id: 'day-1',
  title: 'Day 1 — The shape of the platform',
  path: '/docs/tutorials/day-1-platform-shape',
  outcome: 'Tell event time from arrival time, roll events up the plant hierarchy with a conformed dimension, and write a ranked gold query whose order is fully defined.',
  exercises: [
    {
      kind: 'sql',
      id: 'arrival-lag',
      title: 'Event time and arrival time',
      prompt:
        'Bronze keeps when a record arrived as well as when it happened. In `sensor_events`, `event_ts` is when the machine measured and `ingest_ts` when the platform received it. Count per plant the events that arrived more than 5 minutes after they happened: columns `plant_id` and `late_events`, one row per plant.',
      hints: [
        'Compare the two timestamps with an interval: `ingest_ts > event_ts + INTERVAL 5 MINUTE`.',
        'A WHERE clause drops plants with no late events; count(*) FILTER (WHERE …) keeps every plant.',
        'SELECT plant_id, count(*) FILTER (WHERE ingest_ts > event_ts + INTERVAL 5 MINUTE) AS late_events FROM sensor_events GROUP BY plant_id',
      ],
      explanation:
        'Every plant has events that arrive more than 5 minutes after they happened. A streaming job that groups by event time must decide how long to wait for them: that is the watermark of day 2, and the reason bronze keeps both timestamps.',
      datasets: [sensorEvents],
      starter: 'SELECT plant_id, event_ts, ingest_ts\nFROM sensor_events\nLIMIT 10;',
      solution: 'SELECT plant_id,\n  count(*) FILTER (WHERE ingest_ts > event_ts + INTERVAL 5 MINUTE) AS late_events\nFROM sensor_events\nGROUP BY plant_id;',
      wrongAnswers: [
        {
          answer: 'SELECT plant_id, count(*) FILTER (WHERE event_ts > ingest_ts + INTERVAL 5 MINUTE) AS late_events FROM sensor_events GROUP BY plant_id',
          explains: '10 rows missing, e.g. (',
        },
        {answer: 'SELECT plant_id, count(*) AS late_events FROM sensor_events GROUP BY plant_id', explains: '10 rows not expected'},
      ],
    },
    {
      kind: 'sql',
      id: 'events-per-region',
      title: 'Roll up the plant hierarchy',
      prompt:
        'Gold reports by region, but an event only carries its `plant_id`. The `plants` dimension holds each plant\'s site, division and region. Count the events per region: columns `region` and `events`.',
      hints: [
        'Join `sensor_events` to `plants` on `plant_id` (`JOIN plants USING (plant_id)`).',
        'Group by the dimension\'s `region`, not by the plant.',
        'SELECT p.region, count(*) AS events FROM sensor_events e JOIN plants p USING (plant_id) GROUP BY p.region',
      ],
      explanation:
        'The hierarchy lives in one conformed dimension, so every fact table rolls up the same way; no event repeats its plant\'s region. Three regions (EMEA, AMER, APAC) hold the ten plants.',
      datasets: [sensorEvents, plants],
      starter: 'SELECT * FROM plants;',
      solution: 'SELECT p.region, count(*) AS events\nFROM sensor_events e\nJOIN plants p USING (plant_id)\nGROUP BY p.region;',
      wrongAnswers: [
        {answer: 'SELECT plant_id AS region, count(*) AS events FROM sensor_events GROUP BY plant_id', explains: '3 rows missing, e.g. ('},
        {answer: 'SELECT p.region, count(DISTINCT e.plant_id) AS events FROM sensor_events e JOIN plants p USING (plant_id) GROUP BY p.region', explains: "3 rows missing, e.g. (region = "},
      ],
    },
    {
      kind: 'sql',
      id: 'top-machines',
      title: 'A ranking with a defined order',
      prompt:
        "A gold dashboard shows the three busiest machines of plant `PLANT_03` (Brno Electronics): columns `machine_id` and `events`, ordered by `events` descending, then `machine_id`.",
      hints: [
        "Filter the plant first: `WHERE plant_id = 'PLANT_03'`, then group by machine.",
        'ORDER BY events DESC alone leaves ties in any order; add machine_id so the same data always gives the same top three.',
        "SELECT machine_id, count(*) AS events FROM sensor_events WHERE plant_id = 'PLANT_03' GROUP BY machine_id ORDER BY events DESC, machine_id LIMIT 3",
      ],
      explanation:
        'LIMIT after an ORDER BY that is not total returns an arbitrary choice among tied rows, in DuckDB as in Spark: a dashboard would flicker between runs. A tie-breaker on a key makes the ranking reproducible.',
      datasets: [sensorEvents],
      starter: "SELECT machine_id, event_ts\nFROM sensor_events\nWHERE plant_id = 'PLANT_03'\nLIMIT 10;",
      solution: "SELECT machine_id, count(*) AS events\nFROM sensor_events\nWHERE plant_id = 'PLANT_03'\nGROUP BY machine_id\nORDER BY events DESC, machine_id\nLIMIT 3;",
      orderMatters: true,
      wrongAnswers: [
        {
          answer: "SELECT machine_id, count(*) AS events FROM sensor_events WHERE plant_id = 'PLANT_03' GROUP BY machine_id ORDER BY events LIMIT 3",
          explains: "3 rows missing, e.g. (machine_id = 'M00387', events = 38)",
        },
        {
          answer:
            "SELECT * FROM (SELECT machine_id, count(*) AS events FROM sensor_events WHERE plant_id = 'PLANT_03' GROUP BY machine_id ORDER BY events DESC, machine_id LIMIT 3) ORDER BY events",
          explains: "row 1 is (machine_id = 'M00104', events = 33), expected (machine_id = 'M00387', events = 38)",
        },
      ],
    },
  ],
};
