// Gathers a connector folder (open editor buffers first when the server passes its reader), runs
// the certification profile of the validator with the user's rule settings and the folder's
// .connector-studio.json, and the repository-level checks. Answers `connectorStudio/readiness`.
import * as path from 'node:path';
import { checkReadiness, type ReadinessFinding } from '../../../shared/src/lifecycle/readiness';
import type { ReadinessReport } from '../../../shared/src/protocol';
import { mergeConfigs } from '../languageService/config';
import { buildConnectorIndex, isObject } from '../languageService/connectorIndex';
import { findDefinition } from '../../../shared/src/lifecycle/connectorFolder';
import { loadConnectorSources, loadFolderConfig } from '../languageService/connectorSources';
import type { FileAccess } from '../languageService/fileAccess';
import { parseDocument } from '../languageService/parseDocument';
import { validateConnector, type ValidationConfig } from '../languageService/validateConnector';
import { independentPublisher, propertiesRoot } from '../rules/util/certText';

export type { ReadinessReport };

export interface ReadinessOptions {
  /** The folder's reader (the server's: open buffers first; the CLI's: the disk). */
  files: FileAccess;
  /** The user's settings (connectorStudio.validation); the folder's config file wins over them. */
  settings?: ValidationConfig;
}

/** The icon is binary and never an editor buffer: read from disk, capped. */
const MAX_ICON_BYTES = 4 * 1024 * 1024;

export function runReadiness(folder: string, options: ReadinessOptions): ReadinessReport {
  const { files } = options;
  const names = files.list(folder);
  if (!names.length) throw new Error(`${folder} does not exist, is empty or cannot be read`);
  const definitionPath = findDefinition(folder, names);
  if (!definitionPath) throw new Error(`${folder} holds no connector definition (apiDefinition.swagger.json or .yaml)`);
  const sources = loadConnectorSources(definitionPath, files);
  const { config } = loadFolderConfig(folder, files);
  const diagnostics = validateConnector(sources, { ...mergeConfigs(options.settings ?? {}, config), profile: 'certification' });
  const findings: ReadinessFinding[] = diagnostics.flatMap((f) => f.diagnostics.map((d) => ({
    file: path.basename(f.uri), line: d.range.start.line, character: d.range.start.character, severity: d.severity, message: d.message, ruleId: d.ruleId,
  })));
  const parse = (s: { uri: string; text: string } | undefined) => (s ? parseDocument(s.uri, s.text) : undefined);
  const def = parse(sources.definition);
  const props = parse(sources.properties);
  const index = buildConnectorIndex(def?.usable ? def.value : undefined, props?.usable ? props.value : undefined);
  const readmeName = names.find((f) => f.toLowerCase() === 'readme.md');
  const iconName = names.find((f) => f.toLowerCase() === 'icon.png');
  const readme = readmeName ? files.read(path.join(folder, readmeName)) : undefined;
  const brand = propertiesRoot(index.propertiesValue)?.iconBrandColor;
  const results = checkReadiness({
    folderName: path.basename(folder),
    files: names,
    definitionFile: path.basename(definitionPath),
    readme: readme?.ok ? readme.text : undefined,
    icon: iconName ? readIcon(files, path.join(folder, iconName)) : undefined,
    iconBrandColor: typeof brand === 'string' ? brand : undefined,
    operations: index.operations.map((o) => ({ operationId: o.operationId, summary: isObject(o.operation) && typeof o.operation.summary === 'string' ? o.operation.summary : undefined })),
    independentPublisher: independentPublisher(index.definitionValue, index.propertiesValue).independent,
    findings,
  });
  return { folder, folderName: path.basename(folder), results };
}

function readIcon(files: FileAccess, file: string): Buffer | undefined {
  const r = files.readBytes(file, MAX_ICON_BYTES);
  return r.ok ? Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength) : undefined;
}
