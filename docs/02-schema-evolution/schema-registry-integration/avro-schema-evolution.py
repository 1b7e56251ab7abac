"""Schema Registry gate for plant Avro topics, run in the producer repository's CI.

It pins the subject's compatibility mode, tests a candidate schema against the registry with the REST API
(``POST /compatibility/subjects/{subject}/versions/latest``, and every version for a transitive mode), registers it
on request, and compares the candidate with the latest registered schema the way the Delta sink will see it: Avro
types converted to Spark types, type changes classified by Delta's schema-merge rules.

Configuration comes from the environment:

    SCHEMA_REGISTRY_URL          https://schema-registry.plant.example:8081 (required)
    SCHEMA_REGISTRY_API_KEY      basic-auth user, e.g. a Confluent Cloud API key (optional)
    SCHEMA_REGISTRY_API_SECRET   basic-auth password (optional, required with the key)
    SCHEMA_REGISTRY_CA_BUNDLE    CA bundle path for a registry behind a private CA (optional)
    SCHEMA_SUBJECT               e.g. plant.telemetry.enriched-value (required)
    SCHEMA_FILE                  path of the candidate .avsc (required for check and register)
    SCHEMA_COMPATIBILITY         the mode the subject must have (default FULL_TRANSITIVE)
    DELTA_TYPE_WIDENING          "true" when the silver table has delta.enableTypeWidening (default false)
    DELTA_CHECK                  "fail" (default) or "warn": what a Delta-incompatible type change does

Commands:

    python avro-schema-evolution.py mode       # print the subject's effective compatibility mode
    python avro-schema-evolution.py pin-mode   # PUT /config/{subject} with SCHEMA_COMPATIBILITY
    python avro-schema-evolution.py check      # registry and Delta checks; exit 0 if both pass
    python avro-schema-evolution.py register   # check, then POST /subjects/{subject}/versions

Exit codes: 0 passed, 1 incompatible, 2 configuration error, 3 registry error.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import quote

import requests

CONTENT_TYPE = "application/vnd.schemaregistry.v1+json"
MODES = (
    "BACKWARD",
    "BACKWARD_TRANSITIVE",
    "FORWARD",
    "FORWARD_TRANSITIVE",
    "FULL",
    "FULL_TRANSITIVE",
    "NONE",
)
SUBJECT_NOT_FOUND = 40401
TIMEOUT_SECONDS = 30


class ConfigError(Exception):
    """A missing or invalid environment setting."""


class RegistryError(Exception):
    """The registry answered with an error that the gate cannot interpret as a verdict."""


@dataclass(frozen=True)
class Settings:
    url: str
    subject: str
    schema_file: Optional[str]
    compatibility: str
    auth: Optional[tuple[str, str]]
    verify: Any  # True, or a CA bundle path
    type_widening: bool
    delta_fails: bool


def load_settings(environ: dict[str, str]) -> Settings:
    """Read and validate the environment."""
    url = environ.get("SCHEMA_REGISTRY_URL", "").rstrip("/")
    subject = environ.get("SCHEMA_SUBJECT", "")
    if not url or not subject:
        raise ConfigError("SCHEMA_REGISTRY_URL and SCHEMA_SUBJECT are required")
    compatibility = environ.get("SCHEMA_COMPATIBILITY", "FULL_TRANSITIVE").upper()
    if compatibility not in MODES:
        raise ConfigError(f"SCHEMA_COMPATIBILITY must be one of {', '.join(MODES)}, not {compatibility!r}")
    key, secret = environ.get("SCHEMA_REGISTRY_API_KEY"), environ.get("SCHEMA_REGISTRY_API_SECRET")
    if bool(key) != bool(secret):
        raise ConfigError("set both SCHEMA_REGISTRY_API_KEY and SCHEMA_REGISTRY_API_SECRET, or neither")
    delta_check = environ.get("DELTA_CHECK", "fail").lower()
    if delta_check not in ("fail", "warn"):
        raise ConfigError("DELTA_CHECK must be 'fail' or 'warn'")
    return Settings(
        url=url,
        subject=subject,
        schema_file=environ.get("SCHEMA_FILE"),
        compatibility=compatibility,
        auth=(key, secret) if key and secret else None,
        verify=environ.get("SCHEMA_REGISTRY_CA_BUNDLE") or True,
        type_widening=environ.get("DELTA_TYPE_WIDENING", "false").lower() == "true",
        delta_fails=delta_check == "fail",
    )


class Registry:
    """The few Schema Registry REST calls the gate needs."""

    def __init__(self, settings: Settings) -> None:
        self.base = settings.url
        self.subject_path = quote(settings.subject, safe="")
        self.session = requests.Session()
        self.session.auth = settings.auth
        self.session.verify = settings.verify
        self.session.headers.update({"Accept": CONTENT_TYPE, "Content-Type": CONTENT_TYPE})

    def _call(self, method: str, path: str, body: Optional[dict] = None, params: Optional[dict] = None) -> tuple[int, Any]:
        response = self.session.request(
            method, f"{self.base}{path}", json=body, params=params, timeout=TIMEOUT_SECONDS
        )
        try:
            payload = response.json()
        except ValueError:
            payload = {"message": response.text}
        return response.status_code, payload

    @staticmethod
    def _error(status: int, payload: Any) -> RegistryError:
        if isinstance(payload, dict):
            return RegistryError(f"HTTP {status}, error_code {payload.get('error_code')}: {payload.get('message')}")
        return RegistryError(f"HTTP {status}: {payload}")

    def effective_mode(self) -> str:
        """The subject's mode, or the global mode when the subject has none of its own."""
        status, payload = self._call("GET", f"/config/{self.subject_path}", params={"defaultToGlobal": "true"})
        if status == 404:
            status, payload = self._call("GET", "/config")
        if status != 200:
            raise self._error(status, payload)
        return payload["compatibilityLevel"]

    def pin_mode(self, mode: str) -> str:
        status, payload = self._call("PUT", f"/config/{self.subject_path}", body={"compatibility": mode})
        if status != 200:
            raise self._error(status, payload)
        return payload["compatibility"]

    def versions(self) -> list[int]:
        """Registered versions of the subject; empty for a new subject."""
        status, payload = self._call("GET", f"/subjects/{self.subject_path}/versions")
        if status == 404 and isinstance(payload, dict) and payload.get("error_code") == SUBJECT_NOT_FOUND:
            return []
        if status != 200:
            raise self._error(status, payload)
        return list(payload)

    def latest_schema(self) -> Optional[dict]:
        status, payload = self._call("GET", f"/subjects/{self.subject_path}/versions/latest")
        if status == 404 and isinstance(payload, dict) and payload.get("error_code") == SUBJECT_NOT_FOUND:
            return None
        if status != 200:
            raise self._error(status, payload)
        return json.loads(payload["schema"])

    def check(self, schema_text: str, version: str) -> tuple[bool, list[str]]:
        """Test the candidate against one version under the subject's configured mode."""
        status, payload = self._call(
            "POST",
            f"/compatibility/subjects/{self.subject_path}/versions/{version}",
            body={"schema": schema_text, "schemaType": "AVRO"},
            params={"verbose": "true"},  # registries that predate verbose ignore it and omit "messages"
        )
        if status != 200:
            raise self._error(status, payload)
        return bool(payload["is_compatible"]), list(payload.get("messages") or [])

    def register(self, schema_text: str) -> int:
        status, payload = self._call(
            "POST", f"/subjects/{self.subject_path}/versions", body={"schema": schema_text, "schemaType": "AVRO"}
        )
        if status != 200:
            raise self._error(status, payload)
        return int(payload["id"])


