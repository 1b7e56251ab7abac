"""Kafka SASL_SSL for Spark Structured Streaming on Databricks: secrets, options, connection checks.

``kafka_config_builder`` turns one client configuration (``configs/*.yaml``) into the ``kafka.*``
options; ``secrets_management`` resolves its secret references without ever logging a value;
``connection_validator`` checks DNS, TCP, TLS and Kafka in order and names the failing layer.

Databricks Runtime 13.3 LTS and later (shaded ``kafkashaded.`` client) or PySpark 3.5 / 4.0.
"""

from .connection_validator import (
    FAILURE_PATTERNS,
    Check,
    ConnectionInvalid,
    Diagnosis,
    ValidationReport,
    classify_failure,
    kafka_client_version,
    raise_if_failed,
    validate_connection,
)
from .kafka_config_builder import (
    KRB5_LOGIN_MODULE,
    LOGIN_MODULES,
    ConfigError,
    build_kafka_options,
    build_reader_options,
    jaas_quote,
    kafka_class,
    load_config,
    oauth_callback_handler,
    validate_config,
)
from .secrets_management import (
    SecretRef,
    SecretUnavailable,
    masked_options,
    missing_secrets,
    require_secrets,
    resolve_secret,
    secret_refs,
)

__all__ = [
    "FAILURE_PATTERNS",
    "KRB5_LOGIN_MODULE",
    "LOGIN_MODULES",
    "Check",
    "ConfigError",
    "ConnectionInvalid",
    "Diagnosis",
    "SecretRef",
    "SecretUnavailable",
    "ValidationReport",
    "build_kafka_options",
    "build_reader_options",
    "classify_failure",
    "jaas_quote",
    "kafka_class",
    "kafka_client_version",
    "load_config",
    "masked_options",
    "missing_secrets",
    "oauth_callback_handler",
    "raise_if_failed",
    "require_secrets",
    "resolve_secret",
    "secret_refs",
    "validate_config",
    "validate_connection",
]
