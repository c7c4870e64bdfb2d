// The CLI in fresh processes (issue 19, targets 3-5), each figure a ratio to a peer or a baseline
// measured in the same run, alternating runs so that load changes hit both sides alike:
// - start-up: `validate` of a one-line file against `node -e 0`;
// - throughput: the six largest corpus definitions against Spectral's `oas` ruleset and
//   swagger-parser's validate, each in a fresh process over the same six files (bench/peers/);
// - the whole corpus (608 files, on the default threads) against node alone reading and JSON.parse-ing them.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultThreads } from '../cli/src/workerStart';
import { stat, type Stat } from './stats';
import { CORPUS, type LargeDefinition } from './validationBench';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist/cli.js');

export interface CliBenchResult {
  startup: { nodeOnly: Stat; oneLineFile: Stat };
  sixLargest: { files: string[]; megabytes: number; ours: Stat; spectral: Stat; swaggerParser: Stat; readParse: Stat };
  corpus: { files: number; megabytes: number; threads: number; ours: Stat; readParse: Stat };
}

/** Wall time of one fresh process, in ms; a failure of the process (not exit 1 = findings) throws. */
function timed(args: string[], okCodes = [0, 1]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status === null || !okCodes.includes(r.status)) throw new Error(`bench: \`node ${args.map((a) => path.relative(ROOT, a) || a).join(' ')}\` failed (exit ${r.status ?? r.signal}): ${r.stderr.slice(0, 500)}`);
  return ms;
}

/** `runs` rounds; each round runs every contender once, in turn (after one warm-up round). */
function rounds<K extends string>(runs: number, contenders: Record<K, () => number>): Record<K, Stat> {
  const keys = Object.keys(contenders) as K[];
  for (const k of keys) contenders[k]();
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as unknown as Record<K, number[]>;
  for (let i = 0; i < runs; i++) for (const k of keys) samples[k].push(contenders[k]());
  return Object.fromEntries(keys.map((k) => [k, stat(samples[k])])) as Record<K, Stat>;
}

export function runCliBench(defs: LargeDefinition[], log: (s: string) => void): CliBenchResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-bench-'));
  try {
    const oneLine = path.join(tmp, 'one.swagger.json');
    fs.writeFileSync(oneLine, '{"swagger": "2.0"}\n');
    const s = rounds(20, {
      nodeOnly: () => timed(['-e', '0'], [0]),
      oneLineFile: () => timed([CLI, 'validate', oneLine]),
    });
    log(`  start-up: one-line file ${s.oneLineFile.median.toFixed(0)} ms, node -e 0 ${s.nodeOnly.median.toFixed(0)} ms (${(s.oneLineFile.median / s.nodeOnly.median).toFixed(2)}x)`);

    const files = defs.map((d) => path.join(d.folder, 'apiDefinition.swagger.json'));
    const six = rounds(5, {
      ours: () => timed([CLI, 'validate', ...files, '--format', 'json']),
      swaggerParser: () => timed([path.join(__dirname, 'peers/swaggerParser.cjs'), ...files], [0]),
      spectral: () => timed([path.join(__dirname, 'peers/spectral.cjs'), ...files], [0]),
      readParse: () => timed([path.join(__dirname, 'peers/readParse.cjs'), ...files], [0]),
    });
    const megabytes = defs.reduce((n, d) => n + d.bytes, 0) / 1048576;
    log(`  six largest (${megabytes.toFixed(1)} MB): ours ${six.ours.median.toFixed(0)} ms, swagger-parser ${six.swaggerParser.median.toFixed(0)} ms, Spectral ${six.spectral.median.toFixed(0)} ms, read+JSON.parse ${six.readParse.median.toFixed(0)} ms`);

    const corpusDir = path.join(CORPUS, 'connectors');
    const listed = spawnSync(process.execPath, [path.join(__dirname, 'peers/readParse.cjs'), corpusDir], { encoding: 'utf8' }).stdout.trim().split(' ').map(Number);
    const corpus = rounds(5, {
      ours: () => timed([CLI, 'validate', corpusDir, '--format', 'json']),
      readParse: () => timed([path.join(__dirname, 'peers/readParse.cjs'), corpusDir], [0]),
    });
    const threads = defaultThreads(); // what `validate` uses without --threads
    log(`  corpus (${listed[0]} files, ${threads} threads): ours ${corpus.ours.median.toFixed(0)} ms, read+JSON.parse ${corpus.readParse.median.toFixed(0)} ms (${(corpus.ours.median / corpus.readParse.median).toFixed(2)}x)`);
    return {
      startup: s,
      sixLargest: { files: defs.map((d) => d.name), megabytes, ...six },
      corpus: { files: listed[0] ?? 0, megabytes: (listed[1] ?? 0) / 1048576, threads, ...corpus },
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
