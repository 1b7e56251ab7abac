"""Secret references in a Kafka client configuration, resolved at query start and never logged.

A client configuration (``configs/*.yaml``, the same shape as the config builder on the page) holds
secrets as references, never as values:

* ``{"databricksSecret": {"scope": "kafka-plant-a", "key": "sasl-password"}}``: read with
  ``dbutils.secrets.get(scope, key)`` on the driver when the query starts.
* ``{"env": "KAFKA_PASSWORD"}``: an environment variable, for example one that a job cluster fills
  from ``{{secrets/kafka-plant-a/sasl-password}}`` under ``spark_env_vars``.
* ``{"inline": "..."}``: the value itself. Only for a local test broker; refused unless the caller
  passes ``allow_inline=True``.

What the module guarantees:

* A missing scope, a missing key, a missing READ permission or an empty value raises
  ``SecretUnavailable`` naming the scope and key (or variable), never the value.
* ``missing_secrets`` checks every Databricks reference of a configuration with
  ``dbutils.secrets.list`` (metadata only: no value is read), so a job's first task can fail before any
  stream starts.
* ``masked_options`` replaces the values of secret-bearing Kafka options with ``[hidden]`` (the word
  Kafka's own configuration dump uses), so option maps can be logged.

A value read with ``dbutils.secrets.get`` prints as ``[REDACTED]`` in notebook output, but only as that
exact string: a slice, a base64 copy or a line your own logger writes to a file is not redacted.

Runs on the driver of Databricks Runtime 13.3 LTS and later (``dbutils`` in notebooks and jobs); the
``env`` and ``inline`` sources also work outside Databricks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Protocol

#: Kafka options whose value is, or contains, a credential.
SECRET_OPTION_SUFFIXES = (
    "sasl.jaas.config",
    "ssl.truststore.password",
    "ssl.keystore.password",
    "ssl.key.password",
    "ssl.keystore.key",
    "sasl.oauthbearer.client.credentials.client.secret",
)
HIDDEN = "[hidden]"


class SecretUnavailable(RuntimeError):
    """A referenced secret cannot be read: missing, not permitted, or empty. The message names no value."""


class SecretsUtility(Protocol):
    """The part of ``dbutils.secrets`` this module uses."""

    def get(self, scope: str, key: str) -> str: ...

    def list(self, scope: str) -> list[Any]: ...


class DbUtils(Protocol):
    secrets: SecretsUtility


@dataclass(frozen=True)
class SecretRef:
    """One secret reference and where it sits in the configuration (``password``, ``truststore.password``)."""

    path: str
    source: str
    scope: str | None = None
    key: str | None = None
    variable: str | None = None

    def describe(self) -> str:
        """The reference as a person reads it, without any value."""
        if self.source == "databricksSecret":
            return f"secret {self.scope}/{self.key}"
        if self.source == "env":
            return f"environment variable {self.variable}"
        return "an inline value"


def parse_ref(path: str, ref: Mapping[str, Any]) -> SecretRef:
    """Turn one ``{databricksSecret|env|inline: ...}`` mapping into a ``SecretRef``; reject anything else."""
    if not isinstance(ref, Mapping) or len(ref) != 1:
        raise ValueError(f"{path}: a secret is one of databricksSecret, env or inline")
    (source, body), = ref.items()
    if source == "databricksSecret":
        if not isinstance(body, Mapping) or set(body) != {"scope", "key"}:
            raise ValueError(f"{path}: databricksSecret needs exactly scope and key")
        return SecretRef(path, source, scope=str(body["scope"]), key=str(body["key"]))
    if source == "env":
        return SecretRef(path, source, variable=str(body))
    if source == "inline":
        return SecretRef(path, source)
    raise ValueError(f"{path}: unknown secret source {source!r}")


def secret_refs(config: Mapping[str, Any]) -> Iterator[tuple[SecretRef, Mapping[str, Any]]]:
    """Every secret reference in a client configuration, with the raw mapping it came from."""
    candidates: list[tuple[str, Any]] = [
        ("username", config.get("username")),
        ("password", config.get("password")),
    ]
    for store in ("truststore", "keystore"):
        block = config.get(store) or {}
        candidates.append((f"{store}.password", block.get("password")))
        if store == "keystore":
            candidates.append(("keystore.keyPassword", block.get("keyPassword")))
    oauth = config.get("oauth") or {}
    candidates.append(("oauth.clientId", oauth.get("clientId")))
    candidates.append(("oauth.clientSecret", oauth.get("clientSecret")))
    for path, raw in candidates:
        if raw is not None:
            yield parse_ref(path, raw), raw


def resolve_secret(
    raw: Mapping[str, Any],
    dbutils: DbUtils | None,
    *,
    path: str = "secret",
    allow_inline: bool = False,
) -> str:
    """The value behind one reference. Raises ``SecretUnavailable`` with the reference, never the value."""
    ref = parse_ref(path, raw)
    if ref.source == "inline":
        if not allow_inline:
            raise SecretUnavailable(
                f"{path} is an inline value; inline secrets are for local test brokers only (allow_inline=True)"
            )
        value = str(raw["inline"])
    elif ref.source == "env":
        value = os.environ.get(ref.variable or "", "")
        if not value:
            raise SecretUnavailable(f"{path}: {ref.describe()} is not set or empty")
    else:
        if dbutils is None:
            raise SecretUnavailable(f"{path}: {ref.describe()} needs dbutils (run on Databricks)")
        try:
            value = dbutils.secrets.get(ref.scope, ref.key)
        except Exception as exc:  # missing scope or key, or no READ permission on the scope
            raise SecretUnavailable(
                f"{path}: {ref.describe()} is not readable by this principal "
                f"(scope or key missing, or no READ permission on the scope)"
            ) from exc
    if not value.strip():
        raise SecretUnavailable(f"{path}: {ref.describe()} is empty")
    if value != value.strip():
        raise SecretUnavailable(
            f"{path}: {ref.describe()} has leading or trailing whitespace (a pasted newline?)"
        )
    return value


def missing_secrets(config: Mapping[str, Any], dbutils: DbUtils) -> list[str]:
    """The Databricks references of a configuration whose scope or key does not exist, or cannot be listed.

    Reads metadata only (``dbutils.secrets.list``), so it is safe to run as the first task of a job.
    An empty list means every key exists and the principal can list its scope (READ permission).
    """
    listed: dict[str, set[str] | None] = {}
    problems: list[str] = []
    for ref, _raw in secret_refs(config):
        if ref.source != "databricksSecret":
            continue
        scope = ref.scope or ""
        if scope not in listed:
            try:
                listed[scope] = {meta.key for meta in dbutils.secrets.list(scope)}
            except Exception:  # no such scope, or no permission to list it
                listed[scope] = None
        keys = listed[scope]
        if keys is None:
            problems.append(f"{ref.path}: scope {scope} does not exist or this principal cannot read it")
        elif ref.key not in keys:
            problems.append(f"{ref.path}: key {ref.key} is not in scope {scope}")
    return problems


def require_secrets(config: Mapping[str, Any], dbutils: DbUtils) -> None:
    """Raise ``SecretUnavailable`` listing every missing reference, before any stream starts."""
    problems = missing_secrets(config, dbutils)
    if problems:
        raise SecretUnavailable("; ".join(problems))


def masked_options(options: Mapping[str, str]) -> dict[str, str]:
    """A copy of a Kafka option map that is safe to log: credential-bearing values become ``[hidden]``."""
    return {
        name: HIDDEN if name.endswith(SECRET_OPTION_SUFFIXES) else value
        for name, value in options.items()
    }
