// The normalized collection shape (what postman-collection's toJSON() gives for v2.0 and v2.1).
// Only the members the converter reads are typed.

export type Description = string | { content?: string; type?: string } | null | undefined;

export interface PmKeyValue {
  key?: string | null;
  value?: unknown;
  disabled?: boolean;
  description?: Description;
  type?: string;
  src?: unknown;
  contentType?: string;
}

export interface PmAuth {
  type?: string;
  [type: string]: unknown;
}

export interface PmEvent {
  listen?: string;
  disabled?: boolean;
  script?: { exec?: string[] | string; type?: string };
}

export interface PmUrl {
  protocol?: string;
  host?: string[];
  port?: string;
  path?: Array<string | { value?: string }>;
  query?: PmKeyValue[];
  variable?: PmKeyValue[];
  hash?: string;
}

export interface PmBody {
  mode?: string;
  raw?: string;
  urlencoded?: PmKeyValue[];
  formdata?: PmKeyValue[];
  file?: { src?: unknown; content?: string };
  graphql?: { query?: string; variables?: string };
  options?: { raw?: { language?: string } };
  disabled?: boolean;
}

export interface PmRequest {
  method?: string;
  url?: PmUrl;
  header?: PmKeyValue[];
  body?: PmBody;
  auth?: PmAuth | null;
  description?: Description;
}

export interface PmResponse {
  name?: string;
  code?: number;
  status?: string;
  header?: PmKeyValue[];
  body?: string;
  originalRequest?: PmRequest;
  _postman_previewlanguage?: string;
}

export interface PmItem {
  name?: string;
  description?: Description;
  request?: PmRequest;
  response?: PmResponse[];
  item?: PmItem[];
  auth?: PmAuth | null;
  event?: PmEvent[];
}

export interface PmCollection extends PmItem {
  info?: { name?: string; description?: Description; version?: unknown; schema?: string };
  variable?: PmKeyValue[];
}

export function descriptionText(d: Description): string {
  if (typeof d === 'string') return d.trim();
  if (d && typeof d === 'object' && typeof d.content === 'string') return d.content.trim();
  return '';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
