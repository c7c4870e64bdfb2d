// What an import will write, decided before anything is written. Pure (no vscode, no fs): the
// server reads the files already in the target folder (open buffers first) and answers
// `connectorStudio/importPlan` with a plan; the client shows it and only then writes. A re-import merges with the shared merge, so the author's edits survive.
import { DEFINITION_FILE, PROPERTIES_FILE } from '../../languageService/connectorFolder';
import type { ConnectorFileName, ImportPlan, PlannedFile } from '../../../../shared/src/protocol';
// Not from './': that would pull the Postman converter (postman-collection) into the OpenAPI import's bundle.
import { mergeIntoExisting, type Imported } from './merge';
import { parseJsonText } from './parseJson';
import { formatReport, type ImportReport } from './report';
import { byteLength, DEFINITION_SIZE_LIMIT, serializeJson } from './serialize';
import { importTargetProblem } from './targetFolder';

export type { ConnectorFileName, ImportPlan, PlannedFile };

/** The text of each connector file already in the target folder (undefined: no such file). */
export interface CurrentFiles {
  definition?: string;
  properties?: string;
  /** Names of the files in the folder (to find a YAML or other definition the import would sit beside). */
  names?: string[];
}

/** `format` writes the report text (the OpenAPI import passes its own, with the budget meters). */
export function buildImportPlan(imported: Imported, current: CurrentFiles, format: (report: ImportReport) => string = formatReport): ImportPlan {
  const conflict = importTargetProblem(current.names ?? []);
  if (conflict) return { ok: false, message: conflict, where: 'target folder' };
  let result = imported;
  const merging = current.definition !== undefined || current.properties !== undefined;
  if (merging) {
    const definition = readExisting(DEFINITION_FILE, current.definition);
    if (!definition.ok) return definition;
    const properties = readExisting(PROPERTIES_FILE, current.properties);
    if (!properties.ok) return properties;
    result = mergeIntoExisting(definition.value, properties.value, imported);
  }
  const files = [
    planFile(DEFINITION_FILE, result.definition, current.definition),
    planFile(PROPERTIES_FILE, result.properties, current.properties),
  ];
  const definitionBytes = byteLength(files[0]!.text);
  return {
    ok: true,
    mode: merging ? 'merge' : 'new',
    files,
    report: result.report,
    reportText: format(result.report),
    definitionBytes,
    oversize: definitionBytes > DEFINITION_SIZE_LIMIT,
    definitionSizeLimit: DEFINITION_SIZE_LIMIT,
  };
}

/** The files that need writing. */
export function changedFiles(plan: Extract<ImportPlan, { ok: true }>): PlannedFile[] {
  return plan.files.filter((f) => f.action !== 'unchanged');
}

function readExisting(name: ConnectorFileName, text: string | undefined): { ok: true; value: object | undefined } | { ok: false; message: string; where: string } {
  if (text === undefined) return { ok: true, value: undefined };
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return { ok: false, message: `The existing ${name} is not valid JSON (${parsed.message}); fix it before importing into this folder.`, where: `${name} line ${parsed.line}, column ${parsed.column}` };
  }
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { ok: false, message: `The existing ${name} does not hold a JSON object; fix it before importing into this folder.`, where: name };
  }
  return { ok: true, value: parsed.value };
}

function planFile(name: ConnectorFileName, value: object, currentText: string | undefined): PlannedFile {
  if (currentText === undefined) return { name, action: 'create', text: serializeJson(value) };
  // Same content (whatever the formatting): leave the author's file alone.
  const parsed = parseJsonText(currentText);
  if (parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(value)) return { name, action: 'unchanged', text: currentText, currentText };
  return { name, action: 'replace', text: serializeLike(value, currentText), currentText };
}

/**
 * JSON text in the formatting of `model`: its indentation (tabs or N spaces), line endings and
 * final newline, so a re-import's diff shows what changed and not a reformat.
 */
export function serializeLike(value: unknown, model: string): string {
  const indentMatch = /^[{[][^\S\r\n]*\r?\n([\t ]+)\S/.exec(model.replace(/^\uFEFF/, '').trimStart());
  const indent = indentMatch ? indentMatch[1]! : '    ';
  let text = JSON.stringify(value, null, indent);
  if (model.includes('\r\n')) text = text.replace(/\n/g, '\r\n');
  if (/\r?\n$/.test(model)) text += model.endsWith('\r\n') ? '\r\n' : '\n';
  return model.startsWith('\uFEFF') ? `\uFEFF${text}` : text;
}
