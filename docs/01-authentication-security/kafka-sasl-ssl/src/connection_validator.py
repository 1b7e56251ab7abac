"""Check a plant's Kafka connection layer by layer, before the stream starts, and name the failing layer.

A SASL_SSL connection passes five layers in a fixed order: DNS, TCP, TLS, SASL and authorization. A
Spark job reports a failure three or four exceptions deep, inside ``[STREAM_FAILED]``. This module
checks the layers one at a time from the driver, so the first failing layer is the answer:

1. **Secrets**: every ``databricksSecret`` reference exists (metadata only, no value read).
2. **DNS**: every bootstrap host resolves.
3. **TCP**: every bootstrap ``host:port`` accepts a connection.
4. **TLS**: a handshake with SNI, the certificate verified against the configured PEM truststore (or
   the system CAs), the host name checked, and the days until the leaf certificate expires. JKS and
   PKCS12 truststores cannot be loaded by Python's ``ssl``; for those the JVM check in step 5 decides.
5. **Kafka**: a bounded batch read of the last few minutes of the topic with the real options. It
   exercises the JVM truststore, SASL, metadata, ListOffsets and Fetch, so it also proves the Read ACL.

``classify_failure`` maps an error text to its layer, cause and fix. The texts are the exact ones the
Kafka client (apache/kafka 4.0 line) and the JDK print; managed Kafka services may word
server-generated messages differently.

Python 3.10+ on the driver of Databricks Runtime 13.3 LTS and later, or any PySpark 3.5 / 4.0 driver.
``kafka_client_version`` uses the JVM gateway (``spark._jvm``), which standard (shared) access mode and
serverless compute do not expose; it returns ``None`` there.
"""

from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass, field
from typing import Any, Mapping

from .kafka_config_builder import build_kafka_options, kafka_class
from .secrets_management import DbUtils, missing_secrets

#: Warn when the broker's leaf certificate expires within this many days.
EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class Diagnosis:
    """What an error text means: the layer that produced it, the usual cause and the fix."""

    layer: str
    cause: str
    fix: str


@dataclass
class Check:
    """One layer's result. ``detail`` never holds a secret value."""

    layer: str
    target: str
    ok: bool
    detail: str
    warning: bool = False


@dataclass
class ValidationReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def first_failure(self) -> Check | None:
        return next((check for check in self.checks if not check.ok), None)

    def lines(self) -> list[str]:
        """One line per check, for a job log."""
        return [
            f"{'OK  ' if check.ok and not check.warning else 'WARN' if check.ok else 'FAIL'} "
            f"{check.layer:<8} {check.target}: {check.detail}"
            for check in self.checks
        ]


class ConnectionInvalid(RuntimeError):
    """Raised by ``raise_if_failed`` with the first failing layer and its diagnosis."""


