// The connector lifecycle in the editor: New Connector, Check Certification Readiness, Package,
// Deploy and Convert to JSON/YAML. Pure parts live in shared/src/lifecycle.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { convertDefinition } from './convertCommand';
import { deployConnector } from './deployCommand';
import { newConnector } from './newConnector';
import { packageConnector } from './packageCommand';
import { checkReadiness, openReportLocation } from './readinessPanel';
import { OPEN_LOCATION_COMMAND } from './reportHtml';

export function activateLifecycle(services: ExtensionServices): void {
  const reg = (id: string, run: (...args: unknown[]) => unknown) => services.context.subscriptions.push(vscode.commands.registerCommand(id, run));
  reg('connectorStudio.newConnector', (arg) => newConnector(services, arg));
  reg('connectorStudio.checkReadiness', (arg) => checkReadiness(services, arg));
  reg('connectorStudio.packageConnector', (arg) => packageConnector(services, arg));
  reg('connectorStudio.deployConnector', (arg) => deployConnector(services, arg));
  reg('connectorStudio.convertToYaml', (arg, opts) => convertDefinition(services, 'yaml', arg, opts));
  reg('connectorStudio.convertToJson', (arg, opts) => convertDefinition(services, 'json', arg, opts));
  reg(OPEN_LOCATION_COMMAND, (file, line, character) => openReportLocation(file, line, character));
}
