// The custom LSP requests between the VS Code client and the language server: one table of
// method -> params -> result, used by both sides. The client asks, the server answers with the
// engine (its open buffers first, the user's settings applied); the client shows and writes.
// Types only plus two tiny typed wrappers: nothing here pulls engine code into the client bundle.
import type { PackagePlan } from './lifecycle/packager';
import type { RequirementResult } from './lifecycle/readiness';
import type { ImportReport } from './importReport';

export interface ReadinessParams {
  /** Absolute path of the connector folder. */
  folder: string;
}

export interface ReadinessReport {
  folder: string;
  folderName: string;
  results: RequirementResult[];
}

export interface DetectParams {
  /** The document's URI string. */
  uri: string;
  /** The start of its text (the editor's buffer, saved or not). */
  head: string;
}

export interface DetectResult {
  /** Which connector file this is, or undefined when it is none. */
  kind?: 'definition' | 'properties';
}

export type ConnectorFileName = 'apiDefinition.swagger.json' | 'apiProperties.json';

export interface PlannedFile {
  name: ConnectorFileName;
  /** create: new file; replace: existing file gets new text; unchanged: nothing to write. */
  action: 'create' | 'replace' | 'unchanged';
  text: string;
  /** The text the file had when the plan was made (replace and unchanged only). */
  currentText?: string;
}

export type ImportPlan =
  | {
      ok: true;
      /** new: the folder held no connector; merge: it did, and the import was folded into it. */
      mode: 'new' | 'merge';
      files: PlannedFile[];
      report: ImportReport;
      reportText: string;
      definitionBytes: number;
      /** Over the platform's 1 MB limit for apiDefinition.swagger.json. */
      oversize: boolean;
      /** The platform's limit, for the message. */
      definitionSizeLimit: number;
    }
  | { ok: false; message: string; where: string };

export interface ImportPlanParams {
  collectionText: string;
  environmentText?: string;
  /** Absolute path of the target folder; without it only the conversion runs (to name the target). */
  target?: string;
}

export type ImportPlanResult =
  /** The collection could not be converted. */
  | { ok: false; stage: 'convert'; message: string; where: string }
  /** Converted; `plan` is there when a target was given (its files read with open buffers first). */
  | { ok: true; title: string; plan?: ImportPlan };

export interface PackagePlanParams {
  folder: string;
}

/** A package plan as it crosses the wire: file contents in base64. */
export interface WirePackagePlan extends Omit<PackagePlan, 'files'> {
  files: { name: string; base64: string }[];
  /** The connector folder it was made from (a package must never replace it). */
  source: string;
}

/** Every custom request: method -> params and result. */
export interface ConnectorStudioRequests {
  'connectorStudio/readiness': { params: ReadinessParams; result: ReadinessReport };
  'connectorStudio/detect': { params: DetectParams; result: DetectResult };
  'connectorStudio/importPlan': { params: ImportPlanParams; result: ImportPlanResult };
  'connectorStudio/packagePlan': { params: PackagePlanParams; result: WirePackagePlan };
}

export type RequestMethod = keyof ConnectorStudioRequests;

/** The client side: anything with LanguageClient's sendRequest. */
export interface RequestSender {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

/** The server side: anything with Connection's onRequest. */
export interface RequestReceiver {
  onRequest(method: string, handler: (params: never) => unknown): unknown;
}

export function sendStudioRequest<M extends RequestMethod>(client: RequestSender, method: M, params: ConnectorStudioRequests[M]['params']): Promise<ConnectorStudioRequests[M]['result']> {
  return client.sendRequest<ConnectorStudioRequests[M]['result']>(method, params);
}

export function onStudioRequest<M extends RequestMethod>(
  connection: RequestReceiver,
  method: M,
  handler: (params: ConnectorStudioRequests[M]['params']) => ConnectorStudioRequests[M]['result'] | Promise<ConnectorStudioRequests[M]['result']>,
): void {
  connection.onRequest(method, handler as (params: never) => unknown);
}
