// Feature modules, one line per feature. Each is its own bundle (dist/client/<name>.js: esbuild.mjs
// builds one per `require('./<name>')` below) loaded on first use (lazyFeatures.ts): at activation
// only the listed commands and views are registered, as stand-ins. List every command the
// feature's activator registers (a unit test checks them against package.json).
import type * as vscode from 'vscode';
import type { ConnectionsService } from './connections/connectionsService';
import type { ExtensionServices } from './services';

/** What a feature gives back when it activates, beyond the commands it registers. */
export interface FeatureApi {
  /** Data of the tree views listed in Feature.views. */
  views?: Record<string, vscode.TreeDataProvider<unknown>>;
  /** The one ConnectionsService (services.connections). */
  connections?: ConnectionsService;
}

export type FeatureActivator = (services: ExtensionServices) => FeatureApi | void;

export interface Feature {
  /** The folder under client/src; its index.ts is the bundle dist/client/<name>.js. */
  name: string;
  /** Commands registered at activation as stand-ins; the first call loads the feature. */
  commands: readonly string[];
  /** Tree views (package.json contributes.views) whose data the feature provides. */
  views?: readonly string[];
  /** Requires the feature's bundle (a literal require: esbuild turns it into the lazy bundle's). */
  load: () => FeatureActivator;
}

export const FEATURES: readonly Feature[] = [
  { name: 'connections', commands: ['connectorStudio.newConnection', 'connectorStudio.editConnection', 'connectorStudio.renameConnection', 'connectorStudio.signInConnection', 'connectorStudio.testConnection', 'connectorStudio.deleteConnection', 'connectorStudio.copyConnectionCurl', 'connectorStudio.refreshConnections'], views: ['connectorStudio.connections'], load: () => (require('./connections') as typeof import('./connections')).activateConnections },
  { name: 'postman', commands: ['connectorStudio.importPostman', 'connectorStudio.importOpenApi'], load: () => (require('./postman') as typeof import('./postman')).activatePostmanImport },
  { name: 'testOperation', commands: ['connectorStudio.testOperation'], load: () => (require('./testOperation') as typeof import('./testOperation')).activateTestOperation },
  { name: 'mcp', commands: ['connectorStudio.testMcp'], load: () => (require('./mcp') as typeof import('./mcp')).activateMcp },
  { name: 'compare', commands: ['connectorStudio.compareWithPublished'], load: () => (require('./compare') as typeof import('./compare')).activateCompare },
  { name: 'lifecycle', commands: ['connectorStudio.newConnector', 'connectorStudio.checkReadiness', 'connectorStudio.packageConnector', 'connectorStudio.deployConnector', 'connectorStudio.convertToYaml', 'connectorStudio.convertToJson', 'connectorStudio.openReportLocation'], load: () => (require('./lifecycle') as typeof import('./lifecycle')).activateLifecycle },
];
