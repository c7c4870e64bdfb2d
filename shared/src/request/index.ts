/** Pure request core of "Test operation": build, decorate, apply policies, send, inspect. */
export * from './types';
export { buildRequest, BuildRequestError, isJsonContentType, type BuildOptions, type FileValue } from './buildRequest';
export { applyDecorations, type ConnectionDecorations } from './decorations';
export { applyPolicies, applyResponsePolicies, KNOWN_TEMPLATES } from './policies';
export type { PolicyContext, PolicyOutcome, PolicyResponse, PolicyTemplateInstance, PolicyStatus, RequestPolicyResult, ResponsePolicyResult } from './policies';
export { sendRequest, type SendOptions, type SendResult, type SendResponse, type SendError, type SendErrorKind, type RedirectHop } from './send';
export { classifyBody, renderBody, checkContentType, prettyXml, formatBytes, type BodyKind, type RenderedBody } from './responseBody';
export { checkResponseSchema, checkValueAgainstSchema, type SchemaCheckResult, type SchemaMismatch } from './schemaCheck';
export { redact, REDACTED } from './redact';
export { toCurl } from './curl';
export { findOperation, operationParameters } from './swagger';
export { getHeader, setHeader } from './headers';
export { withUrl } from './url';
export { hostOverrideFor } from './hostOverrides';
