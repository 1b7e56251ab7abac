"""Slowly changing dimensions on Delta Lake: types 1, 2, 3 and 6, and a builder that picks by attribute type.

PySpark 3.5 / 4.0 with delta-spark 3.2+ (4.x on Spark 4.0). The type 2 engine matches the lab on the
page: natural key ``machine_id``; tracked ``firmware``, ``line_id``, ``calibration_offset``,
``operating_mode``; surrogate key ``machine_sk``; ``valid_from`` / ``valid_to`` (NULL = open end) /
``is_current``; deletes closing the current version; dbt snapshot column names on request.
"""

from .dimension_builder import (
    UNKNOWN_MEMBER_KEY,
    DimensionSpec,
    build_dimension,
    create_table_sql,
    ensure_unknown_member,
    scd2_config,
    table_columns,
)
from .scd_type1 import Scd1Config, apply_scd1, apply_scd1_snapshot, latest_per_key
from .scd_type2 import (
    DBT_SNAPSHOT_COLUMNS,
    DEFAULT_COLUMNS,
    DELETE_OPERATIONS,
    HistoryColumns,
    Scd2Config,
    Scd2Result,
    apply_scd2,
    current_column,
    merge_condition,
    plan_scd2,
    previous_column,
    row_hash,
)
from .scd_type3 import Scd3Config, apply_scd3, changed_at_column, plan_scd3
from .scd_type6 import apply_scd6, plan_scd6, scd6_config, type6_columns

__all__ = [
    "DBT_SNAPSHOT_COLUMNS",
    "DEFAULT_COLUMNS",
    "DELETE_OPERATIONS",
    "UNKNOWN_MEMBER_KEY",
    "DimensionSpec",
    "HistoryColumns",
    "Scd1Config",
    "Scd2Config",
    "Scd2Result",
    "Scd3Config",
    "apply_scd1",
    "apply_scd1_snapshot",
    "apply_scd2",
    "apply_scd3",
    "apply_scd6",
    "build_dimension",
    "changed_at_column",
    "create_table_sql",
    "current_column",
    "ensure_unknown_member",
    "latest_per_key",
    "merge_condition",
    "plan_scd2",
    "plan_scd3",
    "plan_scd6",
    "previous_column",
    "row_hash",
    "scd2_config",
    "scd6_config",
    "table_columns",
    "type6_columns",
]
