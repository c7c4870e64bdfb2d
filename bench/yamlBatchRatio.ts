// YAML against JSON in batch validation (issue 20, item 6: within 1.3x): the six largest corpus
// definitions, each also as YAML as the bench converts it (validationBench.ts, yaml's stringify),
// validated from text by validateConnector with apiProperties.json, as the CLI does. JSON, YAML
// and YAML through the positioned tree (the path before yamlLite.ts) are run in turn, 20 times after
// 2 warm-ups; medians. In turn, because the validation table's rows (each format after the other
// format's peers: Spectral leaves a large heap) put the two formats in different conditions:
// StarRez's YAML row read 1.47x there, 1.2-1.3x measured in turn.
// Part of `npm run bench`; alone: node --import tsx bench/yamlBatchRatio.ts
import * as path from 'node:path';
import { parseDocument } from '../engine/src/languageService/parseDocument';
import { validateConnector, type ParseFn } from '../engine/src/languageService/validateConnector';
import { stat, type Stat } from './stats';
import { largestDefinitions, type LargeDefinition } from './validationBench';

export const YAML_TARGET_RATIO = 1.3;
const RUNS = 20;
const WARM_UP = 2;
const treeParse: ParseFn = (f) => parseDocument(f.uri, f.text, { languageId: f.languageId, version: f.version, eagerTree: f.languageId === 'yaml' });

export interface YamlRatioRow {
  name: string;
  json: Stat;
  yaml: Stat;
  /** YAML through the positioned tree (for comparison: the path before yamlLite). */
  yamlTree: Stat;
  ratio: number;
}

export function runYamlRatioBench(defs: LargeDefinition[], log: (s: string) => void): YamlRatioRow[] {
  const rows: YamlRatioRow[] = [];
  for (const def of defs) {
    const properties = def.properties !== undefined ? { uri: `file://${path.join(def.folder, 'apiProperties.json')}`, text: def.properties } : undefined;
    const run = (format: 'json' | 'yaml', parse?: ParseFn) => {
      const text = format === 'json' ? def.json : def.yaml;
      const t = performance.now();
      validateConnector({ definition: { uri: `file://${def.folder}/apiDefinition.swagger.${format}`, text, languageId: format }, properties, folderName: def.name }, {}, parse);
      return performance.now() - t;
    };
    const json: number[] = [];
    const yaml: number[] = [];
    const tree: number[] = [];
    for (let i = 0; i < RUNS + WARM_UP; i++) {
      const j = run('json');
      const y = run('yaml');
      const t = run('yaml', treeParse);
      if (i < WARM_UP) continue;
      json.push(j);
      yaml.push(y);
      tree.push(t);
    }
    const row: YamlRatioRow = { name: def.name, json: stat(json), yaml: stat(yaml), yamlTree: stat(tree), ratio: 0 };
    row.ratio = row.yaml.median / row.json.median;
    rows.push(row);
    log(`  ${def.name.padEnd(28)} JSON ${row.json.median.toFixed(1)} ms | YAML ${row.yaml.median.toFixed(1)} ms = ${row.ratio.toFixed(2)}x | YAML with the tree ${row.yamlTree.median.toFixed(1)} ms = ${(row.yamlTree.median / row.json.median).toFixed(2)}x`);
  }
  return rows;
}

if (require.main === module) {
  const rows = runYamlRatioBench(largestDefinitions(6), (s) => console.log(s));
  const worst = Math.max(...rows.map((r) => r.ratio));
  console.log(`worst YAML/JSON: ${worst.toFixed(2)}x (target ${YAML_TARGET_RATIO}x)`);
  process.exitCode = worst <= YAML_TARGET_RATIO ? 0 : 1;
}
