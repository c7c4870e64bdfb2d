// Reads the connector's definition (open document first, so unsaved edits count) and the
// policy templates of its apiProperties.json.
import * as path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import { hostOverrideFor, type PolicyTemplateInstance, type SwaggerDocument } from '../../../shared/src/request';

export interface LoadedDefinition {
  document: vscode.TextDocument;
  swagger: SwaggerDocument;
  isJson: boolean;
}

export function isYamlUri(uri: vscode.Uri): boolean {
  return /\.ya?ml$/i.test(uri.path);
}

export async function loadDefinition(uri: vscode.Uri): Promise<LoadedDefinition> {
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText().replace(/^\uFEFF/, '');
  const isJson = !isYamlUri(uri);
  let value: unknown;
  if (isJson) {
    const errors: ParseError[] = [];
    value = parseJsonc(text, errors, { allowTrailingComma: true });
  } else {
    value = parseYaml(text);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${path.posix.basename(uri.path)} does not hold a definition object.`);
  return { document, swagger: value as SwaggerDocument, isJson };
}

export function folderOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

/** policyTemplateInstances of the apiProperties.json next to the definition ([] when absent). */
export async function loadPolicies(definitionUri: vscode.Uri): Promise<PolicyTemplateInstance[]> {
  const uri = vscode.Uri.joinPath(folderOf(definitionUri), 'apiProperties.json');
  let text: string | undefined = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText();
  if (text === undefined) {
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return [];
    }
  }
  const errors: ParseError[] = [];
  const value = parseJsonc(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true }) as { properties?: { policyTemplateInstances?: unknown } } | undefined;
  const list = value?.properties?.policyTemplateInstances;
  return Array.isArray(list) ? (list.filter((p) => p && typeof p === 'object' && typeof (p as { templateId?: unknown }).templateId === 'string') as PolicyTemplateInstance[]) : [];
}

/**
 * The entry of the setting connectorStudio.testOperation.hostOverrides for the definition's
 * host: where its test requests go when no per-run override is typed (the definition is not changed).
 */
export function settingHostOverride(scope: vscode.Uri, swagger: SwaggerDocument): string | undefined {
  return hostOverrideFor(swagger.host, vscode.workspace.getConfiguration('connectorStudio.testOperation', scope).get<unknown>('hostOverrides'));
}
