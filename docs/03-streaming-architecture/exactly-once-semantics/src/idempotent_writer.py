"""Idempotent ``foreachBatch`` writes to Delta with ``txnAppId``/``txnVersion``, one app id per checkpoint.

After a failure Spark reruns the last planned batch with the same batch id (its ``offsets/<batchId>`` file
exists, its ``commits/<batchId>`` file does not). The built-in Delta sink recognises the rerun; a
``foreachBatch`` function does not unless every Delta write in it carries a transaction identifier:

* writer options ``txnAppId`` and ``txnVersion`` for ``DataFrameWriter`` writes (``DeltaOptions``);
* session configurations ``spark.databricks.delta.write.txnAppId`` and
  ``spark.databricks.delta.write.txnVersion`` for ``MERGE``, ``UPDATE`` and ``DELETE`` (Delta 2.3+).

Delta records ``SetTransaction(appId, version)`` in the table's log in the same commit as the data and
skips a later write when the table's recorded version for that app id is greater than or equal to the
write's ``txnVersion`` (``WriteIntoDelta.hasBeenExecuted``, ``DeltaCommand.hasBeenExecuted``). The skip is
silent: the job succeeds, and the driver log has one INFO line about it.

The app id must change with the checkpoint. A new checkpoint restarts batch ids at 0; with a fixed app id
Delta would skip every batch up to the last version recorded by the old checkpoint, which is data loss that
looks like success. This writer therefore derives the app id from the query id that Spark keeps in the
checkpoint's ``metadata`` file (``StreamMetadata``: ``{"id":"<uuid>"}``, written when a query first starts
on an empty checkpoint and read back on every restart). The built-in Delta sink uses the same query id as
its app id.

Setting only one of a pair fails with ``DELTA_INVALID_IDEMPOTENT_WRITES_OPTIONS`` (SQLSTATE 42616,
``DeltaIllegalArgumentException``): "Invalid options for idempotent Dataframe writes: <reason>" in Delta
3.2 to 4.4.

Spark 3.5 / 4.0 (classic and Spark Connect), Delta Lake 3.2+ / 4.x, Databricks Runtime 14.3 LTS and later.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Optional, Sequence

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.streaming import StreamingQuery

from delta.tables import DeltaTable

TXN_APP_ID_CONF = "spark.databricks.delta.write.txnAppId"
TXN_VERSION_CONF = "spark.databricks.delta.write.txnVersion"


def parse_stream_metadata(text: str) -> str:
    """The query id in a checkpoint's ``metadata`` file (one JSON object, ``{"id":"..."}``)."""
    try:
        query_id = json.loads(text)["id"]
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"not a streaming checkpoint metadata file: {text[:80]!r}") from error
    if not isinstance(query_id, str) or not query_id:
        raise ValueError(f"checkpoint metadata has no query id: {text[:80]!r}")
    return query_id


def checkpoint_query_id(spark: SparkSession, checkpoint_location: str) -> str:
    """Read the query id of a checkpoint. Spark writes the file before the first batch runs."""
    rows = spark.read.text(f"{checkpoint_location.rstrip('/')}/metadata", wholetext=True).collect()
    if not rows:
        raise ValueError(f"{checkpoint_location}/metadata is empty: is this a streaming checkpoint?")
    return parse_stream_metadata(rows[0][0])


def txn_app_id(query_id: str, target_table: str) -> str:
    """The app id of one target table's writes for one checkpoint.

    Delta keeps the transaction versions per table, so one id per checkpoint would do; naming the table
    keeps two writes to the same table in one batch from silently skipping each other.
    """
    return f"{query_id}:{target_table}"


@dataclass
class IdempotentDeltaWriter:
    """A ``foreachBatch`` function: append every update to a change log and MERGE it into the current state.

    Give it the query's own checkpoint location; it reads the query id from there on the first batch.
    """

    checkpoint_location: str
    change_log_table: str
    current_table: str
    merge_keys: Sequence[str] = ("machine_id", "window_start")
    _query_id: Optional[str] = field(default=None, init=False, repr=False)

    def app_id(self, spark: SparkSession, table: str) -> str:
        if self._query_id is None:
            self._query_id = checkpoint_query_id(spark, self.checkpoint_location)
        return txn_app_id(self._query_id, table)

    def __call__(self, batch_df: DataFrame, batch_id: int) -> None:
        spark = batch_df.sparkSession
        # A MERGE with two source rows for one target row fails with
        # DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE (SQLSTATE 21506).
        rows = batch_df.dropDuplicates(list(self.merge_keys))

        # Append: writer options.
        (
            rows.write.format("delta")
            .mode("append")
            .option("txnAppId", self.app_id(spark, self.change_log_table))
            .option("txnVersion", batch_id)
            .saveAsTable(self.change_log_table)
        )

        # MERGE: session configurations (writer options do not reach DeltaTable.merge).
        condition = " AND ".join(f"t.`{key}` = s.`{key}`" for key in self.merge_keys)
        spark.conf.set(TXN_APP_ID_CONF, self.app_id(spark, self.current_table))
        spark.conf.set(TXN_VERSION_CONF, str(batch_id))
        try:
            (
                DeltaTable.forName(spark, self.current_table)
                .alias("t")
                .merge(rows.alias("s"), condition)
                .whenMatchedUpdateAll()
                .whenNotMatchedInsertAll()
                .execute()
            )
        finally:
            # Left set, the pair would make the session's next unrelated MERGE a silent no-op.
            spark.conf.unset(TXN_APP_ID_CONF)
            spark.conf.unset(TXN_VERSION_CONF)


def start_gold_minute_stream(metrics: DataFrame, env: str) -> StreamingQuery:
    """Start the gold per-minute query (update mode) with its own checkpoint.

    Names follow the platform conventions: query ``<schema>_<table>``, checkpoint
    ``/Volumes/mfg_<env>/ops/checkpoints/<queryName>``.
    """
    query_name = "gold_agg_sensor_readings_minute"
    checkpoint = f"/Volumes/mfg_{env}/ops/checkpoints/{query_name}"
    writer = IdempotentDeltaWriter(
        checkpoint_location=checkpoint,
        change_log_table=f"mfg_{env}.ops.agg_sensor_readings_minute_changes",
        current_table=f"mfg_{env}.gold.agg_sensor_readings_minute",
    )
    return (
        metrics.writeStream.queryName(query_name)
        .foreachBatch(writer)
        .option("checkpointLocation", checkpoint)
        .outputMode("update")
        .trigger(processingTime="1 minute")
        .start()
    )
