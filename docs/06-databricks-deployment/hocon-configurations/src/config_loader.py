"""Loads the platform's HOCON configuration for one environment and builds Kafka reader options.

The environment file includes application.conf, so parsing it yields the merged, resolved tree;
${?VAR} overrides come from the process environment (on Databricks: the job cluster's spark_env_vars).
"""
import os
from pathlib import Path

from pyhocon import ConfigFactory, ConfigTree

VALID_ENVS = {"dev", "qa", "prod"}

LOGIN_MODULES = {
    "PLAIN": "kafkashaded.org.apache.kafka.common.security.plain.PlainLoginModule",
    "SCRAM-SHA-256": "kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule",
    "SCRAM-SHA-512": "kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule",
}


def load_config(conf_dir: str, env: str | None = None) -> ConfigTree:
    env = env or os.environ.get("APP_ENV", "dev")
    if env not in VALID_ENVS:
        raise ValueError(f"APP_ENV must be one of {sorted(VALID_ENVS)}, got {env!r}")
    conf = ConfigFactory.parse_file(str(Path(conf_dir) / "environments" / f"{env}.conf"))
    if conf.get_string("platform.env") != env:
        raise ValueError(f"{env}.conf sets platform.env={conf.get_string('platform.env')}")
    return conf


def checkpoint_location(conf: ConfigTree, query_name: str) -> str:
    """/Volumes/<catalog>/ops/checkpoints/<queryName>, the platform's checkpoint convention."""
    return f"{conf.get_string('streaming.checkpoint-root')}/{query_name}"


def kafka_options(conf: ConfigTree, dbutils) -> dict[str, str]:
    k = conf.get_config("kafka")
    scope = k.get_string("secret-scope")
    user = dbutils.secrets.get(scope, k.get_string("username-key"))
    pwd = dbutils.secrets.get(scope, k.get_string("password-key"))
    mechanism = k.get_string("sasl-mechanism")
    return {
        "kafka.bootstrap.servers": k.get_string("bootstrap-servers"),
        "kafka.security.protocol": k.get_string("security-protocol"),
        "kafka.sasl.mechanism": mechanism,
        "kafka.sasl.jaas.config": f'{LOGIN_MODULES[mechanism]} required username="{user}" password="{pwd}";',
        "maxOffsetsPerTrigger": str(k.get_int("max-offsets-per-trigger")),
        "startingOffsets": k.get_string("starting-offsets"),
    }
