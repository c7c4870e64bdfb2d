// The Connector Studio language server: registers the handlers on a connection. server.ts is the
// process entry (node IPC or stdio); the fuzz tier runs the same wiring in-process over streams.
import { CodeActionKind, DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind, type Connection } from 'vscode-languageserver/node';
import { LazyTextDocuments } from './lazyTextDocument';
import { DiagnosticsPublisher, toPath, type ServerSettings } from './handlers/diagnostics';
import { registerFeatureHandlers } from './handlers/features';
import { forgetSchemaView, setEditorServesJsonSchemas } from './handlers/schemaFeatures';
import { registerIntrospection } from './handlers/introspection';
import { registerStudioRequests } from './handlers/studioRequests';
import { BreakingChanges } from './handlers/breakingChanges';
import { swaggerValidator } from '../../engine/src/rules/swaggerSchema';

/** Registers every handler on `connection` and starts listening. */
export function startServer(connection: Connection): void {
  // Open documents that build their text when it is read, not at each edit (issue 19, target 6).
  const documents = new TextDocuments(LazyTextDocuments);
  const diagnostics = new DiagnosticsPublisher(connection, documents);
  // Breaking changes since the published version join the diagnostics (connectorStudio.breakingChanges.base).
  const breaking = new BreakingChanges(connection);
  diagnostics.afterValidation = (results, sources, config, parse) => breaking.addTo(results, sources, config, parse);
  breaking.onBaseChanged = () => diagnostics.revalidateAll();
  const takeSettings = (settings: ServerSettings | undefined) => {
    const changed = breaking.setBase((settings as { breakingChanges?: { base?: unknown } } | undefined)?.breakingChanges?.base);
    diagnostics.updateSettings(settings);
    if (changed) diagnostics.revalidateAll();
  };
  let canPullConfiguration = false;

  connection.onInitialize((params) => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    const initial = params.initializationOptions as { settings?: ServerSettings; editorServesJsonSchemas?: boolean; editorServesYamlSchemas?: boolean } | undefined;
    setEditorServesJsonSchemas(initial?.editorServesJsonSchemas === true, initial?.editorServesYamlSchemas === true);
    if (initial?.settings) takeSettings(initial.settings);
    // Without settings at start, the first validation waits for the pulled ones (one publish per open).
    else if (canPullConfiguration) diagnostics.awaitSettings();
    diagnostics.setWorkspaceFolders((params.workspaceFolders ?? []).map((f) => toPath(f.uri)).filter((p): p is string => p !== undefined));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', ':', ' ', '/', '#'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        selectionRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorExtract] },
      },
      serverInfo: { name: 'connector-studio' },
    };
  });

  connection.onInitialized(() => {
    // Compile the Swagger schema validator (~100 ms) now rather than on the first keystroke.
    setImmediate(() => swaggerValidator());
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'connectorStudio' });
      void pullSettings();
    }
  });

  async function pullSettings(): Promise<void> {
    try {
      const settings = (await connection.workspace.getConfiguration('connectorStudio')) as ServerSettings;
      takeSettings(settings);
    } catch (e) {
      connection.console.error(`Could not read settings: ${String(e)}`);
      diagnostics.openSettingsGate();
    }
  }

  connection.onDidChangeConfiguration((change) => {
    if (canPullConfiguration) void pullSettings();
    else takeSettings((change.settings as { connectorStudio?: ServerSettings })?.connectorStudio);
  });

  // .connector-studio.json, apiProperties.json or script.csx changed on disk.
  connection.onDidChangeWatchedFiles((e) => diagnostics.filesChanged(e.changes.map((c) => c.uri)));

  documents.onDidOpen((e) => diagnostics.validateNow(e.document));
  documents.onDidChangeContent((e) => diagnostics.schedule(e.document));
  documents.onDidClose((e) => {
    forgetSchemaView(e.document.uri);
    diagnostics.closed(e.document);
  });

  registerFeatureHandlers(connection, documents, diagnostics, breaking);
  registerIntrospection(connection, () => diagnostics.retainedCounts());
  registerStudioRequests(connection, diagnostics, () => canPullConfiguration, breaking);

  documents.listen(connection);
  connection.listen();
}
