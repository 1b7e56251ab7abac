"""Read a Structured Streaming checkpoint: which batch is committed, which one a restart reruns, resume offsets.

The layout, as Spark writes it (Spark 3.5 and 4.0):

* ``metadata``: one JSON object with the query id, ``{"id":"<uuid>"}`` (``StreamMetadata``). Written when
  a query first starts on an empty checkpoint, read back on every restart.
* ``offsets/<batchId>`` (``OffsetSeqLog``): written *before* the batch runs. Line 1 is the version
  ``v1``; line 2 the batch metadata JSON (``OffsetSeqMetadata``: ``batchWatermarkMs``,
  ``batchTimestampMs`` and the SQL confs the checkpoint pins, such as
  ``spark.sql.streaming.multipleWatermarkPolicy``), empty in very old checkpoints; then one line per
  source, in the order of the query's sources: that source's end offset as JSON, or ``-`` when the
  source has none. A Kafka source writes ``{"<topic>":{"<partition>":<next offset>}}``.
* ``commits/<batchId>`` (``CommitLog``): written *after* the sink committed the batch. Line 1 is the
  version, ``v1`` (``v2`` with ``spark.sql.streaming.stateStore.checkpointFormatVersion=2`` in Spark 4.0+);
  line 2 the JSON ``{"nextBatchWatermarkMs":<ms>}``, in v2 with the state store's ``stateUniqueIds``.
* File names are the batch ids. Everything else in those folders (``.0.crc``, ``.tmp`` files) is not a
  log entry (``HDFSMetadataLog.isBatchFile``). Spark keeps the last
  ``spark.sql.streaming.minBatchesToRetain`` (default 100) entries and deletes older ones.

On restart Spark takes the latest ``offsets`` entry. If its ``commits`` entry is missing, it reruns that
batch with exactly those offsets; otherwise it plans the next batch. The ``offsets`` end offsets of the
last *committed* batch are therefore where a new checkpoint can resume without a gap.

The files are internal to Spark: read them, never edit them. This module needs only the Python standard
library, so it also runs outside a cluster on a copy of a checkpoint. Python 3.9+.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional, Protocol

#: Log versions this module reads: OffsetSeqLog writes v1; CommitLog v1, or v2 with checkpoint format 2.
OFFSET_LOG_VERSIONS = (1,)
COMMIT_LOG_VERSIONS = (1, 2)
#: What OffsetSeqLog writes for a source without an offset in that batch.
VOID_OFFSET = "-"


class CheckpointError(ValueError):
    """A checkpoint file that does not have the layout Spark writes."""


@dataclass(frozen=True)
class OffsetLogEntry:
    batch_id: int
    version: int
    #: ``OffsetSeqMetadata`` as a dict (``batchWatermarkMs``, ``batchTimestampMs``, ``conf``); None if empty.
    metadata: Optional[dict[str, Any]]
    #: One parsed end offset per source, None where the source had none (``-``).
    sources: tuple[Any, ...]

    @property
    def batch_watermark_ms(self) -> int:
        """The watermark this batch ran with: computed at the end of the previous batch."""
        return int((self.metadata or {}).get("batchWatermarkMs", 0))


@dataclass(frozen=True)
class CommitLogEntry:
    batch_id: int
    version: int
    #: The watermark the next batch will use: max event time seen so far minus the delay.
    next_batch_watermark_ms: int


@dataclass(frozen=True)
class CheckpointState:
    query_id: str
    offsets: tuple[OffsetLogEntry, ...]
    commits: tuple[CommitLogEntry, ...]

    @property
    def last_planned(self) -> Optional[OffsetLogEntry]:
        return self.offsets[-1] if self.offsets else None

    @property
    def last_committed(self) -> Optional[CommitLogEntry]:
        return self.commits[-1] if self.commits else None

    @property
    def batch_to_rerun(self) -> Optional[OffsetLogEntry]:
        """The batch a restart runs again with the same offsets: planned, not committed."""
        planned, committed = self.last_planned, self.last_committed
        if planned is None:
            return None
        if committed is None or committed.batch_id < planned.batch_id:
            return planned
        return None

    def committed_offsets(self) -> Optional[OffsetLogEntry]:
        """The offsets entry of the last committed batch, or None before the first commit."""
        committed = self.last_committed
        if committed is None:
            return None
        for entry in self.offsets:
            if entry.batch_id == committed.batch_id:
                return entry
        raise CheckpointError(
            f"commits/{committed.batch_id} exists but offsets/{committed.batch_id} does not "
            "(older entries are purged after spark.sql.streaming.minBatchesToRetain batches)"
        )


def _version(line: str, supported: Iterable[int], path: str) -> int:
    """The ``v<n>`` first line, checked as ``HDFSMetadataLog.validateVersion`` does."""
    text = line.strip()
    if not text.startswith("v") or not text[1:].isdigit() or int(text[1:]) <= 0:
        raise CheckpointError(f"{path}: malformed log file, first line is {text[:20]!r}, expected v1")
    version = int(text[1:])
    if version not in tuple(supported):
        raise CheckpointError(f"{path}: log version v{version} is not one this module reads")
    return version


def _json(text: str, path: str, what: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        raise CheckpointError(f"{path}: {what} is not JSON: {text[:80]!r}") from error


def parse_offset_log(batch_id: int, text: str, path: str = "offsets") -> OffsetLogEntry:
    """Parse one ``offsets/<batchId>`` file (``OffsetSeqLog.deserialize``)."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise CheckpointError(f"{path}: incomplete log file")
    version = _version(lines[0], OFFSET_LOG_VERSIONS, path)
    if len(lines) < 2:
        raise CheckpointError(f"{path}: no metadata line")
    metadata_text = lines[1].strip()
    metadata = _json(metadata_text, path, "the metadata line") if metadata_text else None
    sources = tuple(
        None if line == VOID_OFFSET else _json(line, path, f"source {index}")
        for index, line in enumerate(lines[2:])
    )
    return OffsetLogEntry(batch_id, version, metadata, sources)


