"""Stage report over the Spark REST API (/api/v1), with the rules of the Spark UI analysis lab.

Runs against a live driver (spark.sparkContext.uiWebUrl) or a history server, for Spark 3.5 and
4.0. Field names are the REST API's (org.apache.spark.status.api.v1.StageData and
TaskMetricDistributions). taskSummary quantiles cover successful tasks only, so a stage whose tasks
all failed has no summary (the API answers 404).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import requests

QUANTILES = "0.05,0.25,0.5,0.75,0.95,1.0"


@dataclass(frozen=True)
class Rules:
    """Thresholds of the lab's findings; starting points for batch jobs, tune them per pipeline."""

    slow_task_factor: float = 4.0
    slow_task_floor_ms: int = 30_000
    skew_bytes_factor: float = 2.0
    gc_share: float = 0.10
    gc_min_run_time_ms: int = 60_000
    shuffle_to_input: float = 1.0
    shuffle_min_input_bytes: int = 64 * 1024 * 1024


@dataclass(frozen=True)
class StageRow:
    stage_id: int
    attempt_id: int
    name: str
    status: str
    num_tasks: int
    failed_tasks: int
    executor_run_time_ms: int
    input_bytes: int
    shuffle_read_bytes: int
    shuffle_write_bytes: int
    disk_bytes_spilled: int
    jvm_gc_time_ms: int
    run_time_p75_ms: float | None
    run_time_max_ms: float | None
    read_bytes_p75: float | None
    read_bytes_max: float | None
    findings: tuple[str, ...]


class SparkRestClient:
    """A thin client for one application's /api/v1 endpoints."""

    def __init__(self, base_url: str, app_id: str, timeout_s: float = 30.0) -> None:
        self.base = f"{base_url.rstrip('/')}/api/v1/applications/{app_id}"
        self.timeout_s = timeout_s

    def stages(self, status: str = "complete") -> list[dict]:
        response = requests.get(f"{self.base}/stages", params={"status": status}, timeout=self.timeout_s)
        response.raise_for_status()
        return response.json()

    def task_summary(self, stage_id: int, attempt_id: int) -> dict | None:
        response = requests.get(
            f"{self.base}/stages/{stage_id}/{attempt_id}/taskSummary",
            params={"quantiles": QUANTILES},
            timeout=self.timeout_s,
        )
        if response.status_code == 404:
            return None
        response.raise_for_status()
        return response.json()


def stage_findings(stage: dict, summary: dict | None, rules: Rules) -> list[str]:
    """The lab's stage rules, on one StageData and its taskSummary."""
    findings: list[str] = []
    if summary is not None:
        run = summary["executorRunTime"]
        read = [
            bytes_read + shuffle_read
            for bytes_read, shuffle_read in zip(summary["inputMetrics"]["bytesRead"], summary["shuffleReadMetrics"]["readBytes"])
        ]
        p75, slowest = run[3], run[5]
        if slowest >= rules.slow_task_factor * p75 and slowest - p75 >= rules.slow_task_floor_ms:
            # The quantiles do not say which task is slowest; max read bytes stands in for its read.
            skewed = read[5] >= rules.skew_bytes_factor * max(read[3], 1)
            findings.append("skew" if skewed else "straggler")
    if stage["diskBytesSpilled"] > 0 or stage["memoryBytesSpilled"] > 0:
        findings.append("spill")
    run_time = stage["executorRunTime"]
    if run_time >= rules.gc_min_run_time_ms and stage["jvmGcTime"] / run_time >= rules.gc_share:
        findings.append("gc")
    if stage["inputBytes"] >= rules.shuffle_min_input_bytes and stage["shuffleWriteBytes"] >= rules.shuffle_to_input * stage["inputBytes"]:
        findings.append("shuffle-explosion")
    if stage["numFailedTasks"] > 0:
        findings.append("failed-tasks")
    return findings


def stage_report(client: SparkRestClient, top: int = 10, rules: Rules = Rules()) -> Iterator[StageRow]:
    """The `top` stages by executorRunTime, with their quantiles and findings."""
    stages = sorted(client.stages(), key=lambda s: s["executorRunTime"], reverse=True)[:top]
    for stage in stages:
        summary = client.task_summary(stage["stageId"], stage["attemptId"])
        run = summary["executorRunTime"] if summary else None
        read = summary["shuffleReadMetrics"]["readBytes"] if summary else None
        yield StageRow(
            stage_id=stage["stageId"],
            attempt_id=stage["attemptId"],
            name=stage["name"][:80],
            status=stage["status"],
            num_tasks=stage["numTasks"],
            failed_tasks=stage["numFailedTasks"],
            executor_run_time_ms=stage["executorRunTime"],
            input_bytes=stage["inputBytes"],
            shuffle_read_bytes=stage["shuffleReadBytes"],
            shuffle_write_bytes=stage["shuffleWriteBytes"],
            disk_bytes_spilled=stage["diskBytesSpilled"],
            jvm_gc_time_ms=stage["jvmGcTime"],
            run_time_p75_ms=run[3] if run else None,
            run_time_max_ms=run[5] if run else None,
            read_bytes_p75=read[3] if read else None,
            read_bytes_max=read[5] if read else None,
            findings=tuple(stage_findings(stage, summary, rules)),
        )


def save_report(spark, rows: list[StageRow], table: str = "mfg_prod.ops.spark_stage_report") -> None:
    """Appends the rows, with the application id, to a Delta table for trends across runs."""
    app_id = spark.sparkContext.applicationId
    records = [{"app_id": app_id, **row.__dict__, "findings": list(row.findings)} for row in rows]
    spark.createDataFrame(records).write.format("delta").mode("append").saveAsTable(table)


if __name__ == "__main__":
    from pyspark.sql import SparkSession

    session = SparkSession.builder.getOrCreate()
    context = session.sparkContext
    report = list(stage_report(SparkRestClient(context.uiWebUrl, context.applicationId)))
    for row in report:
        print(row.stage_id, row.status, row.executor_run_time_ms, row.findings)
    save_report(session, report)
