// Rule family 4 (x-ms extensions), MCP connectors for Copilot Studio: see docs/rules.md, section
// "x-ms-agentic-protocol (MCP connectors)". A connector operation that carries
// `x-ms-agentic-protocol: mcp-streamable-1.0` is the endpoint Copilot Studio speaks JSON-RPC 2.0 to.
import { isObject } from '../languageService/connectorIndex';
import { AGENTIC_PROTOCOL_KEY, AGENTIC_PROTOCOL_VALUES, RETIRED_AGENTIC_PROTOCOL_VALUES } from '../../../shared/src/mcp/agenticProtocol';
import type { Rule } from './types';
import { walkSwagger } from './util/swaggerWalk';
import { isInternal } from './util/visibility';
import { editDistance } from './xmsExtensionsMetadata';

const verb = (m: string, p: string) => `${m.toUpperCase()} ${p}`;
const KIND_NAMES: Record<string, string> = {
  root: 'the document root',
  info: 'info',
  pathItem: 'a path item',
  parameter: 'a parameter',
  response: 'a response',
  header: 'a response header',
  schema: 'a schema',
  securityScheme: 'a security definition',
  notificationContent: 'x-ms-notification-content',
  other: 'this object',
};

/** The known value a wrong one most likely means (case, a small typo). */
function suggestValue(value: string): string | undefined {
  const lower = value.trim().toLowerCase();
  for (const known of AGENTIC_PROTOCOL_VALUES) if (known === lower || editDistance(lower, known, 3) <= 3) return known;
  // "mcp-streamable", "streamable-http", "mcp": clearly meant as MCP over streamable HTTP.
  if (/mcp|streamable/.test(lower)) return AGENTIC_PROTOCOL_VALUES[0];
  return undefined;
}

const protocolValue: Rule = {
  ids: ['mcp-protocol-value'],
  check({ index, report }) {
    for (const use of walkSwagger(index.definitionValue).extensionsByKey.get(AGENTIC_PROTOCOL_KEY) ?? []) {
      const v = use.value;
      const known = AGENTIC_PROTOCOL_VALUES.map((k) => `"${k}"`).join(', ');
      if (typeof v === 'string' && AGENTIC_PROTOCOL_VALUES.includes(v)) continue;
      let message: string;
      if (typeof v !== 'string') message = `${AGENTIC_PROTOCOL_KEY} must be a string; Copilot Studio knows ${known}. Write "${AGENTIC_PROTOCOL_VALUES[0]}".`;
      else if (RETIRED_AGENTIC_PROTOCOL_VALUES[v.trim().toLowerCase()] !== undefined) message = `${AGENTIC_PROTOCOL_KEY} "${v}" is retired: ${RETIRED_AGENTIC_PROTOCOL_VALUES[v.trim().toLowerCase()]}. Use "${AGENTIC_PROTOCOL_VALUES[0]}" and serve MCP over streamable HTTP.`;
      else {
        const s = suggestValue(v);
        message = `Unknown ${AGENTIC_PROTOCOL_KEY} value "${v}"; Copilot Studio knows ${known} and shows an agent no tools from this operation.${s ? ` Did you mean "${s}"?` : ''}`;
      }
      report({ ruleId: 'mcp-protocol-value', pointer: use.pointer, target: 'value', message });
    }
  },
};

const protocolPosition: Rule = {
  ids: ['mcp-protocol-position'],
  check({ index, report }) {
    for (const use of walkSwagger(index.definitionValue).extensionsByKey.get(AGENTIC_PROTOCOL_KEY) ?? []) {
      if (use.node.kind === 'operation' || use.node.kind === 'extension') continue;
      const where = KIND_NAMES[use.node.kind] ?? 'this object';
      report({
        ruleId: 'mcp-protocol-position',
        pointer: use.pointer,
        message: `${AGENTIC_PROTOCOL_KEY} on ${where} is ignored: it belongs on the POST operation Copilot Studio calls (for example paths./mcp.post). Move it there.`,
      });
    }
  },
};

const mcpOperations = (index: Parameters<Rule['check']>[0]['index']) => index.operations.filter((op) => AGENTIC_PROTOCOL_KEY in op.operation);

const operationPost: Rule = {
  ids: ['mcp-operation-post'],
  check({ index, report }) {
    for (const op of mcpOperations(index)) {
      if (op.method === 'post') continue;
      report({ ruleId: 'mcp-operation-post', pointer: op.pointer, message: `${verb(op.method, op.path)} carries ${AGENTIC_PROTOCOL_KEY}, but Copilot Studio sends MCP's JSON-RPC messages with POST; make it a post operation (e.g. POST ${op.path}).` });
    }
  },
};

function mimeList(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase().split(';')[0].trim()) : undefined;
}

const operationJson: Rule = {
  ids: ['mcp-operation-json'],
  check({ index, report }) {
    const root = index.definitionValue ?? {};
    for (const op of mcpOperations(index)) {
      for (const field of ['consumes', 'produces'] as const) {
        const own = mimeList(op.operation[field]);
        const list = own ?? mimeList(root[field]);
        if (list === undefined || list.length === 0 || list.includes('application/json')) continue;
        report({
          ruleId: 'mcp-operation-json',
          pointer: own ? `${op.pointer}/${field}` : `/${field}`,
          target: 'value',
          message: `${verb(op.method, op.path)} is an MCP operation but ${field} does not list application/json; JSON-RPC ${field === 'consumes' ? 'requests' : 'responses'} are JSON. Add "application/json".`,
        });
      }
      const responses = op.operation.responses;
      if (!isObject(responses)) continue; // operation-responses-required reports it
      const ok = Object.entries(responses).some(([code, r]) => (/^2\d\d$/.test(code) || code === 'default') && isObject(r) && isObject(r.schema));
      if (!ok) {
        report({ ruleId: 'mcp-operation-json', pointer: `${op.pointer}/responses`, message: `${verb(op.method, op.path)} is an MCP operation whose success response has no schema; declare the JSON-RPC answer (an object with jsonrpc, id, result, error) under responses.200.schema.` });
      }
    }
  },
};

const operationVisibility: Rule = {
  ids: ['mcp-operation-visibility'],
  check({ index, report }) {
    for (const op of mcpOperations(index)) {
      if (!isInternal(op.operation)) continue;
      report({ ruleId: 'mcp-operation-visibility', pointer: `${op.pointer}/x-ms-visibility`, target: 'value', message: `${verb(op.method, op.path)} is the MCP server of this connector but is marked internal, so makers cannot add it to an agent; remove x-ms-visibility or use "important". Give it a summary and a description like any visible operation.` });
    }
  },
};

export const rules: Rule[] = [protocolValue, protocolPosition, operationPost, operationJson, operationVisibility];
