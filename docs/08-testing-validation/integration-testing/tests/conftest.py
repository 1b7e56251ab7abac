"""Fixtures for the integration tests: a local SparkSession with Delta and the Kafka connector, and Kafka.

``kafka_bootstrap`` is a PLAINTEXT broker from Testcontainers (fast, for most tests). ``kafka_sasl_ssl`` starts
``test-containers/docker-compose.test.yml`` (Kafka with a SASL_SSL listener and a Schema Registry) and returns the
reader options a pipeline gets in production, pointed at the container.
"""
from pathlib import Path

import pyspark
import pytest
from delta import configure_spark_with_delta_pip
from pyspark.sql import SparkSession
from testcontainers.compose import DockerCompose
from testcontainers.kafka import KafkaContainer

SCALA = "2.13" if pyspark.__version__.startswith("4.") else "2.12"
KAFKA_PACKAGE = f"org.apache.spark:spark-sql-kafka-0-10_{SCALA}:{pyspark.__version__}"
COMPOSE_DIR = Path(__file__).resolve().parent.parent / "test-containers"


@pytest.fixture(scope="session")
def kafka_bootstrap():
    with KafkaContainer("confluentinc/cp-kafka:7.6.1") as kafka:
        yield kafka.get_bootstrap_server()


@pytest.fixture(scope="session")
def kafka_sasl_ssl():
    compose = DockerCompose(str(COMPOSE_DIR), compose_file_name="docker-compose.test.yml", wait=True)
    with compose:
        yield {
            "kafka.bootstrap.servers": "localhost:9093",
            "kafka.security.protocol": "SASL_SSL",
            "kafka.sasl.mechanism": "PLAIN",
            "kafka.sasl.jaas.config": (
                "org.apache.kafka.common.security.plain.PlainLoginModule required "
                'username="spark" password="spark-test-secret";'
            ),
            "kafka.ssl.truststore.location": str(COMPOSE_DIR / "secrets" / "kafka.truststore.p12"),
            "kafka.ssl.truststore.type": "PKCS12",
            "kafka.ssl.truststore.password": "test-secret",
        }


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    builder = (
        SparkSession.builder.master("local[2]")
        .appName("mfg-integration-tests")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("warehouse")))
        .config("spark.ui.enabled", "false")
    )
    session = configure_spark_with_delta_pip(builder, extra_packages=[KAFKA_PACKAGE]).getOrCreate()
    yield session
    session.stop()