# --- Avro to Spark types, as Spark's from_avro converts them -------------------------------------------------


def spark_type(avro: Any, named: Optional[dict[str, Any]] = None) -> Any:
    """The Spark type of an Avro schema, as a nested tuple: ('struct', fields), ('array', t), ('map', t), or a name."""
    named = {} if named is None else named
    if isinstance(avro, str):
        if avro in named:
            return named[avro]
        return _PRIMITIVES[avro]
    if isinstance(avro, list):
        branches = [b for b in avro if b != "null"]
        if not branches:
            return "void"
        if len(branches) == 1:
            return spark_type(branches[0], named)
        kinds = {b if isinstance(b, str) else b.get("type") for b in branches}
        if kinds == {"int", "long"}:
            return "bigint"
        if kinds == {"float", "double"}:
            return "double"
        return ("struct", tuple((f"member{i}", spark_type(b, named)) for i, b in enumerate(branches)))
    kind, logical = avro.get("type"), avro.get("logicalType")
    if kind in ("bytes", "fixed") and logical == "decimal":
        result: Any = f"decimal({avro['precision']},{avro.get('scale', 0)})"
    elif kind == "int" and logical == "date":
        result = "date"
    elif kind == "long" and logical in ("timestamp-millis", "timestamp-micros"):
        result = "timestamp"
    elif kind == "long" and logical in ("local-timestamp-millis", "local-timestamp-micros"):
        result = "timestamp_ntz"
    elif kind == "record":
        placeholder = ("struct", ())
        named[avro["name"]] = placeholder
        if avro.get("namespace"):
            named[f"{avro['namespace']}.{avro['name']}"] = placeholder
        result = ("struct", tuple((f["name"], spark_type(f["type"], named)) for f in avro["fields"]))
    elif kind == "enum":
        result = "string"
    elif kind == "fixed":
        result = "binary"
    elif kind == "array":
        result = ("array", spark_type(avro["items"], named))
    elif kind == "map":
        result = ("map", spark_type(avro["values"], named))
    else:
        result = spark_type(kind, named)
    if kind in ("record", "enum", "fixed"):
        named[avro["name"]] = result
        if avro.get("namespace"):
            named[f"{avro['namespace']}.{avro['name']}"] = result
    return result