def parse_commit_log(batch_id: int, text: str, path: str = "commits") -> CommitLogEntry:
    """Parse one ``commits/<batchId>`` file (``CommitLog.deserialize``; a missing JSON line reads as ``{}``)."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise CheckpointError(f"{path}: incomplete log file in the offset commit log")
    version = _version(lines[0], COMMIT_LOG_VERSIONS, path)
    body = _json(lines[1], path, "the commit metadata") if len(lines) > 1 and lines[1].strip() else {}
    return CommitLogEntry(batch_id, version, int(body.get("nextBatchWatermarkMs", 0)))


def batch_ids(names: Iterable[str]) -> list[int]:
    """The batch ids among a log folder's file names, ascending; ``.crc`` and temporary files are skipped."""
    return sorted(int(name) for name in names if name.isdigit())


class CheckpointFiles(Protocol):
    def list(self, folder: str) -> list[str]: ...

    def read(self, path: str) -> str: ...


class LocalFiles:
    """A checkpoint on a POSIX path: a Unity Catalog volume (``/Volumes/...``) on a cluster, or a local copy."""

    def list(self, folder: str) -> list[str]:
        return os.listdir(folder) if os.path.isdir(folder) else []

    def read(self, path: str) -> str:
        with open(path, encoding="utf-8") as handle:
            return handle.read()


class DbutilsFiles:
    """A checkpoint on a cloud URI (``abfss://``, ``s3://``) read through ``dbutils.fs``."""

    def __init__(self, dbutils: Any, max_bytes: int = 1024 * 1024):
        self._fs = dbutils.fs
        self._max_bytes = max_bytes

    def list(self, folder: str) -> list[str]:
        try:
            return [entry.name.rstrip("/") for entry in self._fs.ls(folder)]
        except Exception as error:  # dbutils raises a Java exception wrapper for a missing folder
            if "FileNotFoundException" in str(error):
                return []
            raise

    def read(self, path: str) -> str:
        return self._fs.head(path, self._max_bytes)


def read_checkpoint(checkpoint: str, files: Optional[CheckpointFiles] = None) -> CheckpointState:
    """Read the query id and every retained offsets and commits entry of a checkpoint."""
    files = files or LocalFiles()
    root = checkpoint.rstrip("/")

    def entries(folder: str, parse: Callable[[int, str, str], Any]) -> tuple[Any, ...]:
        return tuple(
            parse(batch_id, files.read(f"{root}/{folder}/{batch_id}"), f"{root}/{folder}/{batch_id}")
            for batch_id in batch_ids(files.list(f"{root}/{folder}"))
        )

    try:
        metadata = _json(files.read(f"{root}/metadata"), f"{root}/metadata", "the query metadata")
    except FileNotFoundError as error:
        raise CheckpointError(f"{root} has no metadata file: not a streaming checkpoint") from error
    if not isinstance(metadata, dict) or not isinstance(metadata.get("id"), str):
        raise CheckpointError(f"{root}/metadata has no query id")
    return CheckpointState(metadata["id"], entries("offsets", parse_offset_log), entries("commits", parse_commit_log))


def resume_starting_offsets(state: CheckpointState, source_index: int = 0) -> str:
    """The ``startingOffsets`` JSON that continues a Kafka source where the last committed batch ended.

    A Kafka source's end offsets are the next offsets to read, so they are the new query's start offsets
    unchanged. A batch that was planned but not committed is not skipped: it is read again by the new
    query, so the sink must be idempotent for that overlap.
    """
    entry = state.committed_offsets()
    if entry is None:
        raise CheckpointError("no committed batch: start the new query from the old startingOffsets instead")
    if source_index >= len(entry.sources):
        raise CheckpointError(f"batch {entry.batch_id} has {len(entry.sources)} source(s), not {source_index + 1}")
    offsets = entry.sources[source_index]
    if not isinstance(offsets, dict) or not all(isinstance(parts, dict) for parts in offsets.values()):
        raise CheckpointError(f"source {source_index} of batch {entry.batch_id} is not a Kafka source offset: {offsets!r}")
    return json.dumps(offsets, separators=(",", ":"), sort_keys=True)


def describe(state: CheckpointState) -> list[str]:
    """One line per fact an on-call engineer needs before a restart."""
    lines = [f"query id {state.query_id}"]
    planned, committed, rerun = state.last_planned, state.last_committed, state.batch_to_rerun
    lines.append(f"last planned batch {planned.batch_id if planned else 'none'}")
    lines.append(f"last committed batch {committed.batch_id if committed else 'none'}")
    if rerun is not None:
        lines.append(f"a restart on this checkpoint reruns batch {rerun.batch_id} with the same offsets")
    if committed is not None:
        lines.append(f"next batch watermark {committed.next_batch_watermark_ms} ms")
    return lines
