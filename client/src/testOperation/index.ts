// Activator of Test Operation: the command (from the CodeLens, the palette and the Connections
// tree) that opens an operation's panel.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { isConnectorDocument } from '../connectorContext';
import { folderOf, loadDefinition } from './definitionSource';
import { TestOperationPanel } from './panel';
import { VirtualDocuments } from './virtualDocuments';
import { isMcpOperation } from '../../../shared/src/mcp/agenticProtocol';
import { findOperation } from '../../../shared/src/request/swagger';

export const TEST_OPERATION_COMMAND = 'connectorStudio.testOperation';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

interface OperationItem extends vscode.QuickPickItem {
  operationId: string;
}

async function pickOperation(uri: vscode.Uri): Promise<string | undefined> {
  const { swagger } = await loadDefinition(uri);
  const items: OperationItem[] = [];
  for (const [path, item] of Object.entries(swagger.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, unknown> | undefined)?.[method] as { operationId?: unknown; summary?: unknown } | undefined;
      if (!op || typeof op.operationId !== 'string') continue;
      items.push({ label: op.operationId, description: `${method.toUpperCase()} ${path}`, detail: typeof op.summary === 'string' ? op.summary : undefined, operationId: op.operationId });
    }
  }
  if (!items.length) {
    void vscode.window.showWarningMessage('This definition has no operation with an operationId to test.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Test Operation', placeHolder: 'Pick the operation to test', matchOnDescription: true, matchOnDetail: true });
  return picked?.operationId;
}

/** The definition of the active editor, else one found in the workspace (picked when several). */
async function pickDefinition(services: ExtensionServices, folder?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (!folder && active && (await isConnectorDocument(services.client, active)) && !/apiProperties\.json$/i.test(active.uri.path)) return active.uri;
  const pattern = folder ? new vscode.RelativePattern(folder, 'apiDefinition.swagger.json') : '**/apiDefinition.swagger.json';
  const found = await vscode.workspace.findFiles(pattern, '**/node_modules/**', 200);
  if (found.length <= 1) return found[0];
  const picked = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Test Operation', placeHolder: 'Pick the connector definition' },
  );
  return picked?.uri;
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(value)) return vscode.Uri.parse(value);
  return undefined;
}

/** A connection id from the Connections tree (a node with `record`), a record, or a plain id. */
function asConnectionId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const v = value as { record?: { id?: unknown }; id?: unknown } | undefined;
  if (typeof v?.record?.id === 'string') return v.record.id;
  if (typeof v?.id === 'string') return v.id;
  return undefined;
}

/**
 * connectorStudio.testOperation(uri?, operationId?, options?) from the CodeLens and palette, or
 * connectorStudio.testOperation(connection) from the Connections tree. Returns the panel.
 */
export async function testOperationCommand(services: ExtensionServices, docs: VirtualDocuments, ...args: unknown[]): Promise<TestOperationPanel | undefined> {
  let uri = asUri(args[0]);
  let operationId = typeof args[1] === 'string' ? args[1] : undefined;
  let connectionId = (args[2] as { connectionId?: string } | undefined)?.connectionId;
  if (!uri && args[0] !== undefined) {
    connectionId = asConnectionId(args[0]);
    const record = connectionId ? services.connections.get(connectionId) : undefined;
    if (!record) {
      void vscode.window.showErrorMessage('Test Operation: the connection no longer exists.');
      return undefined;
    }
    const folder = services.connections.folderUri(record.connectorFolder);
    uri = folder ? await pickDefinition(services, folder) : undefined;
    if (!uri) {
      void vscode.window.showErrorMessage(`Test Operation: no apiDefinition.swagger.json in the folder of "${record.name}".`);
      return undefined;
    }
  }
  uri ??= await pickDefinition(services);
  if (!uri) {
    void vscode.window.showWarningMessage('Test Operation: open a connector definition first.');
    return undefined;
  }
  operationId ??= await pickOperation(uri);
  if (!operationId) return undefined;
  if (connectionId && !services.connections.list(folderOf(uri)).some((r) => r.id === connectionId)) connectionId = undefined;
  // An MCP operation (x-ms-agentic-protocol) is tested as an MCP session: the MCP panel takes over.
  const { swagger } = await loadDefinition(uri);
  if (isMcpOperation(findOperation(swagger, operationId)?.operation)) {
    await vscode.commands.executeCommand('connectorStudio.testMcp', uri, operationId, { connectionId });
    return undefined;
  }
  return TestOperationPanel.show(services, docs, uri, operationId, connectionId);
}

export function activateTestOperation(services: ExtensionServices): void {
  const docs = new VirtualDocuments();
  services.context.subscriptions.push(
    docs,
    docs.register(),
    vscode.commands.registerCommand(TEST_OPERATION_COMMAND, (...args: unknown[]) => testOperationCommand(services, docs, ...args)),
  );
}