# Exact texts, innermost first in priority: the first match wins. Sources: apache/kafka clients
# (NetworkClient, SaslClientAuthenticator, SaslServerAuthenticator, PlainSaslServer, JaasConfig,
# SslTransportLayer, TopicAuthorizationException, GroupAuthorizationException, DefaultSslEngineFactory)
# and the JDK (sun.security.validator.PKIXValidator, sun.security.util.HostnameChecker).
FAILURE_PATTERNS: list[tuple[str, Diagnosis]] = [
    (
        "JAAS config entry not terminated by semi-colon",
        Diagnosis("config", "sasl.jaas.config built by hand without its final ';'", "Build the options with kafka_config_builder."),
    ),
    (
        "Login module control flag not specified in JAAS config",
        Diagnosis("config", "the JAAS entry lacks 'required' after the login module", "Build the options with kafka_config_builder."),
    ),
    (
        "in JAAS config",
        Diagnosis("config", "sasl.jaas.config does not parse (a value without quotes, an unknown flag)", "Quote every value; build the options with kafka_config_builder."),
    ),
    (
        "No LoginModule found for",
        Diagnosis("config", "the login module class is not on the classpath: on Databricks the Kafka classes are shaded", "Use the kafkashaded. class names (platform: databricks)."),
    ),
    (
        "is not allowed. Update system property 'org.apache.kafka.sasl.oauthbearer.allowed.urls'",
        Diagnosis("config", "Kafka clients 4.0+ refuse an OAuth token endpoint that the JVM allow-list does not name", "Set -Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=<token endpoint> on driver and executors."),
    ),
    (
        "SSL trust store password cannot be specified for PEM format",
        Diagnosis("config", "a PEM truststore was given a password", "Remove truststore.password for PEM."),
    ),
    (
        "Failed to load SSL keystore",
        Diagnosis("config", "the truststore or keystore file is missing on this node, has the wrong type or the wrong password", "Check the path on executors, ssl.truststore.type and the store password."),
    ),
    (
        "PKIX path building failed",
        Diagnosis("tls-trust", "the plant CA or an intermediate is not in the truststore (JDK PKIXValidator)", "Add the full chain to the truststore; see the certificate section."),
    ),
    (
        "No subject alternative DNS name matching",
        Diagnosis("tls-hostname", "the bootstrap or advertised host name is not in the certificate's SANs (JDK HostnameChecker)", "Connect with a name from the certificate, or have the plant reissue it."),
    ),
    (
        "No subject alternative names matching IP address",
        Diagnosis("tls-hostname", "the client connects by IP address and the certificate has no IP SAN", "Use the DNS name from the certificate."),
    ),
    (
        "No subject alternative names present",
        Diagnosis("tls-hostname", "the client dialled an IP address and the certificate has no SAN extension at all", "Use DNS names; have the certificate reissued with SANs."),
    ),
    (
        "No name matching",
        Diagnosis("tls-hostname", "the certificate has no DNS SANs and its CN is a different name", "Use a name from the certificate, or reissue it with DNS SANs."),
    ),
    (
        "CertificateExpiredException",
        Diagnosis("tls-validity", "a certificate in the broker's chain has expired (JDK: validity check failed, NotAfter: <date>)", "The plant renews the broker certificate; check the chain dates with openssl."),
    ),
    (
        "CertificateNotYetValidException",
        Diagnosis("tls-validity", "a certificate is not valid yet: a new certificate deployed early, or clock skew", "Check the node clock (NTP) and the certificate's notBefore."),
    ),
    (
        "validity check failed",
        Diagnosis("tls-validity", "a certificate in the chain is outside its validity period (JDK BasicChecker)", "Read the nested NotAfter/NotBefore date; renew the certificate or fix the clock."),
    ),
    (
        "terminated during authentication",
        Diagnosis("tls-transport", "the connection closed during the TLS/SASL exchange: a firewall that only passes HTTPS, TLS inspection, or a non-TLS listener", "Allow-list the broker ports; check the listener really is SASL_SSL."),
    ),
    (
        "SSL handshake failed",
        Diagnosis("tls", "the TLS handshake failed; the cause is in the nested exception", "Read the innermost Caused by:."),
    ),
    (
        "not enabled in the server, enabled mechanisms are",
        Diagnosis("sasl-handshake", "kafka.sasl.mechanism differs from what the listener enables", "Use a mechanism from the list in the message."),
    ),
    (
        "Invalid SASL mechanism response, server may be expecting a different protocol",
        Diagnosis("sasl-handshake", "the listener does not speak SASL (SSL-only or PLAINTEXT listener)", "Match security.protocol to the listener."),
    ),
    (
        "Authentication failed: Invalid username or password",
        Diagnosis("sasl-credentials", "PLAIN: wrong or rotated username or password (Apache Kafka's PlainSaslServer text)", "Check the secret's current value, then rotate by overlap."),
    ),
    (
        "Authentication failed during authentication due to invalid credentials with SASL mechanism",
        Diagnosis("sasl-credentials", "SCRAM or GSSAPI: wrong password, user missing on this cluster, or no credential for this SCRAM variant", "Check the user's SCRAM credentials for this exact mechanism."),
    ),
    (
        "Authentication failed during re-authentication due to invalid credentials with SASL mechanism",
        Diagnosis("sasl-credentials", "the broker re-authenticated the connection (connections.max.reauth.ms) after the credential was revoked", "Restart the query with the new credential; revoke the old one only after the overlap."),
    ),
    (
        "Not authorized to access topics",
        Diagnosis("authorization", "the principal lacks Describe/Read ACLs on the topic", "Grant the ACLs to the principal the broker sees."),
    ),
    (
        "Not authorized to access group",
        Diagnosis("authorization", "group ACLs do not cover Spark's generated group id", "Set groupIdPrefix to the granted prefix (a prefixed group ACL)."),
    ),
    (
        "could not be established. Node may not be available",
        Diagnosis("tcp", "no route, firewall or NSG rule missing, wrong port, or a broker advertising an unreachable listener", "Run the diagnostics script; for node ids >= 0, check advertised.listeners."),
    ),
]

