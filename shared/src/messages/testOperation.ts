/**
 * Message protocol between the Test Operation webview and the extension host. The webview
 * posts `ready` once its script runs; the host answers with `init` and only then sends
 * anything else. Nothing in these messages is secret: requests are redacted before they
 * are posted, connections are listed by id and name only.
 */

import { TRIGGER_HOST_TYPES, TRIGGER_WEBVIEW_TYPES, type TriggerHostToWebview, type TriggerWebviewToHost } from './triggers';

export type ParamLocation = 'path' | 'query' | 'header' | 'formData' | 'body';
/** x-ms-visibility; parameters without one are 'none' (shown, after the important ones). */
export type Visibility = 'important' | 'none' | 'advanced' | 'internal';

/** How a dynamic-values dropdown is filled: the referenced operation and how to read its answer. */
export interface DynamicValuesSpec {
  operationId: string;
  /** Parameter name of the referenced operation -> a literal value or another field of this form. */
  parameters: Record<string, { value: unknown } | { field: string }>;
  /** Slash path to the array in the response ('' = the body itself). */
  collection: string;
  valuePath: string;
  titlePath: string;
}

export interface FormField {
  /** `${in}:${name}`, unique within an operation. */
  key: string;
  name: string;
  in: ParamLocation;
  /** x-ms-summary, else the name. */
  label: string;
  description?: string;
  required: boolean;
  visibility: Visibility;
  /** Swagger type ('string', 'integer', 'number', 'boolean', 'array', 'file'). */
  type: string;
  format?: string;
  itemsType?: string;
  collectionFormat?: string;
  enum?: string[];
  /** Default as text, pre-filled in the input. */
  default?: string;
  /** Secret-looking (format password, credential names): never stored in history. */
  secret: boolean;
  dynamic?: DynamicValuesSpec;
}

export interface BodyField {
  key: string;
  name: string;
  label: string;
  description?: string;
  required: boolean;
  /** Sample generated from the body schema (pretty JSON), '' when there is no schema. */
  sample: string;
  /** True when a schema exists to check the text against. */
  hasSchema: boolean;
}

export interface FormModel {
  operationId: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  /** Visible fields, important first, then normal, then advanced. */
  fields: FormField[];
  /** Internal parameters: hidden, sent with their default. */
  internal: Array<{ name: string; in: ParamLocation; default?: string }>;
  body?: BodyField;
  /** scheme://host/basePath the request goes to, for display. */
  target: string;
  /**
   * Where requests go instead when the host field is empty: the entry of the setting
   * connectorStudio.testOperation.hostOverrides for the definition's host ("host:port" or URL).
   */
  settingHostOverride?: string;
  /** Declared content types of the response. */
  produces: string[];
}

export interface ConnectionOption {
  id: string;
  name: string;
  /** Kind and status, for the dropdown's description. */
  detail: string;
}

export interface ShownRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Body text (redacted), or a summary for binary bodies; cut at a display limit. */
  body?: string;
}

export interface ShownBody {
  kind: 'json' | 'xml' | 'text' | 'image' | 'binary' | 'empty';
  text?: string;
  dataUri?: string;
  summary: string;
  parseError?: string;
  /** The text was cut for display (the body itself may also be truncated). */
  displayCut?: boolean;
}

export interface PolicyLine {
  templateId: string;
  title?: string;
  status: 'applied' | 'skipped' | 'not-emulated' | 'failed';
  message: string;
}

export interface SchemaLine {
  path: string;
  message: string;
}

export interface ShownResponse {
  status: number;
  statusText: string;
  timeMs: number;
  size: number;
  sizeText: string;
  truncated: boolean;
  headers: Record<string, string>;
  body: ShownBody;
  redirects: Array<{ status: number; location: string }>;
  /** Set when the body is not of a declared content type. */
  contentTypeProblem?: string;
  schema: { checked: boolean; valid: boolean; responseKey?: string; reason?: string; mismatches: SchemaLine[] };
  /** A JSON body from which a response schema can be inferred. */
  canUpdateSchema: boolean;
}

export type RunStage = 'form' | 'build' | 'connection' | 'policies' | 'send';

