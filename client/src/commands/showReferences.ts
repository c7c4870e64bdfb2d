import * as vscode from 'vscode';
import type { CommandSpec } from './registry';

/** Target of the operation CodeLens: peek the operation's references. */
export const showReferences: CommandSpec = {
  id: 'connectorStudio.showReferences',
  title: 'Show Operation References',
  run: async (_services, uriArg, positionArg) => {
    const uri = vscode.Uri.parse(String(uriArg));
    const p = positionArg as { line: number; character: number };
    const position = new vscode.Position(p.line, p.character + 1);
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, position);
    await vscode.commands.executeCommand('editor.action.showReferences', uri, position, locations ?? []);
    return locations?.length ?? 0;
  },
};
