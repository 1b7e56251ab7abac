"""Spark Kafka source options from one client configuration (``configs/*.yaml``).

The configuration has the shape the config builder on the page uses (camelCase keys): ``platform``,
``bootstrapServers``, ``securityProtocol``, ``saslMechanism``, ``username`` / ``password``,
``truststore`` / ``keystore``, ``kerberos``, ``oauth``, ``endpointIdentification`` and ``topic``.
``validate_config`` checks it; ``build_kafka_options`` turns it into the ``kafka.``-prefixed options
that Spark passes to the Kafka consumer.

What the builder guarantees:

* The login module matches the mechanism. On Databricks (``platform: databricks``) the Kafka classes
  carry the ``kafkashaded.`` prefix, because Databricks Runtime relocates the Kafka client; the JDK's
  ``com.sun.security.auth.module.Krb5LoginModule`` is never shaded.
* JAAS values are always double-quoted, with ``\\`` and ``"`` escaped, so a password that contains
  ``;``, ``=``, a quote or a space cannot break ``sasl.jaas.config``. (Kafka's JAAS parser accepts
  single and double quotes alike; the builder picks one form.) Every entry ends with ``;``.
* OAUTHBEARER uses Kafka's own client-credentials support (KIP-768, Kafka clients 3.1+) and picks the
  callback handler class that exists in the client version: ``...oauthbearer.secured.`` for 3.1 to 3.3,
  ``...oauthbearer.OAuthBearerLoginCallbackHandler`` from 3.4 (the ``secured`` class is deprecated in
  3.4 and removed in 4.0).
* Hostname verification stays on unless the configuration says ``endpointIdentification: none``.
* Secrets are resolved through ``secrets_management.resolve_secret``; the returned map holds the values,
  so log it only through ``secrets_management.masked_options``.

Kafka client 2.7+ for PEM stores (KIP-651), 3.1+ for OAUTHBEARER client credentials; Spark 3.5 / 4.0;
Databricks Runtime 13.3 LTS and later.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from .secrets_management import DbUtils, resolve_secret

SECURITY_PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "GSSAPI", "OAUTHBEARER")
STORE_TYPES = ("JKS", "PKCS12", "PEM")
TOP_LEVEL_KEYS = {
    "platform",
    "bootstrapServers",
    "securityProtocol",
    "saslMechanism",
    "username",
    "password",
    "truststore",
    "keystore",
    "kerberos",
    "oauth",
    "endpointIdentification",
    "topic",
}

SHADED_PREFIX = "kafkashaded."
LOGIN_MODULES = {
    "PLAIN": "org.apache.kafka.common.security.plain.PlainLoginModule",
    "SCRAM-SHA-256": "org.apache.kafka.common.security.scram.ScramLoginModule",
    "SCRAM-SHA-512": "org.apache.kafka.common.security.scram.ScramLoginModule",
    "OAUTHBEARER": "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule",
}
#: A JDK class: the same name on Databricks and on open-source Spark.
KRB5_LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule"
#: Kafka clients 3.4 and later (including 4.x).
OAUTH_CALLBACK_HANDLER = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler"
#: Kafka clients 3.1 to 3.3; deprecated in 3.4, removed in 4.0 (KAFKA-18293).
OAUTH_CALLBACK_HANDLER_SECURED = (
    "org.apache.kafka.common.security.oauthbearer.secured.OAuthBearerLoginCallbackHandler"
)

_HOST_PORT = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
    r"|\[[0-9a-fA-F:]+\]):\d{1,5}$"
)
_PRINCIPAL = re.compile(r"^[^\s@]+(?:/[^\s@]+)?@[A-Z0-9.-]+$")
_TOPIC = re.compile(r"^[A-Za-z0-9._-]{1,249}$")


class ConfigError(ValueError):
    """The configuration cannot produce a working client; the message lists every problem."""


def jaas_quote(value: str) -> str:
    """A JAAS option value in double quotes, with ``\\`` and ``"`` escaped for Kafka's JAAS parser."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def kafka_class(name: str, platform: str) -> str:
    """A Kafka client class name as the platform's classpath has it (``kafkashaded.`` on Databricks)."""
    return SHADED_PREFIX + name if platform == "databricks" else name


def parse_version(version: str | None) -> tuple[int, int] | None:
    """``"3.4.1"`` or ``"7.4.0-ccs"`` to ``(3, 4)``; ``None`` when unknown."""
    if not version:
        return None
    match = re.match(r"^(\d+)\.(\d+)", version)
    return (int(match.group(1)), int(match.group(2))) if match else None


def oauth_callback_handler(platform: str, kafka_client_version: str | None = None) -> str:
    """The OAUTHBEARER login callback handler class for this client version.

    Unknown version: the 3.4+ name, the only one that exists in every current client line (3.4 to 4.x).
    Pass the version (``connection_validator.kafka_client_version``) for a 3.1 to 3.3 client.
    """
    version = parse_version(kafka_client_version)
    if version is not None and version < (3, 1):
        raise ConfigError(
            f"OAUTHBEARER client credentials need a Kafka client 3.1 or later (KIP-768); "
            f"this one is {kafka_client_version}"
        )
    if version is not None and version < (3, 4):
        return kafka_class(OAUTH_CALLBACK_HANDLER_SECURED, platform)
    return kafka_class(OAUTH_CALLBACK_HANDLER, platform)


