"""Executor sizing: the container YARN or Kubernetes is asked for, and execution memory per task.

Transcribes ResourceProfile.calculateOverHeadMemory and UnifiedMemoryManager.getMaxMemory (Spark
3.5 and 4.0). On Databricks the instance type fixes the executor memory; use this to compare
instance types, not to set spark.executor.memory there.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024
RESERVED_SYSTEM_MEMORY_BYTES = 300 * MIB  # UnifiedMemoryManager.RESERVED_SYSTEM_MEMORY_BYTES


@dataclass(frozen=True)
class ExecutorShape:
    memory_mib: int
    cores: int
    overhead_mib: int | None = None  # spark.executor.memoryOverhead
    overhead_factor: float = 0.10  # spark.executor.memoryOverheadFactor
    min_overhead_mib: int = 384  # spark.executor.minMemoryOverhead (Spark 4.0; fixed before)
    memory_fraction: float = 0.6  # spark.memory.fraction
    storage_fraction: float = 0.5  # spark.memory.storageFraction


def container_mib(shape: ExecutorShape, off_heap_mib: int = 0, pyspark_mib: int = 0) -> int:
    """Executor memory + overhead (+ off-heap + PySpark memory), as ResourceProfile requests it."""
    overhead = shape.overhead_mib
    if overhead is None:
        overhead = max(int(shape.overhead_factor * shape.memory_mib), shape.min_overhead_mib)
    return shape.memory_mib + overhead + off_heap_mib + pyspark_mib


def unified_memory_bytes(shape: ExecutorShape) -> int:
    """(heap − 300 MiB) × spark.memory.fraction; the heap is taken as spark.executor.memory."""
    heap = shape.memory_mib * MIB
    if heap < RESERVED_SYSTEM_MEMORY_BYTES * 1.5:
        raise ValueError(f"System memory {heap} must be at least {int(RESERVED_SYSTEM_MEMORY_BYTES * 1.5)}.")
    return int((heap - RESERVED_SYSTEM_MEMORY_BYTES) * shape.memory_fraction)


def execution_memory_per_task(shape: ExecutorShape) -> tuple[int, int]:
    """ExecutionMemoryPool bounds for one of `cores` running tasks: 1/(2N) of the pool to 1/N of it all."""
    unified = unified_memory_bytes(shape)
    execution_pool = unified - int(unified * shape.storage_fraction)
    return execution_pool // (2 * shape.cores), unified // shape.cores


def fits(shape: ExecutorShape, partition_bytes: int, expansion: float = 2.0) -> bool:
    """Whether a shuffle partition, expanded in memory by `expansion`, fits the guaranteed share of a task."""
    guaranteed, _ = execution_memory_per_task(shape)
    return partition_bytes * expansion <= guaranteed


if __name__ == "__main__":
    for shape in (ExecutorShape(memory_mib=28 * 1024, cores=4), ExecutorShape(memory_mib=56 * 1024, cores=8)):
        low, high = execution_memory_per_task(shape)
        print(shape.memory_mib, shape.cores, container_mib(shape), low // MIB, high // MIB, fits(shape, 200 * MIB))
