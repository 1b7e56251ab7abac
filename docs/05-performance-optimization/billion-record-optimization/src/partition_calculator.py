"""Partition sizing from measured bytes, with Spark's own split-size rule for file scans.

Spark 3.5 and 4.0. `max_split_bytes` transcribes FilePartition.maxSplitBytes; the shuffle
partition count is this platform's rule of thumb (about 200 MiB per partition before AQE
coalescing), not a Spark default.
"""

from __future__ import annotations

import math

MIB = 1024 * 1024

# spark.sql.files.maxPartitionBytes and spark.sql.files.openCostInBytes defaults
MAX_PARTITION_BYTES = 128 * MIB
OPEN_COST_IN_BYTES = 4 * MIB


def max_split_bytes(
    file_sizes: list[int],
    default_parallelism: int,
    max_partition_bytes: int = MAX_PARTITION_BYTES,
    open_cost_in_bytes: int = OPEN_COST_IN_BYTES,
    min_partition_num: int | None = None,
) -> int:
    """FilePartition.maxSplitBytes: min(maxPartitionBytes, max(openCost, bytesPerCore))."""
    total_bytes = sum(size + open_cost_in_bytes for size in file_sizes)
    bytes_per_core = total_bytes // (min_partition_num or default_parallelism)
    return min(max_partition_bytes, max(open_cost_in_bytes, bytes_per_core))


def scan_tasks(file_sizes: list[int], default_parallelism: int, **options: int) -> int:
    """Read tasks of a scan of splittable files (FilePartition.getFilePartitions, next fit decreasing)."""
    split = max_split_bytes(file_sizes, default_parallelism, **options)
    open_cost = options.get("open_cost_in_bytes", OPEN_COST_IN_BYTES)
    splits = sorted(
        (min(split, size - offset) for size in file_sizes for offset in range(0, size, split)),
        reverse=True,
    )
    tasks, current = 0, 0
    for length in splits:
        if current + length > split and current > 0:
            tasks += 1
            current = 0
        current += length + open_cost
    return tasks + (1 if current > 0 else 0)


def shuffle_partitions(shuffle_bytes: int, total_cores: int, target_mib: int = 200) -> int:
    """Partitions of about target_mib each, rounded up to a multiple of the core count."""
    needed = math.ceil(shuffle_bytes / (target_mib * MIB))
    return max(total_cores, math.ceil(needed / total_cores) * total_cores)


def session_settings(shuffle_bytes: int, total_cores: int) -> dict[str, str]:
    """Settings for the next run of a job whose last shuffle wrote shuffle_bytes."""
    return {
        "spark.sql.adaptive.enabled": "true",
        "spark.sql.shuffle.partitions": str(shuffle_partitions(shuffle_bytes, total_cores)),
        "spark.sql.adaptive.skewJoin.enabled": "true",
    }


if __name__ == "__main__":
    # 1.2 TiB of shuffle on 320 cores at about 200 MiB per partition
    print(session_settings(int(1.2 * 1024**4), 320))
    # 48,000 files of 25.6 MiB on 320 cores
    print(scan_tasks([int(25.6 * MIB)] * 48_000, 320))
