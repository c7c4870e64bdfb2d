// The Connector Studio language server process: the connection from the command line (node IPC
// or stdio), the handlers from startServer.ts.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';

startServer(createConnection(ProposedFeatures.all));
