// Reads the connector's definition (open document first, so unsaved edits count) and the
// policy templates of its apiProperties.json.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PROPERTIES_FILE } from '../../../shared/src/lifecycle/connectorFolder';
import { readText } from '../connections/connectorFiles';
import { loadConnectorText, loadConnectorValue } from '../../../shared/src/swagger/load';
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
  const loaded = loadConnectorText(text, path.posix.basename(uri.path));
  if (!loaded.ok) throw new Error(loaded.message);
  const value = loaded.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${path.posix.basename(uri.path)} does not hold a definition object.`);
  return { document, swagger: value as SwaggerDocument, isJson };
}

export function folderOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

/** policyTemplateInstances of the apiProperties.json next to the definition ([] when absent). */
export async function loadPolicies(definitionUri: vscode.Uri): Promise<PolicyTemplateInstance[]> {
  const uri = vscode.Uri.joinPath(folderOf(definitionUri), PROPERTIES_FILE);
  const text = await readText(uri);
  if (text === undefined) return [];
  const value = loadConnectorValue(text, PROPERTIES_FILE) as { properties?: { policyTemplateInstances?: unknown } } | undefined;
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
