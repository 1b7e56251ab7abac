import {mix32, streamKey} from '../datasets/hash';
import {plants} from '../datasets/plants';
import type {Labels, Series, SeriesSet} from './evaluate';

/**
 * Metric series of the platform for one incident window, generated from a seed: the metrics the
 * StreamingQueryListener pushes per plant query, Kafka lag per partition, Kafka Streams consumer
 * lag from kafka_exporter, Delta table health, and Spark's own executor metrics (the driver's
 * /metrics/executors/prometheus, PrometheusResource), sampled every minute from time 0. Values are
 * a pure function of (seed, incident, series, minute); there is no clock and no Math.random.
 */

export const incidentNames = ['plant-outage', 'slow-sink', 'lag-spike', 'stale-table', 'memory-pressure'] as const;
export type IncidentName = (typeof incidentNames)[number];

export interface Incident {
  name: IncidentName;
  title: string;
  /** What happens, in plant terms. */
  story: string;
  /** Minutes from the window's start at which the failure begins and ends. */
  startMinute: number;
  endMinute: number;
  /** The plant or table the failure hits. */
  affected: string;
  /** PromQL the lab charts for this incident, evaluated at every minute. */
  charts: {title: string; expr: string; unit: string}[];
  series: SeriesSet;
  /** Window length in minutes (samples are at minutes 0..minutes). */
  minutes: number;
}

const minuteMs = 60_000;
const windowMinutes = 150;
const env = 'prod';
const queryName = 'bronze_sensor_events';
const topic = 'mfg.sensor-events.raw';
const partitions = ['0', '1', '2', '3'];
export const incidentPlants = plants.slice(0, 3).map((plant) => plant.plantId);

const incidentText: Record<IncidentName, {title: string; story: string; startMinute: number; endMinute: number; affected: string; charts: {title: string; expr: string; unit: string}[]}> = {
  'plant-outage': {
    title: 'Plant outage',
    story: "PLANT_03's uplink fails at minute 30: its gateways buffer locally and nothing reaches Kafka for 50 minutes. The query keeps running and reports empty batches, so nothing throws; its watermark stops moving.",
    startMinute: 30,
    endMinute: 80,
    affected: 'PLANT_03',
    charts: [
      {title: 'Rows read per second, by plant', expr: 'sum by (plant) (rate(mfg_streaming_input_rows_total[5m]))', unit: 'rows/s'},
      {title: 'Watermark delay', expr: 'max by (plant) (mfg_streaming_watermark_delay_seconds)', unit: 's'},
    ],
  },
  'slow-sink': {
    title: 'Slow sink',
    story: "From minute 30, PLANT_02's bronze writes slow down (the Delta table's storage account throttles): micro-batches take 45 s, the query processes half of what arrives and the Kafka backlog grows until minute 100.",
    startMinute: 30,
    endMinute: 100,
    affected: 'PLANT_02',
    charts: [
      {title: 'Micro-batch duration', expr: 'max by (plant) (mfg_streaming_batch_duration_seconds)', unit: 's'},
      {title: 'Consumer lag, worst partition', expr: 'max by (plant) (mfg_kafka_consumer_lag_records)', unit: 'records'},
    ],
  },
  'lag-spike': {
    title: 'Lag spike',
    story: "At minute 40 a partition leader of mfg.sensor-events.raw moves after a broker restart and PLANT_01's query falls 900,000 records behind on partition 2. It catches up in about 25 minutes, but while one partition is far behind the watermark, set by the others, drops its late rows.",
    startMinute: 40,
    endMinute: 66,
    affected: 'PLANT_01',
    charts: [
      {title: 'Consumer lag, worst partition', expr: 'max by (plant) (mfg_kafka_consumer_lag_records)', unit: 'records'},
      {title: 'Rows dropped by the watermark in 15 minutes', expr: 'sum by (plant) (increase(mfg_streaming_rows_dropped_by_watermark_total[15m]))', unit: 'rows'},
    ],
  },
  'stale-table': {
    title: 'Stale table',
    story: 'At minute 30 the job writing mfg_prod.bronze.test_results hangs in a retry loop: no commit for 90 minutes. Unrelated, from minute 40 the Kafka Streams application mfg-sensor-preprocessing falls behind on its input topic.',
    startMinute: 30,
    endMinute: 120,
    affected: 'mfg_prod.bronze.test_results',
    charts: [
      {title: 'Age of the last commit, bronze tables', expr: 'max by (table) (mfg_delta_last_commit_age_seconds{layer="bronze"})', unit: 's'},
      {title: 'Kafka Streams consumer lag', expr: 'sum by (consumergroup) (kafka_consumergroup_lag)', unit: 'records'},
    ],
  },
  'memory-pressure': {
    title: 'Executor memory pressure',
    story: "At minute 30 a firmware rollout at PLANT_01 adds the raw vibration waveform to every payload. The bronze query's executors parse rows ten times larger, their heap fills, and garbage collection takes a third of their task time; micro-batches stretch to 40 s until the waveform is dropped from the payload at minute 110.",
    startMinute: 30,
    endMinute: 110,
    affected: 'PLANT_01',
    charts: [
      {title: 'GC share of task time, worst executor per plant', expr: '100 * max by (plant) (sum by (plant, executor_id) (rate(metrics_executor_totalGCTime_seconds_total{executor_id!="driver"}[10m])) / sum by (plant, executor_id) (rate(metrics_executor_totalDuration_seconds_total{executor_id!="driver"}[10m])))', unit: '%'},
      {title: 'Peak JVM heap of 8 GiB, worst executor per plant', expr: 'max by (plant) (metrics_executor_JVMHeapMemory_bytes{executor_id!="driver"}) / 1073741824', unit: 'GiB'},
    ],
  },
};

