// Breaking-change comparison (issue 21) on the largest shared definition: compareSources of the
// definition (text) with a mutated copy (an operation deleted, a response property retyped, a
// required parameter added, every 10th operation's summary edited) against validateConnector of
// the same text. Both start from the texts (parsing included), the comparison as `connector-studio
// diff` runs it (no list of changed operations). Target: compare <= 0.5x validate.
// Run alone: node --import tsx bench/compareBench.ts (exit 1 when the target is missed).
import { compareSources } from '../engine/src/compare';
import { validateConnector } from '../engine/src/languageService/validateConnector';
import { stat, time, type Stat } from './stats';
import { largestDefinitions, type LargeDefinition } from './validationBench';

export interface CompareBenchResult {
  name: string;
  bytes: number;
  validate: Stat;
  compare: Stat;
  findings: number;
  ratio: number;
}

const RUNS = 15;
const WARM_UP = 5;
export const COMPARE_TARGET_RATIO = 0.5;

/* eslint-disable @typescript-eslint/no-explicit-any */
function mutated(json: string): string {
  const d: any = JSON.parse(json.replace(/^\uFEFF/, ''));
  const ops: any[] = [];
  for (const item of Object.values<any>(d.paths ?? {})) for (const m of ['get', 'post', 'put', 'patch', 'delete']) if (item?.[m]) ops.push({ item, m, op: item[m] });
  ops.forEach((o, i) => i % 10 === 0 && (o.op.summary = `${o.op.summary ?? ''} (edited)`));
  if (ops[0]) delete ops[0].item[ops[0].m];
  if (ops[1]) (ops[1].op.parameters ??= []).push({ name: 'benchRequired', in: 'query', type: 'string', required: true });
  const defs = Object.values<any>(d.definitions ?? {}).find((s) => s?.properties && Object.values<any>(s.properties).some((p) => p?.type === 'string'));
  if (defs) {
    const k = Object.keys(defs.properties).find((x) => defs.properties[x]?.type === 'string')!;
    defs.properties[k] = { ...defs.properties[k], type: 'integer' };
  }
  return JSON.stringify(d, null, 2);
}

export function runCompareBench(def: LargeDefinition, log: (s: string) => void): CompareBenchResult {
  const uri = `file://${def.folder}/apiDefinition.swagger.json`;
  const props = def.properties !== undefined ? { uri: `file://${def.folder}/apiProperties.json`, text: def.properties } : undefined;
  const changed = mutated(def.json);
  const runValidate = () => validateConnector({ definition: { uri, text: def.json }, properties: props, folderName: def.name });
  let findings = 0;
  const runCompare = () => {
    findings = compareSources({ definition: { uri: 'base', text: def.json }, properties: props }, { definition: { uri, text: changed }, properties: props }, {}, { changedOperations: false }).findings.length;
  };
  // In turn, after the same warm-up: run as blocks, the one measured first after the rest of the
  // bench (validation already hot from the validation table, comparison still warming up) looked
  // different from a run alone (0.55x in the full bench, 0.43x alone).
  for (let i = 0; i < WARM_UP; i++) {
    runValidate();
    runCompare();
  }
  const validateSamples: number[] = [];
  const compareSamples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    validateSamples.push(time(runValidate));
    compareSamples.push(time(runCompare));
  }
  const validate = stat(validateSamples);
  const compare = stat(compareSamples);
  const ratio = compare.median / validate.median;
  log(`  ${def.name} (${(def.bytes / 1024).toFixed(0)} KB): validate ${validate.median.toFixed(0)} ms, compare with a mutated copy ${compare.median.toFixed(0)} ms (${findings} findings): ${ratio.toFixed(2)}x (target <= ${COMPARE_TARGET_RATIO}x)`);
  return { name: def.name, bytes: def.bytes, validate, compare, findings, ratio };
}

if (require.main === module) {
  const [largest] = largestDefinitions(1);
  if (!largest) throw new Error('no corpus definition found (../shared/corpus/connectors)');
  const r = runCompareBench(largest, (s) => console.log(s));
  if (r.findings === 0) throw new Error('the mutated copy gave no finding: the bench measures nothing');
  process.exitCode = r.ratio <= COMPARE_TARGET_RATIO ? 0 : 1;
}
