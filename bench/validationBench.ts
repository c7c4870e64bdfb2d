// Full validation of the six largest corpus definitions (JSON, and the same converted to YAML):
// ours (validateConnector, default profile, definition + apiProperties) against JSON.parse of the
// same text, @apidevtools/swagger-parser's validate and Spectral's `oas` ruleset. Every contender
// starts from the text (parsing included).
import * as fs from 'node:fs';
import * as path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Document, Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { validateConnector } from '../engine/src/languageService/validateConnector';
import { repeat, stat, timeAsync, type Stat } from './stats';

export const CORPUS = path.resolve(__dirname, '../../shared/corpus');

export interface LargeDefinition {
  name: string;
  folder: string;
  bytes: number;
  json: string;
  yaml: string;
  properties?: string;
}

/** The six largest apiDefinition.swagger.json files under corpus/connectors/<group>/<name>/. */
export function largestDefinitions(count = 6): LargeDefinition[] {
  const root = path.join(CORPUS, 'connectors');
  const all: { folder: string; bytes: number }[] = [];
  for (const group of fs.readdirSync(root)) {
    const g = path.join(root, group);
    if (!fs.statSync(g).isDirectory()) continue;
    for (const name of fs.readdirSync(g)) {
      const def = path.join(g, name, 'apiDefinition.swagger.json');
      if (fs.existsSync(def)) all.push({ folder: path.join(g, name), bytes: fs.statSync(def).size });
    }
  }
  all.sort((a, b) => b.bytes - a.bytes);
  return all.slice(0, count).map(({ folder, bytes }) => {
    const json = fs.readFileSync(path.join(folder, 'apiDefinition.swagger.json'), 'utf8');
    const props = path.join(folder, 'apiProperties.json');
    return { name: path.basename(folder), folder, bytes, json, yaml: toYaml(JSON.parse(json.replace(/^\uFEFF/, '')), { aliasDuplicateObjects: false }), properties: fs.existsSync(props) ? fs.readFileSync(props, 'utf8') : undefined };
  });
}

export interface ValidationRow {
  name: string;
  format: 'json' | 'yaml';
  bytes: number;
  jsonParse: Stat;
  ours: Stat;
  swaggerParser: Stat & { valid: boolean };
  spectral: Stat & { findings: number };
  oursFindings: number;
}

const RUNS = 20;
const PEER_BUDGET_MS = 8_000;

export async function runValidationBench(defs: LargeDefinition[], log: (s: string) => void): Promise<ValidationRow[]> {
  const spectral = new Spectral();
  // The rulesets package types `oas` more loosely than spectral-core's RulesetDefinition.
  spectral.setRuleset(oas as unknown as RulesetDefinition);
  const rows: ValidationRow[] = [];
  for (const def of defs) {
    for (const format of ['json', 'yaml'] as const) {
      const text = format === 'json' ? def.json : def.yaml;
      const file = path.join(def.folder, `apiDefinition.swagger.${format}`);
      const jsonText = def.json.replace(/^\uFEFF/, '');
      const jsonParse = repeat(RUNS, () => JSON.parse(jsonText));
      let oursFindings = 0;
      const ours = repeat(RUNS, () => {
        const r = validateConnector({
          definition: { uri: `file://${file}`, text, languageId: format },
          properties: def.properties !== undefined ? { uri: `file://${path.join(def.folder, 'apiProperties.json')}`, text: def.properties } : undefined,
          folderName: def.name,
        });
        oursFindings = r.reduce((n, f) => n + f.diagnostics.length, 0);
      });
      let valid = true;
      const parse = () => (format === 'json' ? JSON.parse(jsonText) : parseYaml(text)) as object;
      const swaggerOnce = async () => {
        try {
          await SwaggerParser.validate(parse() as never);
        } catch {
          valid = false;
        }
      };
      log(`  ${def.name} (${format}): ours ${ours.median.toFixed(0)} ms; swagger-parser...`);
      const swaggerParser = await peer(swaggerOnce);
      let findings = 0;
      const spectralOnce = async () => {
        const r = await spectral.run(format === 'json' ? new Document(text, Parsers.Json, file) : new Document(text, Parsers.Yaml, file));
        findings = r.length;
      };
      log(`    swagger-parser ${swaggerParser.median.toFixed(0)} ms; spectral...`);
      const spectralStat = await peer(spectralOnce);
      const row: ValidationRow = { name: def.name, format, bytes: Buffer.byteLength(text), jsonParse, ours, swaggerParser: { ...swaggerParser, valid }, spectral: { ...spectralStat, findings }, oursFindings };
      rows.push(row);
      log(`  ${def.name} (${format}): ours ${ours.median.toFixed(0)} ms, JSON.parse ${jsonParse.median.toFixed(1)} ms, swagger-parser ${swaggerParser.median.toFixed(0)} ms (n=${swaggerParser.runs}), spectral ${spectralStat.median.toFixed(0)} ms (n=${spectralStat.runs})`);
    }
  }
  return rows;
}

/**
 * After one warm-up run: 20 runs, or as many as fit in PEER_BUDGET_MS (at least 3) for a peer that
 * takes seconds per run (Spectral on a megabyte definition), so the bench stays near 10 minutes.
 */
async function peer(fn: () => Promise<void>): Promise<Stat> {
  await fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < RUNS && (samples.length < 3 || performance.now() - start < PEER_BUDGET_MS)) samples.push(await timeAsync(fn));
  return stat(samples);
}
