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

export interface OpenApiImportParams {
  /** An http(s) URL or an absolute file path of the OpenAPI 3.0/3.1 or Swagger 2.0 document. */
  source: string;
  /** Absolute path of the target folder; without it only the conversion runs (title, tags, report). */
  target?: string;
  includeTags?: string[];
  includePaths?: string[];
}

export type OpenApiImportResult =
  /** read: the document could not be fetched or read (kind: dns, tls, not-found, timeout, too-large, ...); convert: not convertible. */
  | { ok: false; stage: 'read' | 'convert'; kind?: string; message: string; where: string }
  | {
      ok: true;
      title: string;
      /** Tags of the source with their operation counts, largest first (for a QuickPick). */
      tags: { name: string; operations: number }[];
      sourceOperations: number;
      /** Some budget meter is over the platform's limit: the user should cut the import down. */
      overBudget: boolean;
      /** The conversion report (meters, dropped operations, entries). */
      reportText: string;
      plan?: ImportPlan;
    };

export interface PackagePlanParams {
  folder: string;
}

/** A package plan as it crosses the wire: file contents in base64. */
export interface WirePackagePlan extends Omit<PackagePlan, 'files'> {
  files: { name: string; base64: string }[];
  /** The connector folder it was made from (a package must never replace it). */
  source: string;
}

/** What "Compare with Published Version" compares the connector with. */
export type CompareBase =
  /** A git revision (undefined: the setting connectorStudio.breakingChanges.base, else merge base with origin/main, else HEAD). */
  | { kind: 'git'; ref?: string }
  /** Another folder: a checkout, or the copy a `pac connector download` / `paconn download` brings. */
  | { kind: 'folder'; folder: string };

export interface CompareReportParams {
  /** The connector: its definition's (or any of its files') URI. */
  uri: string;
  base: CompareBase;
}

export interface WireRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** One breaking-change finding, positioned in the current file. */
export interface WireChange {
  ruleId: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  fix: string;
  uri: string;
  range: WireRange;
  operationId?: string;
  before?: string;
  after?: string;
  valuePath?: string;
}

export interface CompareReportResult {
  /** What was compared with, for people ("HEAD", "a1b2c3d", a folder path). */
  baseLabel: string;
  definitionUri?: string;
  findings: WireChange[];
  changedOperations: { operationId: string; status: 'added' | 'changed'; uri: string; range: WireRange }[];
  truncated: boolean;
  /** Why nothing was compared (no base, not a repository, a definition that does not parse). */
  problem?: string;
}

/** Every custom request: method -> params and result. */
export interface ConnectorStudioRequests {
  'connectorStudio/compareReport': { params: CompareReportParams; result: CompareReportResult };
  'connectorStudio/readiness': { params: ReadinessParams; result: ReadinessReport };
  'connectorStudio/detect': { params: DetectParams; result: DetectResult };
  'connectorStudio/importPlan': { params: ImportPlanParams; result: ImportPlanResult };
  'connectorStudio/openApiImportPlan': { params: OpenApiImportParams; result: OpenApiImportResult };
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
