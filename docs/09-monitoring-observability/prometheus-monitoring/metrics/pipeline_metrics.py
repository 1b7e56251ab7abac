"""Push every StreamingQueryProgress of a query to a Prometheus Pushgateway.

Register once per driver:
    spark.streams.addListener(PrometheusProgressListener(
        "pushgateway.mfg.internal:9091", "prod", "PLANT_01", ui_url=spark.sparkContext.uiWebUrl))

With ui_url set, the listener also copies Spark's own executor metrics (the driver UI's
/metrics/executors/prometheus, Spark 3.0+, served when spark.ui.prometheus.enabled is true) to the
Pushgateway as job "spark_executors", at most every 30 seconds. Those keep Spark's names
(metrics_executor_*): they are Spark's metrics, not the platform's.

Metric names follow the platform's conventions: prefix mfg_, base units (seconds, bytes),
_total only on counters. Counters are running sums kept by the listener, so rate() and increase()
treat a driver restart as the counter reset it is.
"""
import json
import logging
import time
from datetime import datetime
from urllib.request import Request, urlopen

from prometheus_client import (CollectorRegistry, Counter, Gauge, delete_from_gateway, disable_created_metrics,
                               push_to_gateway)
from pyspark.sql.streaming import StreamingQueryListener

log = logging.getLogger("mfg.metrics")
JOB = "spark_streaming"
EXECUTOR_JOB = "spark_executors"
EXECUTOR_PUSH_SECONDS = 30
# Counters would also export a <name>_created gauge; the Pushgateway groups do not need it.
disable_created_metrics()


def forward_executor_metrics(ui_url: str, gateway: str, env: str, plant: str) -> None:
    """PUT the driver's executor metrics to the Pushgateway group job/spark_executors/env/<env>/plant/<plant>.

    The endpoint (PrometheusResource) already answers in Prometheus' text format, one line per
    executor and metric, labelled application_id, application_name and executor_id. PUT replaces
    the whole group, so executors that were removed disappear with the next push.
    """
    with urlopen(f"{ui_url.rstrip('/')}/metrics/executors/prometheus", timeout=5) as response:
        body = response.read()
    request = Request(f"http://{gateway}/metrics/job/{EXECUTOR_JOB}/env/{env}/plant/{plant}", data=body,
                      method="PUT", headers={"Content-Type": "text/plain; version=0.0.4"})
    with urlopen(request, timeout=5):
        pass


def _epoch_seconds(timestamp: str) -> float:
    # Progress timestamps are ISO-8601 UTC strings such as "2026-01-12T06:15:00.000Z".
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()


