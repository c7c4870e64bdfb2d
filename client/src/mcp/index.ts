// Activator of the MCP Test panel: connectorStudio.testMcp(uri, operationId, { connectionId }),
// reached from "▶ Test" above an operation with x-ms-agentic-protocol (Test Operation hands over).
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { McpPanel } from './panel';

export const TEST_MCP_COMMAND = 'connectorStudio.testMcp';

export function activateMcp(services: ExtensionServices): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(TEST_MCP_COMMAND, (uri?: unknown, operationId?: unknown, options?: { connectionId?: string }) => {
      const target = uri instanceof vscode.Uri ? uri : typeof uri === 'string' ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
      if (!target || typeof operationId !== 'string') {
        void vscode.window.showWarningMessage('Test MCP Server: use "▶ Test" above the MCP operation of a connector definition.');
        return undefined;
      }
      return McpPanel.show(services, target, operationId, options?.connectionId);
    }),
  );
}
