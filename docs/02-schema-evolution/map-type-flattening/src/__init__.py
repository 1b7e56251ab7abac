"""Progressive flattening of the ``customExtension`` MAP<STRING, STRING> column (Spark 3.5 / 4.0, Delta 3.2+)."""

from .custom_extension_handler import EXTENSION_COLUMN, assign_column_names, column_name_for_key, value_sql
from .dynamic_key_discovery import discover_keys, propose_new_keys
from .optimization import column_count_status, plan_has_exchange, zorder_optimize
from .progressive_flattener import RegisteredKey, flatten, load_registry, update_registry, write_batch
from .type_inference import choose_type, profile_values

__all__ = [
    "EXTENSION_COLUMN",
    "RegisteredKey",
    "assign_column_names",
    "choose_type",
    "column_count_status",
    "column_name_for_key",
    "discover_keys",
    "flatten",
    "load_registry",
    "plan_has_exchange",
    "profile_values",
    "propose_new_keys",
    "update_registry",
    "value_sql",
    "write_batch",
    "zorder_optimize",
]
