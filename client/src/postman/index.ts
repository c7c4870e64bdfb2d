// The VS Code side of the Postman import: the preview document provider and the command.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { importPostman, IMPORT_POSTMAN_COMMAND } from './importCommand';
import { PreviewProvider } from './previewProvider';

export function activatePostmanImport(services: ExtensionServices): void {
  const preview = new PreviewProvider();
  services.context.subscriptions.push(
    preview.register(),
    vscode.commands.registerCommand(IMPORT_POSTMAN_COMMAND, (args?: unknown) => importPostman(services, preview, args)),
  );
}
