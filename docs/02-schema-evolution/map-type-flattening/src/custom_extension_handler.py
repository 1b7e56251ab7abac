"""The MAP<STRING, STRING> specifics: column names for keys and the SQL that reads one key."""

from __future__ import annotations

import re
from collections.abc import Iterable

EXTENSION_COLUMN = "customExtension"
COLUMN_PREFIX = "ext_"
_NOT_IDENTIFIER = re.compile(r"[^a-z0-9_]+")


def quote_identifier(name: str) -> str:
    """Quotes a Spark SQL identifier with backticks (a backtick inside is doubled)."""
    return "`" + name.replace("`", "``") + "`"


def sql_string_literal(text: str) -> str:
    """A Spark SQL string literal: backslashes and single quotes are escaped with a backslash."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def value_sql(key: str) -> str:
    """SQL that reads one key of the map. Since Spark 3.4 (SPARK-40066) a missing key gives NULL, ANSI or not."""
    return f"{quote_identifier(EXTENSION_COLUMN)}[{sql_string_literal(key)}]"


def column_name_for_key(key: str) -> str:
    """``Temp °C`` -> ``ext_temp_c``: lower case, runs of other characters become one underscore."""
    body = _NOT_IDENTIFIER.sub("_", key.lower()).strip("_")
    return COLUMN_PREFIX + (body or "key")


def assign_column_names(keys: Iterable[str]) -> dict[str, str]:
    """Maps each key to a unique column name; keys that sanitise to the same name get _2, _3 in key order."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for key in sorted(set(keys)):
        base = column_name_for_key(key)
        name, suffix = base, 2
        while name in taken:
            name, suffix = f"{base}_{suffix}", suffix + 1
        names[key] = name
        taken.add(name)
    return names
