// Rule family 3 (responses): see docs/rules.md, section "Responses".
import { isObject, type JsonObject, type OperationEntry } from '../languageService/connectorIndex';
import type { Rule } from './types';
import { encodePointerToken, followRefs } from '../../../shared/src/swagger/pointer';

interface ResponseEntry {
  code: string;
  /** Resolved response object. */
  response: JsonObject;
  /** Pointer of the response key in the operation. */
  pointer: string;
  /** Pointer of the resolved response (differs for `$ref` responses). */
  targetPointer: string;
}

function responsesOf(root: unknown, op: OperationEntry): ResponseEntry[] {
  const responses = op.operation.responses;
  if (!isObject(responses)) return [];
  const out: ResponseEntry[] = [];
  for (const [code, raw] of Object.entries(responses)) {
    if (code.startsWith('x-') || !isObject(raw)) continue;
    let response = raw;
    let targetPointer = `${op.pointer}/responses/${encodePointerToken(code)}`;
    const pointer = targetPointer;
    if (typeof raw.$ref === 'string') {
      const t = followRefs(root, raw, pointer);
      if (t && isObject(t.value)) {
        response = t.value;
        targetPointer = t.pointer;
      }
    }
    out.push({ code, response, pointer, targetPointer });
  }
  return out;
}

const label = (op: OperationEntry) => `${op.method.toUpperCase()} ${op.path}`;

const responsesPresence: Rule = {
  ids: ['operation-responses-required', 'operation-responses-empty', 'operation-success-response', 'response-code-valid'],
  check({ index, report }) {
    for (const op of index.operations) {
      const responses = op.operation.responses;
      const codes = isObject(responses) ? Object.keys(responses).filter((c) => !c.startsWith('x-')) : [];
      if (!isObject(responses)) {
        report({ ruleId: 'operation-responses-required', pointer: op.pointer, message: `${label(op)} has no "responses" object; add one with at least the success response, e.g. "responses": { "200": { "description": "OK" } }.` });
        continue;
      }
      if (codes.length === 0) {
        // Accepted by Microsoft (webhook callbacks of accepted connectors declare "responses": {}).
        report({ ruleId: 'operation-responses-empty', pointer: `${op.pointer}/responses`, message: `${label(op)} lists no response; add at least the success response, e.g. "200": { "description": "OK" }, so makers know what it returns.` });
        continue;
      }
      if (!codes.some((c) => /^2(\d\d|XX)$/i.test(c))) {
        report({ ruleId: 'operation-success-response', pointer: `${op.pointer}/responses`, message: `${label(op)} defines no 2xx response (only ${codes.join(', ')}); add the success response, e.g. "200".` });
      }
      for (const c of codes) {
        if (c === 'default' || /^[1-5]\d\d$/.test(c)) continue;
        report({ ruleId: 'response-code-valid', pointer: `${op.pointer}/responses/${encodePointerToken(c)}`, message: `Response key "${c}" of ${label(op)} is not a three-digit HTTP status code or "default".` });
      }
    }
  },
};

const responseObjects: Rule = {
  ids: ['response-description-required', 'default-response-no-schema', 'operation-multiple-response-schemas', 'response-headers-unique', 'response-example-mime', 'response-schema-not-empty'],
  check({ index, report }) {
    const root = index.definitionValue;
    const rootProduces = root?.produces;
    for (const op of index.operations) {
      const entries = responsesOf(root, op);
      // Error responses with schemas are harmless; the designer picks one success schema.
      const withSchema = entries.filter((e) => /^2\d\d$/.test(e.code) && e.response.schema !== undefined);
      if (withSchema.length > 1) {
        report({ ruleId: 'operation-multiple-response-schemas', pointer: withSchema[1].pointer, message: `${label(op)} defines schemas on responses ${withSchema.map((e) => e.code).join(', ')}; the designer uses only one success schema. Keep it on the main success response.` });
      }
      const produces = Array.isArray(op.operation.produces) ? op.operation.produces : Array.isArray(rootProduces) ? rootProduces : undefined;
      const isTrigger = op.operation['x-ms-trigger'] !== undefined;
      for (const e of entries) {
        const r = e.response;
        if (typeof r.description !== 'string') {
          // A shared (#/responses/x) response is reported once, where it is defined.
          const who = e.targetPointer !== e.pointer ? `Shared response "${e.targetPointer.split('/').pop()}"` : `Response "${e.code}" of ${label(op)}`;
          report({ ruleId: 'response-description-required', pointer: e.targetPointer, message: `${who} has no description; add one, e.g. "description": "OK".` });
        }
        // An empty placeholder `{}` defines nothing; Microsoft's message is about a schema definition.
        if (e.code === 'default' && r.schema !== undefined && !(isObject(r.schema) && Object.keys(r.schema).length === 0)) {
          report({ ruleId: 'default-response-no-schema', pointer: `${e.targetPointer}/schema`, message: `The 'default' response should not have schema definition. Schemas should be defined on expected responses only. Move the schema of ${label(op)}'s default response to the expected status code (e.g. "200").` });
        }
        if (isObject(r.headers)) {
          const seen = new Map<string, string>();
          for (const h of Object.keys(r.headers)) {
            const prior = seen.get(h.toLowerCase());
            if (prior !== undefined) report({ ruleId: 'response-headers-unique', pointer: `${e.targetPointer}/headers/${encodePointerToken(h)}`, message: `Header "${h}" repeats "${prior}" (header names ignore case); keep one.` });
            else seen.set(h.toLowerCase(), h);
          }
        }
        if (isObject(r.examples) && produces) {
          const allowed = new Set(produces.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase().split(';')[0].trim()));
          for (const mime of Object.keys(r.examples)) {
            if (allowed.has(mime.toLowerCase().split(';')[0].trim())) continue;
            report({ ruleId: 'response-example-mime', pointer: `${e.targetPointer}/examples/${encodePointerToken(mime)}`, message: `Example media type "${mime}" is not produced by ${label(op)} (produces: ${[...allowed].join(', ') || 'none'}); add it to "produces" or fix the key.` });
          }
        }
        if (!isTrigger && /^2\d\d$/.test(e.code) && isObject(r.schema) && isEmptySchema(root, r.schema)) {
          report({ ruleId: 'response-schema-not-empty', pointer: `${e.targetPointer}/schema`, message: `Response "${e.code}" of ${label(op)} has an empty schema; describe the returned properties (or use x-ms-dynamic-schema).` });
        }
      }
    }
  },
};

/** A schema that says nothing about the payload: {} or an object without properties. */
function isEmptySchema(root: unknown, schema: JsonObject): boolean {
  const s = followRefs(root, schema, '')?.value;
  if (!isObject(s)) return false;
  if (s['x-ms-dynamic-schema'] !== undefined || s['x-ms-dynamic-properties'] !== undefined) return false;
  const meaningful = ['properties', 'items', 'allOf', 'anyOf', 'oneOf', 'additionalProperties', 'enum', 'format', '$ref'];
  if (meaningful.some((k) => s[k] !== undefined)) return false;
  if (s.type !== undefined && s.type !== 'object') return false;
  return true;
}

export const rules: Rule[] = [responsesPresence, responseObjects];
