// Helpers for the lifecycle tests: scaffold a connector into a temp folder and validate it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateConnector, type FileDiagnostics } from '../../../engine/src/languageService/validateConnector';
import type { AuthKind } from '../../../shared/src/lifecycle/authKinds';
import { scaffoldConnector, type ScaffoldFile, type ScaffoldOptions } from '../../../shared/src/lifecycle/scaffold';

export const BASE_OPTIONS: ScaffoldOptions = {
  title: 'Fabrikam Tasks',
  description: 'Create, update and track the tasks of your Fabrikam workspace from flows and apps.',
  baseUrl: 'https://tasks.fabrikam.io/v2',
  auth: ['apiKey'],
  format: 'json',
  publisher: 'Fabrikam',
  stackOwner: 'Fabrikam',
};

export function options(auth: readonly AuthKind[], format: 'json' | 'yaml' = 'json'): ScaffoldOptions {
  return { ...BASE_OPTIONS, auth, format };
}

export function validateFiles(files: ScaffoldFile[], profile: 'default' | 'certification'): FileDiagnostics[] {
  const def = files.find((f) => /^apiDefinition\.swagger\./.test(f.name))!;
  const props = files.find((f) => f.name === 'apiProperties.json')!;
  return validateConnector({
    definition: { uri: `/c/${def.name}`, text: String(def.content), languageId: def.name.endsWith('.json') ? 'json' : 'yaml' },
    properties: { uri: '/c/apiProperties.json', text: String(props.content), languageId: 'json' },
    folderName: 'Fabrikam Tasks',
    folderFiles: files.map((f) => f.name),
  }, { profile });
}

export function errorsOf(results: FileDiagnostics[]): string[] {
  return results.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.kind}: ${d.ruleId} L${d.range.start.line + 1}: ${d.message}`));
}

const made: string[] = [];

export function tempDir(tag: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `cs-lifecycle-${tag}-`));
  made.push(d);
  return d;
}

/** Writes a scaffolded connector into <tmp>/<title>/ and returns that folder. */
export function writeConnector(o: ScaffoldOptions = BASE_OPTIONS, tag = 'c'): string {
  const folder = path.join(tempDir(tag), o.title);
  fs.mkdirSync(folder);
  for (const f of scaffoldConnector(o)) fs.writeFileSync(path.join(folder, f.name), f.content);
  return folder;
}

export function cleanupTemp(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function editJson(file: string, edit: (v: Record<string, any>) => void): void {
  const v = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(v);
  fs.writeFileSync(file, JSON.stringify(v, null, 2));
}
