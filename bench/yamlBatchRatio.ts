// YAML against JSON in batch validation (issue 20, item 6: within 1.3x): the six largest corpus
// definitions, each also as YAML as the bench converts it (validationBench.ts, yaml's stringify),
// validated from text by validateConnector with apiProperties.json, as the CLI does. JSON, YAML
// and YAML through the positioned tree (the path before yamlLite.ts) are run in turn, 20 times after
// 2 warm-ups; medians. Run: node --import tsx bench/yamlBatchRatio.ts
import * as path from 'node:path';
import { parseDocument } from '../engine/src/languageService/parseDocument';
import { validateConnector, type ParseFn } from '../engine/src/languageService/validateConnector';
import { largestDefinitions } from './validationBench';

const RUNS = 20;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const treeParse: ParseFn = (f) => parseDocument(f.uri, f.text, { languageId: f.languageId, version: f.version, eagerTree: f.languageId === 'yaml' });

let worst = 0;
for (const def of largestDefinitions(6)) {
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
  for (let i = 0; i < RUNS + 2; i++) {
    const j = run('json');
    const y = run('yaml');
    const t = run('yaml', treeParse);
    if (i < 2) continue;
    json.push(j);
    yaml.push(y);
    tree.push(t);
  }
  const ratio = median(yaml) / median(json);
  worst = Math.max(worst, ratio);
  console.log(`${def.name.padEnd(28)} JSON ${median(json).toFixed(1)} ms | YAML ${median(yaml).toFixed(1)} ms = ${ratio.toFixed(2)}x | YAML with the tree ${median(tree).toFixed(1)} ms = ${(median(tree) / median(json)).toFixed(2)}x`);
}
console.log(`worst YAML/JSON: ${worst.toFixed(2)}x (target 1.3x)`);
