// Loads a command's bundle (dist/cli/<module>.js) with a V8 code cache, so a command starts without
// compiling its megabyte of JavaScript again (issue 19, start-up). Node 22.1+ has this built in
// (module.enableCompileCache): it is used when present. On older node the bundle is compiled with
// vm.Script and the cache is written when the process ends, so it also holds the functions the run
// compiled lazily (the rules). The cache sits beside the bundle, named for the node version and
// architecture: whoever may write it may write the bundle itself, so it adds nothing to trust (a
// shared temp folder would). A cache V8 rejects (another node, flags, a changed bundle, a damaged
// file) is ignored and replaced; a folder that is not writable just means no cache.
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

type WithCompileCache = typeof Module & { enableCompileCache?: () => unknown };

/** Largest cache file read (a cache is about 0.7x its bundle). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

export function cacheFileOf(bundle: string): string {
  return `${bundle}.${process.version}-${process.arch}.v8cache`;
}

export function loadBundle(bundle: string): unknown {
  const builtIn = (Module as WithCompileCache).enableCompileCache;
  if (typeof builtIn === 'function' || process.env.CONNECTOR_STUDIO_NO_CODE_CACHE) {
    if (typeof builtIn === 'function') builtIn();
    return createRequire(bundle)(bundle);
  }
  const source = fs.readFileSync(bundle, 'utf8');
  const cacheFile = cacheFileOf(bundle);
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const mod = { exports: {} as unknown, filename: bundle, id: bundle };
  wrapper.call(mod.exports, mod.exports as object, createRequire(bundle), mod, bundle, path.dirname(bundle));
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCache(cacheFile, script));
  return mod.exports;
}

function readCache(file: string): Buffer | undefined {
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile() || st.size > MAX_CACHE_BYTES) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Atomically (a temporary name, then rename), so concurrent runs never read half a file. */
function writeCache(file: string, script: vm.Script): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, script.createCachedData(), { mode: 0o644 });
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      /* not writable: no cache, nothing else changes */
    }
  }
}