def _check_store(name: str, store: Any, problems: list[str], *, keystore: bool) -> None:
    if not isinstance(store, Mapping):
        problems.append(f"{name} must be a mapping with type and location")
        return
    allowed = {"type", "location", "password"} | ({"keyPassword"} if keystore else set())
    unknown = set(store) - allowed
    if unknown:
        problems.append(f"{name} has unknown keys {sorted(unknown)}")
    if store.get("type") not in STORE_TYPES:
        problems.append(f"{name}.type must be one of {', '.join(STORE_TYPES)}")
    if not store.get("location"):
        problems.append(f"{name}.location is required")
    if store.get("type") == "PEM" and store.get("password") is not None:
        # DefaultSslEngineFactory refuses it: "SSL trust store password cannot be specified for PEM
        # format." / "SSL key store password cannot be specified with PEM format, only key password
        # may be specified".
        problems.append(f"{name}: a PEM store takes no password" + (" (use keyPassword)" if keystore else ""))
    if store.get("type") in ("JKS", "PKCS12") and keystore and store.get("password") is None:
        problems.append(f"{name}: a {store.get('type')} keystore needs its password")


def validate_config(config: Mapping[str, Any]) -> list[str]:
    """Every problem in a client configuration, as sentences; an empty list means it is usable."""
    problems: list[str] = []
    unknown = set(config) - TOP_LEVEL_KEYS
    if unknown:
        problems.append(f"unknown keys {sorted(unknown)}")
    platform = config.get("platform", "databricks")
    if platform not in ("databricks", "apache"):
        problems.append("platform must be databricks or apache")
    servers = config.get("bootstrapServers") or []
    if not servers:
        problems.append("give at least one bootstrap server")
    for server in servers:
        if not isinstance(server, str) or not _HOST_PORT.match(server.strip()):
            problems.append(f"bootstrap server {server!r} is not host:port")
    protocol = config.get("securityProtocol")
    if protocol not in SECURITY_PROTOCOLS:
        problems.append(f"securityProtocol must be one of {', '.join(SECURITY_PROTOCOLS)}")
    mechanism = config.get("saslMechanism")
    uses_sasl = protocol in ("SASL_SSL", "SASL_PLAINTEXT")
    if uses_sasl and mechanism not in SASL_MECHANISMS:
        problems.append(f"{protocol} needs saslMechanism, one of {', '.join(SASL_MECHANISMS)}")
    if not uses_sasl and mechanism is not None:
        problems.append(f"saslMechanism is set, but {protocol} has no SASL layer")
    if protocol == "SASL_PLAINTEXT" and mechanism == "PLAIN":
        problems.append("PLAIN over SASL_PLAINTEXT sends the password in clear text: use SASL_SSL")
    if uses_sasl and mechanism in ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"):
        for field in ("username", "password"):
            if config.get(field) is None:
                problems.append(f"{mechanism} needs {field}")
    if uses_sasl and mechanism == "GSSAPI":
        kerberos = config.get("kerberos")
        if not isinstance(kerberos, Mapping):
            problems.append("GSSAPI needs kerberos.principal and kerberos.keytab")
        else:
            if not _PRINCIPAL.match(str(kerberos.get("principal", ""))):
                problems.append("kerberos.principal must look like svc-ingest@PLANT.EXAMPLE (realm in capitals)")
            if not kerberos.get("keytab"):
                problems.append("kerberos.keytab is required")
    if uses_sasl and mechanism == "OAUTHBEARER":
        oauth = config.get("oauth")
        if not isinstance(oauth, Mapping):
            problems.append("OAUTHBEARER needs oauth.tokenEndpointUrl, oauth.clientId and oauth.clientSecret")
        else:
            if not re.match(r"^https?://", str(oauth.get("tokenEndpointUrl", ""))):
                problems.append("oauth.tokenEndpointUrl must be an http(s) URL")
            for field in ("clientId", "clientSecret"):
                if oauth.get(field) is None:
                    problems.append(f"oauth.{field} is required")
    uses_tls = protocol in ("SSL", "SASL_SSL")
    for store in ("truststore", "keystore"):
        if config.get(store) is not None:
            if not uses_tls:
                problems.append(f"{store} is set, but {protocol} does not use TLS")
            _check_store(store, config[store], problems, keystore=store == "keystore")
    if config.get("endpointIdentification", "https") not in ("https", "none"):
        problems.append("endpointIdentification must be https or none")
    topic = config.get("topic")
    if topic is not None and not _TOPIC.match(str(topic)):
        problems.append(f"topic {topic!r} is not a valid Kafka topic name")
    return problems