/** An incident's title, without generating its series. */
export function incidentTitle(name: IncidentName): string {
  return incidentText[name].title;
}

/** A deterministic number in [0, 1) for one (stream, series, minute). */
function unit(stream: number, series: string, minute: number): number {
  let h = stream;
  for (let index = 0; index < series.length; index += 1) h = mix32(h ^ series.charCodeAt(index));
  return mix32(h ^ mix32(minute + 0x9e3779b9)) / 4294967296;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Builds the series of one incident. */
export function generateIncident(name: IncidentName, seed = 42): Incident {
  if (!incidentNames.includes(name)) throw new RangeError(`Unknown incident "${name}": use one of ${incidentNames.join(', ')}.`);
  const stream = streamKey(seed, `alerting:${name}`);
  const text = incidentText[name];
  const minutes = windowMinutes;
  const series: Series[] = [];
  const add = (labels: Labels, value: (minute: number) => number | null) => {
    series.push({labels, values: Array.from({length: minutes + 1}, (_, minute) => value(minute))});
  };
  const noise = (key: string, minute: number, spread: number) => 1 + (unit(stream, key, minute) * 2 - 1) * spread;
  const during = (minute: number) => minute >= text.startMinute && minute < text.endMinute;

  incidentPlants.forEach((plant, plantIndex) => {
    const query = {job: 'spark_streaming', env, plant, query_name: queryName};
    const baseRate = [1500, 1200, 900][plantIndex]!;
    const outage = name === 'plant-outage' && plant === text.affected;
    const slow = name === 'slow-sink' && plant === text.affected;
    const spike = name === 'lag-spike' && plant === text.affected;
    const pressure = name === 'memory-pressure' && plant === text.affected;
    // How far the memory-pressure incident has developed: 0 before it, 1 fifteen minutes in, 0 after it.
    const strain = (minute: number) => (pressure && during(minute) ? Math.min(1, (minute - text.startMinute + 1) / 15) : 0);
    // After the outage the gateways replay their buffers: three times the usual rate for a while.
    const inputRate = (minute: number) => {
      if (outage && during(minute)) return 0;
      const replay = outage && minute >= text.endMinute && minute < text.endMinute + 25 ? 3 : 1;
      return round(baseRate * replay * noise(`${plant}:in`, minute, 0.05));
    };
    const processedRate = (minute: number) => {
      if (outage && during(minute)) return 0;
      if (slow && during(minute)) return round(inputRate(minute) * 0.5 * noise(`${plant}:proc`, minute, 0.04));
      if (slow && minute >= text.endMinute) return round(inputRate(minute) * 2.4 * noise(`${plant}:proc`, minute, 0.04));
      return round(inputRate(minute) * 1.6 * noise(`${plant}:proc`, minute, 0.05));
    };
    let inputTotal = 0;
    const inputTotals = Array.from({length: minutes + 1}, (_, minute) => (inputTotal += Math.round(inputRate(minute) * 60)));
    add({__name__: 'mfg_streaming_query_active', ...query}, () => 1);
    add({__name__: 'push_time_seconds', ...query}, (minute) => minute * 60 - Math.floor(unit(stream, `${plant}:push`, minute) * 20));
    add({__name__: 'mfg_streaming_input_rows_per_second', ...query}, inputRate);
    add({__name__: 'mfg_streaming_processed_rows_per_second', ...query}, processedRate);
    add({__name__: 'mfg_streaming_input_rows_total', ...query}, (minute) => inputTotals[minute]!);
    add({__name__: 'mfg_streaming_batch_duration_seconds', ...query}, (minute) => {
      if (outage && during(minute)) return round(0.4 * noise(`${plant}:dur`, minute, 0.2), 2);
      if (slow && during(minute)) return round(45 * noise(`${plant}:dur`, minute, 0.1), 2);
      return round((9 + 31 * strain(minute)) * noise(`${plant}:dur`, minute, 0.2), 2);
    });
    // progress timestamp minus eventTime.watermark: a 10-minute watermark plus the usual delay.
    add({__name__: 'mfg_streaming_watermark_delay_seconds', ...query}, (minute) => {
      const usual = Math.round(630 * noise(`${plant}:wm`, minute, 0.03));
      return outage && during(minute) ? usual + (minute - text.startMinute) * 60 : usual;
    });
    let dropped = 0;
    add({__name__: 'mfg_streaming_rows_dropped_by_watermark_total', ...query}, (minute) => {
      const late = spike && minute >= text.startMinute + 2 && minute < text.startMinute + 20 ? 400 : 0;
      dropped += late + Math.floor(unit(stream, `${plant}:drop`, minute) * 6);
      return dropped;
    });
    for (const partition of partitions) {
      let lag = 0;
      add({__name__: 'mfg_kafka_consumer_lag_records', ...query, topic, partition}, (minute) => {
        const usual = Math.round(3000 + unit(stream, `${plant}:${partition}:lag`, minute) * 9000);
        if (outage && during(minute)) return Math.round(usual / 20);
        if (slow) {
          const deficit = (minute: number) => (minute >= text.startMinute && minute < text.endMinute ? 11_500 : minute >= text.endMinute ? -21_000 : 0);
          lag = Math.max(0, lag + deficit(minute));
          return usual + lag;
        }
        if (spike && partition === '2' && minute >= text.startMinute) {
          return Math.max(usual, 900_000 - (minute - text.startMinute) * 35_000);
        }
        return usual;
      });
    }

    // Spark's executor metrics as PrometheusResource (Spark 3.0+) prints them, forwarded by the
    // listener to the Pushgateway under job="spark_executors" with the grouping key env, plant.
    // The driver is listed too (executor_id="driver") and runs no tasks: its task and GC time stay 0.
    const application = {job: 'spark_executors', env, plant, application_id: `app-20260112055500-000${plantIndex}`, application_name: `mfg-bronze-${plant}`};
    const heapBytes = 8 * 1024 ** 3;
    // ExecutorSummary.maxMemory: the unified region, (heap - 300 MiB reserved) * spark.memory.fraction 0.6.
    const maxStorage = Math.round((heapBytes - 300 * 1024 ** 2) * 0.6);
    for (const executor of ['driver', '1', '2']) {
      const labels = {...application, executor_id: executor};
      const runsTasks = executor !== 'driver';
      let taskSeconds = 0;
      let gcSeconds = 0;
      let peakHeap = 0;
      const taskTime = (minute: number) => (runsTasks ? 4 * 60 * (0.55 + 0.4 * strain(minute)) * noise(`${plant}:${executor}:task`, minute, 0.08) : 0);
      const gcShare = (minute: number) => (0.03 + 0.31 * strain(minute)) * noise(`${plant}:${executor}:gc`, minute, 0.1);
      const durations = Array.from({length: minutes + 1}, (_, minute) => {
        const task = taskTime(minute);
        taskSeconds += task;
        gcSeconds += task * gcShare(minute);
        return [round(taskSeconds, 3), round(gcSeconds, 3)] as const;
      });
      add({__name__: 'metrics_executor_totalDuration_seconds_total', ...labels}, (minute) => durations[minute]![0]);
      add({__name__: 'metrics_executor_totalGCTime_seconds_total', ...labels}, (minute) => durations[minute]![1]);
      // JVMHeapMemory is a peak (ExecutorSummary.peakMemoryMetrics): it never decreases while the executor lives.
      add({__name__: 'metrics_executor_JVMHeapMemory_bytes', ...labels}, (minute) => {
        const used = (runsTasks ? 0.55 + 0.41 * strain(minute) : 0.22) * heapBytes * noise(`${plant}:${executor}:heap`, minute, 0.02);
        peakHeap = Math.max(peakHeap, Math.min(Math.round(used), heapBytes));
        return peakHeap;
      });
      add({__name__: 'metrics_executor_memoryUsed_bytes', ...labels}, (minute) => Math.round((runsTasks ? 1.8e8 * (1 - 0.8 * strain(minute)) : 2.4e7) * noise(`${plant}:${executor}:storage`, minute, 0.05)));
      add({__name__: 'metrics_executor_maxMemory_bytes', ...labels}, () => maxStorage);
    }
  });

  // kafka_exporter: consumer-group lag of the Kafka Streams preprocessing application.
  for (const partition of partitions) {
    add({__name__: 'kafka_consumergroup_lag', job: 'kafka-exporter', env, consumergroup: 'mfg-sensor-preprocessing', topic, partition}, (minute) => {
      const usual = Math.round(800 + unit(stream, `kstreams:${partition}`, minute) * 2400);
      const behind = name === 'stale-table' && minute >= 40 && minute < 110 ? Math.min(60_000, (minute - 40) * 4_000) : 0;
      return usual + behind;
    });
  }

  // The scheduled Delta metrics job: commit age, size and file count per table.
  const tables = [
    {table: 'mfg_prod.bronze.sensor_events', layer: 'bronze', sizeBytes: 4.2e12, files: 21_000},
    {table: 'mfg_prod.bronze.test_results', layer: 'bronze', sizeBytes: 6.1e11, files: 3_900},
    {table: 'mfg_prod.silver.sensor_readings', layer: 'silver', sizeBytes: 3.6e12, files: 14_500},
  ];
  for (const table of tables) {
    const labels = {job: 'delta_metrics', env, table: table.table, layer: table.layer};
    const stale = name === 'stale-table' && table.table === text.affected;
    add({__name__: 'mfg_delta_last_commit_age_seconds', ...labels}, (minute) => {
      if (stale && minute >= text.startMinute && minute < text.endMinute) return (minute - text.startMinute) * 60 + 45;
      return Math.round(20 + unit(stream, `${table.table}:age`, minute) * 100);
    });
    add({__name__: 'mfg_delta_table_size_bytes', ...labels}, (minute) => Math.round(table.sizeBytes + minute * 2.5e8));
    add({__name__: 'mfg_delta_table_files', ...labels}, (minute) => table.files + Math.floor(minute / 5));
  }
  let conflicts = 0;
  add({__name__: 'mfg_schema_conflicts_total', job: 'spark_streaming', env, table: 'mfg_prod.silver.sensor_readings'}, (minute) => {
    conflicts += unit(stream, 'conflicts', minute) < 0.05 ? 1 : 0;
    return conflicts;
  });
  add({__name__: 'up', job: 'pushgateway', instance: 'pushgateway:9091'}, () => 1);

  return {name, ...text, series: {intervalMs: minuteMs, series}, minutes};
}