class PrometheusProgressListener(StreamingQueryListener):
    def __init__(self, gateway: str, env: str, plant: str, ui_url: str = None):
        self.gateway, self.env, self.plant, self.ui_url = gateway, env, plant, ui_url
        self.names = {}  # query id -> query name
        self.totals = {}  # query name -> running sums behind the counters
        self.executors_pushed_at = float("-inf")

    def _grouping_key(self, name):
        return {"env": self.env, "plant": self.plant, "query_name": name}

    def _push(self, name, registry):
        try:  # monitoring must never break or stall the listener bus
            push_to_gateway(self.gateway, job=JOB, registry=registry,
                            grouping_key=self._grouping_key(name), timeout=5)
        except Exception:
            log.warning("pushgateway push failed", exc_info=True)

    def onQueryStarted(self, event):
        self.names[event.id] = event.name or str(event.id)

    def onQueryProgress(self, event):
        p = event.progress
        name = p.name or str(p.id)
        totals = self.totals.setdefault(name, {"input_rows": 0, "dropped_rows": 0})
        totals["input_rows"] += p.numInputRows
        totals["dropped_rows"] += sum(op.numRowsDroppedByWatermark for op in p.stateOperators)

        registry = CollectorRegistry()

        def gauge(metric, value, documentation):
            Gauge(metric, documentation, registry=registry).set(value)

        def counter(metric, value, documentation):
            # prometheus_client appends _total to a counter's name.
            Counter(metric, documentation, registry=registry).inc(value)

        gauge("mfg_streaming_query_active", 1, "1 while the query runs, 0 after it failed")
        gauge("mfg_streaming_input_rows_per_second", p.inputRowsPerSecond or 0.0, "inputRowsPerSecond of the last micro-batch")
        gauge("mfg_streaming_processed_rows_per_second", p.processedRowsPerSecond or 0.0, "processedRowsPerSecond of the last micro-batch")
        gauge("mfg_streaming_batch_duration_seconds", p.batchDuration / 1000.0, "batchDuration of the last micro-batch")
        gauge("mfg_streaming_state_rows", sum(op.numRowsTotal for op in p.stateOperators), "stateOperators[].numRowsTotal, summed")
        gauge("mfg_streaming_state_memory_bytes", sum(op.memoryUsedBytes for op in p.stateOperators), "stateOperators[].memoryUsedBytes, summed")
        counter("mfg_streaming_input_rows", totals["input_rows"], "numInputRows, summed over micro-batches")
        counter("mfg_streaming_rows_dropped_by_watermark", totals["dropped_rows"], "stateOperators[].numRowsDroppedByWatermark, summed")

        phase = Gauge("mfg_streaming_phase_duration_seconds", "durationMs of each phase of the last micro-batch",
                      ["phase"], registry=registry)
        for phase_name, milliseconds in (p.durationMs or {}).items():
            phase.labels(phase=phase_name).set(milliseconds / 1000.0)

        watermark = (p.eventTime or {}).get("watermark")
        if watermark and not watermark.startswith("1970-"):  # epoch 0 until the first event
            gauge("mfg_streaming_watermark_delay_seconds", _epoch_seconds(p.timestamp) - _epoch_seconds(watermark),
                  "progress timestamp minus eventTime.watermark")

        # Lag per partition: the source's latest offset minus the offset this batch read up to.
        lag = Gauge("mfg_kafka_consumer_lag_records", "sources[].latestOffset minus sources[].endOffset",
                    ["topic", "partition"], registry=registry)
        for source in p.sources:
            if not source.description.startswith("KafkaV2"):
                continue
            end = json.loads(source.endOffset or "{}")
            for topic, partitions in json.loads(source.latestOffset or "{}").items():
                for partition, latest in partitions.items():
                    read = end.get(topic, {}).get(partition, latest)
                    lag.labels(topic=topic, partition=partition).set(max(0, latest - read))

        observed = Gauge("mfg_dq_observed_rows", "DataFrame.observe() row counts",
                         ["observation", "metric"], registry=registry)
        for observation, row in (p.observedMetrics or {}).items():
            for metric, value in row.asDict().items():
                observed.labels(observation=observation, metric=metric).set(float(value or 0))

        self._push(name, registry)
        self._forward_executor_metrics()

    def _forward_executor_metrics(self):
        # Several queries share a driver; one copy every EXECUTOR_PUSH_SECONDS is enough.
        if self.ui_url is None or time.monotonic() - self.executors_pushed_at < EXECUTOR_PUSH_SECONDS:
            return
        self.executors_pushed_at = time.monotonic()
        try:
            forward_executor_metrics(self.ui_url, self.gateway, self.env, self.plant)
        except Exception:
            log.warning("executor metrics push failed", exc_info=True)

    def onQueryIdle(self, event):  # Spark 3.5+: the query runs and has no new data
        pass

    def onQueryTerminated(self, event):
        name = self.names.pop(event.id, str(event.id))
        self.totals.pop(name, None)
        if event.exception is None:  # clean stop: deployment or maintenance
            try:
                delete_from_gateway(self.gateway, job=JOB, grouping_key=self._grouping_key(name), timeout=5)
            except Exception:
                log.warning("pushgateway delete failed", exc_info=True)
            return
        registry = CollectorRegistry()
        Gauge("mfg_streaming_query_active", "1 while the query runs, 0 after it failed", ["error_class"],
              registry=registry).labels(error_class=event.errorClassOnException or "UNCLASSIFIED").set(0)
        self._push(name, registry)
