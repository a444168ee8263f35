#!/usr/bin/env bash
# Prepares this machine for swerig: Debian packages (Docker engine, debootstrap, git, patch, chromium, redis-server), the Docker
# daemon running, and the npm dependencies. Safe to run again; it only does what is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

log() { printf 'setup: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v git >/dev/null 2>&1 || missing+=(git)
command -v patch >/dev/null 2>&1 || missing+=(patch)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v chromium >/dev/null 2>&1 || missing+=(chromium) # swerig report's browser test
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server) # --queue tests start their own; no service needed
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  log "starting the Docker daemon"
  mkdir -p "${XDG_STATE_HOME:-$HOME/.local/state}/swerig"
  daemon_log="${XDG_STATE_HOME:-$HOME/.local/state}/swerig/dockerd.log"
  if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
    as_root systemctl start docker
  else
    as_root sh -c "nohup dockerd >'$daemon_log' 2>&1 </dev/null &"
  fi
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  if ! docker info >/dev/null 2>&1; then
    log "the Docker daemon did not come up; its log:"
    tail -n 30 "$daemon_log" >&2 || true
    exit 1
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "ready: $(docker version --format 'docker {{.Server.Version}}'), node $(node --version)"
