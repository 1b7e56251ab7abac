#!/usr/bin/env bash
# Validates and deploys the bundle to one target. Used by CI (authenticated through the
# environment: DATABRICKS_AUTH_TYPE=github-oidc) and by engineers for their own dev copy.
set -euo pipefail

target="${1:?usage: deploy_to_workspace.sh <dev|qa|prod>}"
case "$target" in
  dev | qa | prod) ;;
  *)
    echo "unknown target: $target (expected dev, qa or prod)" >&2
    exit 2
    ;;
esac

if [[ "$target" == "prod" && -z "${CI:-}" ]]; then
  echo "prod is deployed by CI only" >&2
  exit 3
fi

cd "$(dirname "$0")/../bundle"
databricks bundle validate -t "$target"
databricks bundle deploy -t "$target"
databricks bundle summary -t "$target"
