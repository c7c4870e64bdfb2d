// Starts the language server in its own process (IPC) and wires document selection and settings.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_EXEC_ARGV } from '../../shared/src/serverLaunch';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', pattern: '**/script.csx' },
];

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server', 'server.js'));
  const serverOptions: ServerOptions = {
    // The V8 flags of shared/src/serverLaunch.ts (measured: none today); the LSP tests and the bench start it alike.
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6010'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/{.connector-studio.json,apiProperties.json,apiDefinition.swagger.json,script.csx}');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel,
    synchronize: { configurationSection: 'connectorStudio', fileEvents: watcher },
    // VS Code's JSON language features complete and hover from the schemas package.json contributes
    // (jsonValidation), and Red Hat's YAML extension, when installed, from yamlValidation: the server
    // then leaves those to them (no item twice).
    initializationOptions: {
      settings: vscode.workspace.getConfiguration('connectorStudio'),
      editorServesJsonSchemas: true,
      editorServesYamlSchemas: vscode.extensions.getExtension('redhat.vscode-yaml') !== undefined,
    },
  };
  return new LanguageClient('connectorStudio', 'Connector Studio Language Server', serverOptions, clientOptions);
}