_PRIMITIVES = {
    "null": "void",
    "boolean": "boolean",
    "int": "int",
    "long": "bigint",
    "float": "float",
    "double": "double",
    "bytes": "binary",
    "string": "string",
}


def type_text(t: Any) -> str:
    """Spark's simpleString form of a converted type."""
    if isinstance(t, str):
        return t
    if t[0] == "struct":
        return "struct<" + ",".join(f"{name}:{type_text(sub)}" for name, sub in t[1]) + ">"
    if t[0] == "array":
        return f"array<{type_text(t[1])}>"
    return f"map<string,{type_text(t[1])}>"


# --- Delta's schema merge on the converted types -------------------------------------------------------------

# Byte, short and int merge with each other without type widening: Parquet stores all three as INT32.
_INT32_FAMILY = {"tinyint", "smallint", "int"}
_INTEGRAL_ORDER = ["tinyint", "smallint", "int", "bigint"]


def _decimal(t: str) -> Optional[tuple[int, int]]:
    if not t.startswith("decimal("):
        return None
    precision, scale = t[len("decimal(") : -1].split(",")
    return int(precision), int(scale)


def delta_verdict(table: str, data: str, type_widening: bool) -> Optional[str]:
    """None if Delta's append with mergeSchema accepts the change, else the reason it does not.

    The widening list is Delta 4.0's automatic type widening on schema evolution; Databricks runtimes can differ.
    """
    if table == data or "void" in (table, data):
        return None
    if table in _INT32_FAMILY and data in _INT32_FAMILY:
        return None
    widening = False
    if table in _INTEGRAL_ORDER and data in _INTEGRAL_ORDER:
        widening = _INTEGRAL_ORDER.index(data) > _INTEGRAL_ORDER.index(table)
    elif (table, data) in {("float", "double"), ("date", "timestamp_ntz")}:
        widening = True
    elif _decimal(table) and _decimal(data):
        (p1, s1), (p2, s2) = _decimal(table), _decimal(data)
        widening = s2 >= s1 and (p2 - s2) >= (p1 - s1) and (p2, s2) != (p1, s1)
    if widening and type_widening:
        return None
    error = "DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE" if _decimal(table) and _decimal(data) else "DELTA_MERGE_INCOMPATIBLE_DATATYPE"
    if widening:
        return f"{error} (a widening: accepted once the table has delta.enableTypeWidening, Delta 4.0+)"
    return error