UNKNOWN = Diagnosis("unknown", "no known text in the error", "Read the innermost Caused by: and the NetworkClient lines in the driver log.")


def classify_failure(text: str) -> Diagnosis:
    """The layer, cause and fix for an error text (a stack trace, a log line, an exception message)."""
    for needle, diagnosis in FAILURE_PATTERNS:
        if needle in text:
            return diagnosis
    return UNKNOWN


def _host_port(server: str) -> tuple[str, int]:
    host, _, port = server.strip().rpartition(":")
    return host.strip("[]"), int(port)


def check_dns(host: str) -> Check:
    try:
        addresses = sorted({info[4][0] for info in socket.getaddrinfo(host, None)})
    except socket.gaierror as exc:
        return Check("dns", host, False, f"does not resolve ({exc.strerror})")
    return Check("dns", host, True, ", ".join(addresses))


def check_tcp(host: str, port: int, timeout_s: float = 5.0) -> Check:
    started = time.monotonic()
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            elapsed_ms = (time.monotonic() - started) * 1000
    except OSError as exc:
        return Check("tcp", f"{host}:{port}", False, f"no connection within {timeout_s:.0f} s ({exc})")
    return Check("tcp", f"{host}:{port}", True, f"connected in {elapsed_ms:.0f} ms")


