#!/usr/bin/env bash
# Layer-by-layer checks from a Databricks driver (%sh cell) or any Linux host to one Kafka broker:
# DNS, TCP, TLS (chain with SNI, verification, leaf dates, SANs, host-name match) and, when kcat is
# installed and credentials are in the environment, SASL plus metadata with kcat -L.
#
# Usage:   connection-diagnostics.sh <broker-host> [port=9093] [ca-chain.pem]
# SASL:    KAFKA_SASL_MECHANISM (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512), KAFKA_USERNAME, KAFKA_PASSWORD.
#          The password goes to kcat through a mode-600 temporary file, never on the command line.
# Exit:    0 when every layer that ran passed, 1 when one failed, 2 on a usage error.
#
# openssl verifies against its own CA store unless you pass the CA file. kcat uses OpenSSL too, so a
# passing kcat -L proves the network path and the credentials, not the JVM truststore that Spark uses.
# Needs bash 4+, OpenSSL 1.1.1+ (-ext, -checkhost), timeout (coreutils); kcat is optional.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 3 ]]; then
  echo "usage: $0 <broker-host> [port] [ca-chain.pem]" >&2
  exit 2
fi
host="$1"
port="${2:-9093}"
ca_file="${3:-}"
if [[ -n "$ca_file" && ! -r "$ca_file" ]]; then
  echo "CA file $ca_file is not readable" >&2
  exit 2
fi

failures=0
work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

section() { printf '\n== %s\n' "$1"; }
pass() { printf 'PASS  %s\n' "$1"; }
fail() { printf 'FAIL  %s\n' "$1"; failures=$((failures + 1)); }
warn() { printf 'WARN  %s\n' "$1"; }

is_ip() { [[ "$1" =~ ^[0-9]+(\.[0-9]+){3}$ || "$1" == *:* ]]; }

check_dns() {
  section "DNS: $host"
  if is_ip "$host"; then
    warn "$host is an IP address: the certificate needs an IP SAN, or the JVM fails with 'No subject alternative names matching IP address $host found'"
    return 0
  fi
  local addresses
  if addresses="$(getent ahosts "$host" 2>/dev/null | awk '{print $1}' | sort -u | tr '\n' ' ')" && [[ -n "$addresses" ]]; then
    pass "$host resolves to $addresses"
  else
    fail "$host does not resolve from this host (private DNS zone, split-horizon DNS, or a typo)"
    return 1
  fi
}

check_tcp() {
  section "TCP: $host:$port"
  # The inner shell expands $0 and $1 (host and port), so the single quotes are meant.
  # shellcheck disable=SC2016
  if timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null; then
    pass "port $port is open"
  else
    fail "no TCP connection to $host:$port within 5 s (firewall, NSG, route, or wrong port)"
    return 1
  fi
}