def delta_findings(table: Any, data: Any, type_widening: bool, path: str = "") -> list[str]:
    """Type changes between two converted schemas that Delta's merge rejects, one line each."""
    if isinstance(table, tuple) and isinstance(data, tuple) and table[0] == data[0]:
        if table[0] == "struct":
            current = {name.lower(): sub for name, sub in table[1]}
            found: list[str] = []
            for name, sub in data[1]:
                if name.lower() in current:
                    child = f"{path}.{name}" if path else name
                    found += delta_findings(current[name.lower()], sub, type_widening, child)
            return found
        suffix = ".element" if table[0] == "array" else ".value"
        return delta_findings(table[1], data[1], type_widening, path + suffix)
    if isinstance(table, tuple) or isinstance(data, tuple):
        return [f"{path}: {type_text(table)} -> {type_text(data)}: DELTA_MERGE_INCOMPATIBLE_DATATYPE"]
    verdict = delta_verdict(table, data, type_widening)
    return [] if verdict is None else [f"{path}: {table} -> {data}: {verdict}"]


# --- Commands ----------------------------------------------------------------------------------------------


def read_candidate(settings: Settings) -> str:
    if not settings.schema_file:
        raise ConfigError("SCHEMA_FILE is required for this command")
    with open(settings.schema_file, encoding="utf-8") as handle:
        text = handle.read()
    json.loads(text)  # a syntax error should fail here, with the file name, not as a registry 422
    return text


def run_check(settings: Settings, registry: Registry) -> bool:
    mode = registry.effective_mode()
    if mode != settings.compatibility:
        print(f"FAIL mode: subject {settings.subject} is {mode}, expected {settings.compatibility} (run pin-mode)")
        return False
    candidate = read_candidate(settings)
    versions = registry.versions()
    if not versions:
        print(f"ok registry: {settings.subject} is a new subject; nothing to be compatible with")
        return True
    # The check endpoint applies the subject's mode against one version: latest always, the older ones when the mode
    # is transitive (what registration itself would check).
    older = [str(v) for v in versions[:-1]] if mode.endswith("_TRANSITIVE") else []
    targets = ["latest", *older]
    passed = True
    for version in targets:
        compatible, messages = registry.check(candidate, version)
        print(f"{'ok' if compatible else 'FAIL'} registry: {mode} against version {version}")
        for message in messages:
            print(f"    {message}")
        passed = passed and compatible

    latest = registry.latest_schema()
    if latest is not None:
        findings = delta_findings(spark_type(latest), spark_type(json.loads(candidate)), settings.type_widening)
        for finding in findings:
            print(f"{'FAIL' if settings.delta_fails else 'warn'} delta: {finding}")
        if not findings:
            print("ok delta: no type change that the silver table's schema merge rejects")
        passed = passed and not (findings and settings.delta_fails)
    return passed


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in ("mode", "pin-mode", "check", "register"):
        print(__doc__)
        return 2
    try:
        settings = load_settings(dict(os.environ))
        registry = Registry(settings)
        command = argv[1]
        if command == "mode":
            print(registry.effective_mode())
            return 0
        if command == "pin-mode":
            print(registry.pin_mode(settings.compatibility))
            return 0
        if not run_check(settings, registry):
            return 1
        if command == "register":
            print(f"registered {settings.subject}: schema id {registry.register(read_candidate(settings))}")
        return 0
    except (RegistryError, requests.RequestException) as error:  # before OSError: RequestException is an OSError
        print(f"registry error: {error}", file=sys.stderr)
        return 3
    except (ConfigError, OSError, ValueError, KeyError) as error:  # ValueError covers a malformed .avsc
        print(f"configuration error: {error!r}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
