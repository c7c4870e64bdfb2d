// Shared by scripts/test.mjs and scripts/start.mjs: the one-time setup steps. Node builtins only,
// because it runs before node_modules may exist.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why `npm ci` is needed in `root`, or undefined when node_modules is current. */
export function needsInstall(root) {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  if (!fs.existsSync(marker)) return 'node_modules is missing';
  if (fs.statSync(path.join(root, 'package-lock.json')).mtimeMs > fs.statSync(marker).mtimeMs) return 'package-lock.json is newer than node_modules';
  return undefined;
}

/**
 * process.env without what an outer npm passes down (npm_config_*, npm_*, INIT_CWD, NODE, and
 * node_modules/.bin on PATH). Nested installs run with it: npm reads npm_config_* as its own
 * settings, so `npm ci` or `npm i` started from `npm test` would otherwise inherit the outer
 * npm's user agent, prefix and lifecycle state. npm still reads ~/.npmrc and the global npmrc.
 */
export function cleanNpmEnv(env = process.env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    const key = k.toLowerCase();
    if (key.startsWith('npm_') || key === 'init_cwd' || key === 'node') continue;
    out[k] = v;
  }
  if (out.PATH) out.PATH = out.PATH.split(path.delimiter).filter((p) => !/[\\/](node_modules[\\/]\.bin|node-gyp-bin)$/.test(p)).join(path.delimiter);
  return out;
}

/**
 * Runs scripts/install-code-server.sh (idempotent: only prints paths when installed) and puts
 * CODE_SERVER_BIN / CODE_SERVER_NODE_BIN into process.env. Returns true on success.
 */
export function installCodeServer(root) {
  const r = spawnSync('bash', [path.join(root, 'scripts/install-code-server.sh')], { cwd: root, env: cleanNpmEnv(), encoding: 'utf8', stdio: ['inherit', 'pipe', 'inherit'] });
  process.stdout.write(r.stdout ?? '');
  for (const m of (r.stdout ?? '').matchAll(/^(CODE_SERVER_BIN|CODE_SERVER_NODE_BIN)=(.*)$/gm)) process.env[m[1]] = m[2].trim();
  return r.status === 0 && !!process.env.CODE_SERVER_BIN && fs.existsSync(process.env.CODE_SERVER_BIN);
}