export type RunResult =
  | { ok: true; runId: number; request: ShownRequest; response: ShownResponse; policies: PolicyLine[]; responsePolicies: PolicyLine[]; connectionNote?: string }
  | {
      ok: false;
      runId: number;
      stage: RunStage;
      /** SendErrorKind for stage 'send' (timeout, connection-refused, ...). */
      kind: string;
      message: string;
      request?: ShownRequest;
      policies?: PolicyLine[];
      timeMs?: number;
      redirects?: Array<{ status: number; location: string }>;
    };

export interface HistorySummary {
  id: string;
  at: number;
  /** "200 OK · 12 ms" or "timeout". */
  outcome: string;
  ok: boolean;
  connectionName?: string;
}

export type HostToWebview =
  | { type: 'init'; form: FormModel; connections: ConnectionOption[]; connectionId?: string; history: HistorySummary[]; timeoutMs: number }
  | { type: 'form'; form: FormModel }
  | { type: 'connections'; connections: ConnectionOption[]; connectionId?: string }
  /** Whether self-signed certificates are accepted for the selected connection (an explicit opt-in). */
  | { type: 'selfSigned'; allowed: boolean }
  | { type: 'sending'; runId: number }
  | { type: 'result'; result: RunResult }
  | { type: 'dynamicValues'; key: string; options?: Array<{ value: string; title: string }>; error?: string }
  | { type: 'bodyCheck'; problems: string[] }
  | { type: 'history'; entries: HistorySummary[] }
  | { type: 'fill'; values: Record<string, string>; bodyText?: string; connectionId?: string; hostOverride?: string }
  | { type: 'notice'; level: 'info' | 'error'; message: string }
  | TriggerHostToWebview;

export interface SendPayload {
  values: Record<string, string>;
  bodyText?: string;
  connectionId?: string;
  /** "host:port" or an absolute URL replacing the definition's host for this run. */
  hostOverride?: string;
}

export type WebviewToHost =
  /** restoredRunId: the run whose result the webview restored from getState() after being hidden. */
  | { type: 'ready'; restoredRunId?: number }
  | ({ type: 'send' } & SendPayload)
  | { type: 'cancel' }
  | { type: 'loadDynamicValues'; key: string; values: Record<string, string>; connectionId?: string; hostOverride?: string }
  | { type: 'checkBody'; bodyText: string }
  | { type: 'updateSchema' }
  | { type: 'copyCurl'; redacted: boolean }
  | { type: 'rerun'; id: string }
  | { type: 'compare'; ids: [string, string] }
  | { type: 'clearHistory' }
  | { type: 'selectConnection'; connectionId?: string }
  | { type: 'manageConnections' }
  | { type: 'allowSelfSigned'; allow: boolean; connectionId?: string }
  | TriggerWebviewToHost;

/** Webview state kept by acquireVsCodeApi().setState (survives the panel being hidden). */
export interface TestOperationViewState {
  values: Record<string, string>;
  bodyText?: string;
  connectionId?: string;
  hostOverride?: string;
  result?: RunResult;
  advancedOpen?: boolean;
}

const HOST_TYPES = new Set<string>(['init', 'form', 'connections', 'selfSigned', 'sending', 'result', 'dynamicValues', 'bodyCheck', 'history', 'fill', 'notice', ...TRIGGER_HOST_TYPES]);
const WEBVIEW_TYPES = new Set<string>([
  ...TRIGGER_WEBVIEW_TYPES,
  'ready',
  'send',
  'cancel',
  'loadDynamicValues',
  'checkBody',
  'updateSchema',
  'copyCurl',
  'rerun',
  'compare',
  'clearHistory',
  'selectConnection',
  'manageConnections',
  'allowSelfSigned',
]);

export function isWebviewToHost(value: unknown): value is WebviewToHost {
  return !!value && typeof value === 'object' && WEBVIEW_TYPES.has(String((value as { type?: unknown }).type));
}

export function isHostToWebview(value: unknown): value is HostToWebview {
  return !!value && typeof value === 'object' && HOST_TYPES.has(String((value as { type?: unknown }).type));
}
