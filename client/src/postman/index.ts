// The VS Code side of the Postman and OpenAPI imports: the preview document provider and the commands.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { importPostman, IMPORT_POSTMAN_COMMAND } from './importCommand';
import { importOpenApiCommand, IMPORT_OPENAPI_COMMAND } from './openApiCommand';
import { PreviewProvider } from './previewProvider';

export function activatePostmanImport(services: ExtensionServices): void {
  const preview = new PreviewProvider();
  services.context.subscriptions.push(
    preview.register(),
    vscode.commands.registerCommand(IMPORT_POSTMAN_COMMAND, (args?: unknown) => importPostman(services, preview, args)),
    vscode.commands.registerCommand(IMPORT_OPENAPI_COMMAND, (args?: unknown) => importOpenApiCommand(services, preview, args)),
  );
}
