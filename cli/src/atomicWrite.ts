// All-or-nothing writes of the import commands (import-postman, import-openapi): every file goes to
// a temporary name beside its target, then all are renamed. A failure leaves no file changed and no
// folder that the write created.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializeJson } from '../../engine/src/converters/postman';
import { PROPERTIES_FILE } from '../../engine/src/languageService/connectorFolder';

export function writeAtomically(files: Array<[string, string]>): void {
  const temps: string[] = [];
  const created: string[] = [];
  try {
    for (const [target, text] of files) {
      const made = fs.mkdirSync(path.dirname(target), { recursive: true });
      if (made) created.push(made);
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
      fs.writeFileSync(temp, text, 'utf8');
      temps.push(temp);
    }
    files.forEach(([target], i) => fs.renameSync(temps[i]!, target));
  } catch (e) {
    for (const t of temps) fs.rmSync(t, { force: true });
    for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Writes an imported connector's definition and apiProperties.json at once; the line that says so (throws on failure). */
export function writeImportedConnector(definitionPath: string, propertiesPath: string, converted: { definition: object; properties: object }, merged: boolean): string {
  writeAtomically([
    [definitionPath, serializeJson(converted.definition)],
    [propertiesPath, serializeJson(converted.properties)],
  ]);
  return `${merged ? 'Merged into' : 'Wrote'} ${path.relative(process.cwd(), definitionPath) || definitionPath} and ${PROPERTIES_FILE}.\n`;
}