def check_tls(
    host: str,
    port: int,
    *,
    ca_file: str | None,
    verify_hostname: bool = True,
    timeout_s: float = 5.0,
) -> Check:
    """Handshake with SNI; verify the chain (PEM file or system CAs) and the host name; report expiry."""
    context = ssl.create_default_context(cafile=ca_file)
    context.check_hostname = verify_hostname
    target = f"{host}:{port}"
    try:
        with socket.create_connection((host, port), timeout=timeout_s) as raw:
            with context.wrap_socket(raw, server_hostname=host) as tls:
                certificate = tls.getpeercert()
                protocol = tls.version()
    except ssl.SSLCertVerificationError as exc:
        # OpenSSL's words, not the JVM's: "unable to get local issuer certificate" is the JVM's
        # "PKIX path building failed"; "Hostname mismatch" is "No subject alternative DNS name matching".
        return Check("tls", target, False, f"verification failed: {exc.verify_message}")
    except (ssl.SSLError, OSError) as exc:
        return Check("tls", target, False, f"handshake failed: {exc}")
    not_after = ssl.cert_time_to_seconds(certificate["notAfter"])
    days_left = int((not_after - time.time()) // 86400)
    sans = ", ".join(value for kind, value in certificate.get("subjectAltName", ()) if kind in ("DNS", "IP Address"))
    detail = f"{protocol}, SANs [{sans}], leaf expires {certificate['notAfter']} ({days_left} days)"
    return Check("tls", target, True, detail, warning=days_left < EXPIRY_WARNING_DAYS)


def kafka_client_version(spark: Any, platform: str = "databricks") -> str | None:
    """The Kafka client version on the cluster's classpath, or ``None`` where the JVM gateway is closed."""
    try:
        node = spark._jvm
        for part in kafka_class("org.apache.kafka.common.utils.AppInfoParser", platform).split("."):
            node = getattr(node, part)
        return str(node.getVersion())
    except Exception:  # standard access mode, serverless, or no Kafka client on the classpath
        return None


def probe_kafka(spark: Any, options: Mapping[str, str], topic: str, lookback_s: int = 300) -> Check:
    """A bounded batch read of the last ``lookback_s`` seconds: TLS in the JVM, SASL, metadata, Fetch."""
    start_ms = int((time.time() - lookback_s) * 1000)
    try:
        rows = (
            spark.read.format("kafka")
            .options(**options)
            .option("subscribe", topic)
            .option("startingTimestamp", str(start_ms))
            .option("startingOffsetsByTimestampStrategy", "latest")
            .option("endingOffsets", "latest")
            .load()
            .count()
        )
    except Exception as exc:  # Py4JJavaError or a Spark exception; its text carries the Java causes
        diagnosis = classify_failure(str(exc))
        return Check("kafka", topic, False, f"{diagnosis.layer}: {diagnosis.cause}. Fix: {diagnosis.fix}")
    return Check("kafka", topic, True, f"{rows} records in the last {lookback_s} s")


def validate_connection(
    config: Mapping[str, Any],
    *,
    spark: Any | None,
    dbutils: DbUtils | None,
    topic: str | None = None,
    kafka_client_version_hint: str | None = None,
) -> ValidationReport:
    """Run the layers in order and stop at the first layer that fails for every broker."""
    report = ValidationReport()
    if dbutils is not None:
        problems = missing_secrets(config, dbutils)
        report.checks.append(
            Check("secrets", "scope ACLs", not problems, "; ".join(problems) or "every referenced key exists")
        )
        if problems:
            return report

    brokers = [_host_port(server) for server in config["bootstrapServers"]]
    dns = [check_dns(host) for host, _ in brokers]
    report.checks.extend(dns)
    reachable = [(host, port) for (host, port), result in zip(brokers, dns) if result.ok]
    tcp = [check_tcp(host, port) for host, port in reachable]
    report.checks.extend(tcp)
    open_ports = [(host, port) for (host, port), result in zip(reachable, tcp) if result.ok]
    if not open_ports:
        return report

    if config["securityProtocol"] in ("SSL", "SASL_SSL"):
        truststore = config.get("truststore") or {}
        pem_file = truststore.get("location") if truststore.get("type") == "PEM" else None
        if truststore and pem_file is None:
            report.checks.append(
                Check("tls", truststore.get("type", ""), True, "JKS/PKCS12 truststore: chain checked by the JVM in the Kafka probe", warning=True)
            )
        else:
            verify_hostname = config.get("endpointIdentification", "https") == "https"
            report.checks.extend(
                check_tls(host, port, ca_file=pem_file, verify_hostname=verify_hostname) for host, port in open_ports
            )
            if not any(check.ok for check in report.checks if check.layer == "tls"):
                return report

    chosen_topic = topic or config.get("topic")
    if spark is not None and chosen_topic:
        version = kafka_client_version_hint or kafka_client_version(spark, config.get("platform", "databricks"))
        options = build_kafka_options(config, dbutils, kafka_client_version=version)
        report.checks.append(probe_kafka(spark, options, chosen_topic))
    return report


def raise_if_failed(report: ValidationReport) -> None:
    """Fail a job's validation task with the first failing layer; print nothing secret."""
    failure = report.first_failure()
    if failure is not None:
        raise ConnectionInvalid("\n".join(report.lines()))