def load_config(path: str) -> dict[str, Any]:
    """Read and validate one YAML configuration; raises ``ConfigError`` listing every problem."""
    import yaml  # PyYAML ships with Databricks Runtime

    with open(path, encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    if not isinstance(config, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    problems = validate_config(config)
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return config


def _jaas_entry(login_module: str, options: list[tuple[str, str]]) -> str:
    rendered = " ".join(f"{name}={value}" for name, value in options)
    return f"{login_module} required {rendered};" if rendered else f"{login_module} required;"


def build_kafka_options(
    config: Mapping[str, Any],
    dbutils: DbUtils | None,
    *,
    kafka_client_version: str | None = None,
    allow_inline_secrets: bool = False,
) -> dict[str, str]:
    """The ``kafka.*`` options for ``spark.readStream.format("kafka")`` (and ``spark.read``).

    Secrets are read here, once, on the driver. A running query keeps the values it started with:
    after a rotation, restart the query (see the rotation playbook on the page).
    """
    problems = validate_config(config)
    if problems:
        raise ConfigError("; ".join(problems))
    platform = config.get("platform", "databricks")

    def secret(path: str, raw: Mapping[str, Any]) -> str:
        return resolve_secret(raw, dbutils, path=path, allow_inline=allow_inline_secrets)

    protocol = config["securityProtocol"]
    options: dict[str, str] = {
        "kafka.bootstrap.servers": ",".join(server.strip() for server in config["bootstrapServers"]),
        "kafka.security.protocol": protocol,
    }
    mechanism = config.get("saslMechanism")
    if mechanism is not None:
        options["kafka.sasl.mechanism"] = mechanism
    if mechanism in ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"):
        options["kafka.sasl.jaas.config"] = _jaas_entry(
            kafka_class(LOGIN_MODULES[mechanism], platform),
            [
                ("username", jaas_quote(secret("username", config["username"]))),
                ("password", jaas_quote(secret("password", config["password"]))),
            ],
        )
    elif mechanism == "GSSAPI":
        kerberos = config["kerberos"]
        options["kafka.sasl.kerberos.service.name"] = kerberos.get("serviceName", "kafka")
        options["kafka.sasl.jaas.config"] = _jaas_entry(
            KRB5_LOGIN_MODULE,
            [
                ("useKeyTab", "true"),
                ("storeKey", "true"),
                ("keyTab", jaas_quote(kerberos["keytab"])),
                ("principal", jaas_quote(kerberos["principal"])),
            ],
        )
    elif mechanism == "OAUTHBEARER":
        oauth = config["oauth"]
        jaas_options = [
            ("clientId", jaas_quote(secret("oauth.clientId", oauth["clientId"]))),
            ("clientSecret", jaas_quote(secret("oauth.clientSecret", oauth["clientSecret"]))),
        ]
        if oauth.get("scope"):
            jaas_options.append(("scope", jaas_quote(oauth["scope"])))
        options["kafka.sasl.jaas.config"] = _jaas_entry(
            kafka_class(LOGIN_MODULES["OAUTHBEARER"], platform), jaas_options
        )
        options["kafka.sasl.oauthbearer.token.endpoint.url"] = oauth["tokenEndpointUrl"]
        options["kafka.sasl.login.callback.handler.class"] = oauth_callback_handler(
            platform, kafka_client_version
        )

    truststore = config.get("truststore")
    if truststore is not None:
        options["kafka.ssl.truststore.type"] = truststore["type"]
        options["kafka.ssl.truststore.location"] = truststore["location"]
        if truststore.get("password") is not None:
            options["kafka.ssl.truststore.password"] = secret("truststore.password", truststore["password"])
    keystore = config.get("keystore")
    if keystore is not None:
        options["kafka.ssl.keystore.type"] = keystore["type"]
        options["kafka.ssl.keystore.location"] = keystore["location"]
        if keystore.get("password") is not None:
            options["kafka.ssl.keystore.password"] = secret("keystore.password", keystore["password"])
        if keystore.get("keyPassword") is not None:
            options["kafka.ssl.key.password"] = secret("keystore.keyPassword", keystore["keyPassword"])
    if protocol in ("SSL", "SASL_SSL") and config.get("endpointIdentification", "https") == "none":
        # An empty value switches hostname verification off. Only for a test broker whose
        # certificate cannot be reissued; it hides a SAN mismatch instead of fixing it.
        options["kafka.ssl.endpoint.identification.algorithm"] = ""
    return options


def build_reader_options(
    config: Mapping[str, Any],
    dbutils: DbUtils | None,
    *,
    topic: str | None = None,
    kafka_client_version: str | None = None,
) -> dict[str, str]:
    """``build_kafka_options`` plus ``subscribe`` (the configuration's topic unless one is given)."""
    options = build_kafka_options(config, dbutils, kafka_client_version=kafka_client_version)
    chosen = topic or config.get("topic")
    if not chosen:
        raise ConfigError("no topic: set topic in the configuration or pass one")
    options["subscribe"] = chosen
    return options
