// Gathers a connector folder from disk, runs the certification profile of the validator and the
// repository-level checks, and returns the report. No vscode import: unit tests call it directly.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildConnectorIndex, isObject } from '../../../server/src/languageService/connectorIndex';
import { loadConnectorFromDisk, loadFolderConfig } from '../../../server/src/languageService/diskConnector';
import { parseDocument } from '../../../server/src/languageService/parseDocument';
import { validateConnector } from '../../../server/src/languageService/validateConnector';
import { independentPublisher, propertiesRoot } from '../../../server/src/rules/util/certText';
import { checkReadiness, type ReadinessFinding, type RequirementResult } from '../../../shared/src/lifecycle/readiness';
import { findDefinition } from './connectorFolder';

export interface ReadinessReport {
  folder: string;
  folderName: string;
  results: RequirementResult[];
}

export function runReadiness(folder: string): ReadinessReport {
  const files = fs.readdirSync(folder);
  const definitionPath = findDefinition(folder, files);
  if (!definitionPath) throw new Error(`${folder} holds no connector definition (apiDefinition.swagger.json or .yaml)`);
  const sources = loadConnectorFromDisk(definitionPath);
  const { config } = loadFolderConfig(folder);
  const diagnostics = validateConnector(sources, { ...config, profile: 'certification' });
  const findings: ReadinessFinding[] = diagnostics.flatMap((f) => f.diagnostics.map((d) => ({
    file: path.basename(f.uri), line: d.range.start.line, character: d.range.start.character, severity: d.severity, message: d.message, ruleId: d.ruleId,
  })));
  const parse = (s: { uri: string; text: string } | undefined) => (s ? parseDocument(s.uri, s.text) : undefined);
  const def = parse(sources.definition);
  const props = parse(sources.properties);
  const index = buildConnectorIndex(def?.usable ? def.value : undefined, props?.usable ? props.value : undefined);
  const readmeName = files.find((f) => f.toLowerCase() === 'readme.md');
  const iconName = files.find((f) => f.toLowerCase() === 'icon.png');
  const brand = propertiesRoot(index.propertiesValue)?.iconBrandColor;
  const results = checkReadiness({
    folderName: path.basename(folder),
    files,
    definitionFile: path.basename(definitionPath),
    readme: readmeName ? fs.readFileSync(path.join(folder, readmeName), 'utf8') : undefined,
    icon: iconName ? fs.readFileSync(path.join(folder, iconName)) : undefined,
    iconBrandColor: typeof brand === 'string' ? brand : undefined,
    operations: index.operations.map((o) => ({ operationId: o.operationId, summary: isObject(o.operation) && typeof o.operation.summary === 'string' ? o.operation.summary : undefined })),
    independentPublisher: independentPublisher(index.definitionValue, index.propertiesValue).independent,
    findings,
  });
  return { folder, folderName: path.basename(folder), results };
}