check_tls() {
  section "TLS: handshake with SNI $host, full chain"
  local -a ca_args=()
  if [[ -n "$ca_file" ]]; then
    ca_args=(-CAfile "$ca_file")
  fi
  local handshake="$work_dir/handshake.txt"
  # s_client exits non-zero on some verification failures; the output is what we read.
  timeout 10 openssl s_client -connect "$host:$port" -servername "$host" -showcerts ${ca_args[@]+"${ca_args[@]}"} \
    </dev/null >"$handshake" 2>&1 || true

  if ! grep -q -- '-----BEGIN CERTIFICATE-----' "$handshake"; then
    fail "no certificate received: not a TLS listener, or TLS is intercepted or blocked"
    sed -n '1,15p' "$handshake"
    return 1
  fi
  echo "Chain as the broker sends it (s: subject, i: issuer):"
  grep -E '^ *[0-9]+ s:|^ +i:' "$handshake" || true

  local verify_line
  verify_line="$(grep -m1 -E 'Verify return code' "$handshake" || true)"
  if [[ "$verify_line" == *"(ok)"* ]]; then
    pass "chain verifies: $verify_line"
  else
    fail "chain does not verify: ${verify_line:-no verify result} (the JVM reports this as 'PKIX path building failed')"
  fi

  local leaf="$work_dir/leaf.pem"
  awk '/-----BEGIN CERTIFICATE-----/{found=1} found{print} /-----END CERTIFICATE-----/{exit}' "$handshake" >"$leaf"

  section "Leaf certificate: dates and subject alternative names"
  openssl x509 -in "$leaf" -noout -subject -issuer -dates
  if ! openssl x509 -in "$leaf" -noout -checkend 0 >/dev/null; then
    fail "the leaf certificate has expired (the JVM reports 'validity check failed', caused by 'NotAfter: <date>')"
  elif ! openssl x509 -in "$leaf" -noout -checkend $((30 * 86400)) >/dev/null; then
    warn "the leaf certificate expires within 30 days"
  else
    pass "the leaf certificate is valid for at least 30 more days"
  fi

  local sans
  sans="$(openssl x509 -in "$leaf" -noout -ext subjectAltName 2>/dev/null | sed -n '2,$p' | sed 's/^ *//' || true)"
  if [[ -z "$sans" ]]; then
    fail "no subjectAltName extension: the JVM then compares the CN ('No name matching $host found' if it differs), or for an IP address reports 'No subject alternative names present'"
  else
    echo "SANs: $sans"
  fi

  local check_flag="-checkhost"
  local jvm_text="No subject alternative DNS name matching $host found."
  if is_ip "$host"; then
    check_flag="-checkip"
    jvm_text="No subject alternative names matching IP address $host found"
  fi
  local match
  match="$(openssl x509 -in "$leaf" -noout "$check_flag" "$host" 2>&1 || true)"
  if [[ "$match" == *"does match"* ]]; then
    pass "$host matches the certificate"
  else
    fail "$host is not in the certificate (the JVM reports '$jvm_text')"
  fi
}

check_kafka() {
  section "Kafka: SASL and metadata with kcat -L"
  local kcat_bin=""
  if command -v kcat >/dev/null 2>&1; then
    kcat_bin="kcat"
  elif command -v kafkacat >/dev/null 2>&1; then
    kcat_bin="kafkacat"
  fi
  if [[ -z "$kcat_bin" ]]; then
    warn "kcat is not installed: SASL not tested here (the connection validator tests it from Spark)"
    return 0
  fi
  if [[ -z "${KAFKA_SASL_MECHANISM:-}" || -z "${KAFKA_USERNAME:-}" || -z "${KAFKA_PASSWORD:-}" ]]; then
    warn "KAFKA_SASL_MECHANISM, KAFKA_USERNAME or KAFKA_PASSWORD not set: SASL not tested"
    return 0
  fi
  local config="$work_dir/kcat.conf"
  (
    umask 077
    {
      echo "security.protocol=SASL_SSL"
      echo "sasl.mechanisms=$KAFKA_SASL_MECHANISM"
      echo "sasl.username=$KAFKA_USERNAME"
      echo "sasl.password=$KAFKA_PASSWORD"
      if [[ -n "$ca_file" ]]; then
        echo "ssl.ca.location=$ca_file"
      fi
    } >"$config"
  )
  local output="$work_dir/kcat.txt"
  if timeout 30 "$kcat_bin" -F "$config" -b "$host:$port" -L -m 10 >"$output" 2>&1; then
    pass "authenticated and read metadata"
    grep -E '^ *[0-9]+ brokers:|^  broker ' "$output" || true
    echo "Brokers above are the advertised listeners: each must resolve and be reachable from the cluster."
  else
    fail "kcat could not authenticate or read metadata:"
    sed -n '1,20p' "$output"
  fi
}

echo "Kafka connection diagnostics for $host:$port ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
if check_dns && check_tcp; then
  check_tls || true
  check_kafka || true
fi

section "Result"
if [[ $failures -eq 0 ]]; then
  echo "every layer that ran passed"
  exit 0
fi
echo "$failures check(s) failed: fix the first failing layer, then run again"
exit 1
