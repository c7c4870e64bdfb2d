/**
 * Shapes shared by the request builder, policy emulation, sending and display helpers.
 * A request keeps its URL in parts (base URL, encoded path, query pairs) because policy
 * templates rewrite those parts separately (dynamichosturl replaces the base URL,
 * routerequesttoendpoint the path, setqueryparameter the query).
 */

export type HttpBody = string | Uint8Array;

export interface HttpRequest {
  /** Upper-case HTTP verb. */
  method: string;
  /** Full URL: baseUrl + path + '?' + query. Kept in sync by withUrl(). */
  url: string;
  /** scheme://host[:port] plus the base path, without a trailing slash. */
  baseUrl: string;
  /** Operation path with parameters substituted and encoded; starts with '/'. */
  path: string;
  /** Decoded query pairs in order; encoded when the URL is composed. */
  query: Array<[string, string]>;
  /** Header names keep their declared case; look-ups are case-insensitive (see headers.ts). */
  headers: Record<string, string>;
  body?: HttpBody;
  /** Content type of the body (also present as the Content-Type header). */
  contentType?: string;
  operationId?: string;
  /** Encoded path parameter values by name, for routerequesttoendpoint's {name} variables. */
  pathParams: Record<string, string>;
  /**
   * What must never be shown: header names (lower case), query names, and literal secret values
   * (e.g. a secret connection parameter a policy put into the path or body).
   */
  secrets: { headers: string[]; query: string[]; values?: string[] };
}

/** A minimal Swagger 2.0 view: only the fields this module reads. */
export interface SwaggerParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'formData' | 'body';
  required?: boolean;
  type?: string;
  format?: string;
  items?: { type?: string; collectionFormat?: string };
  collectionFormat?: 'csv' | 'ssv' | 'tsv' | 'pipes' | 'multi';
  default?: unknown;
  schema?: SwaggerSchema;
  'x-ms-visibility'?: string;
  'x-ms-url-encoding'?: 'single' | 'double';
  $ref?: string;
  [extension: string]: unknown;
}

export type SwaggerSchema = Record<string, unknown>;

export interface SwaggerResponse {
  description?: string;
  schema?: SwaggerSchema;
  $ref?: string;
  [extension: string]: unknown;
}

export interface SwaggerOperation {
  operationId?: string;
  consumes?: string[];
  produces?: string[];
  parameters?: SwaggerParameter[];
  responses?: Record<string, SwaggerResponse>;
  [extension: string]: unknown;
}

export interface SwaggerDocument {
  swagger?: string;
  host?: string;
  basePath?: string;
  schemes?: string[];
  consumes?: string[];
  produces?: string[];
  paths?: Record<string, Record<string, unknown>>;
  definitions?: Record<string, SwaggerSchema>;
  parameters?: Record<string, SwaggerParameter>;
  responses?: Record<string, SwaggerResponse>;
  [extension: string]: unknown;
}

export type OperationRef = string | { path: string; method: string };
