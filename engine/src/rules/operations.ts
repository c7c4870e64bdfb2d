// Rule family 3 (operations): see docs/rules.md, section "Operations".
import { isObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule } from './types';
import { effectiveParameters } from './util/parameters';
import { isInternal } from './util/visibility';

const verb = (m: string, p: string) => `${m.toUpperCase()} ${p}`;

const operationIdRequired: Rule = {
  ids: ['operation-id-required'],
  check({ index, report }) {
    for (const op of index.operations) {
      if (op.operation.operationId === undefined) {
        report({ ruleId: 'operation-id-required', pointer: op.pointer, message: `${verb(op.method, op.path)} has no operationId; every operation needs a unique one.` });
      } else if (typeof op.operation.operationId !== 'string' || op.operation.operationId.trim() === '') {
        report({ ruleId: 'operation-id-required', pointer: `${op.pointer}/operationId`, target: 'value', message: `${verb(op.method, op.path)} has an empty or non-string operationId; give it a unique name such as "GetItems".` });
      }
    }
  },
};

const operationIdUnique: Rule = {
  ids: ['operation-id-unique', 'operation-id-case-duplicate'],
  check({ index, report }) {
    for (const [id, ops] of index.operationsById) {
      if (ops.length < 2) continue;
      for (const op of ops.slice(1)) {
        const first = ops[0];
        report({ ruleId: 'operation-id-unique', pointer: `${op.pointer}/operationId`, target: 'value', message: `operationId "${id}" is already used by ${verb(first.method, first.path)}.` });
      }
    }
    // Ids that differ only by case collide in case-insensitive tooling (SDKs, Flow designer lookups).
    const byLower = new Map<string, string>();
    for (const [id, ops] of index.operationsById) {
      const lower = id.toLowerCase();
      const prior = byLower.get(lower);
      if (prior === undefined) {
        byLower.set(lower, id);
        continue;
      }
      const first = index.operationsById.get(prior)![0];
      for (const op of ops) {
        report({ ruleId: 'operation-id-case-duplicate', pointer: `${op.pointer}/operationId`, target: 'value', message: `operationId "${id}" differs only by case from "${prior}" (${verb(first.method, first.path)}); rename one of them.` });
      }
    }
  },
};

const operationIdSanitized: Rule = {
  ids: ['operation-id-sanitized', 'operation-id-too-long'],
  check({ index, report, options }) {
    for (const op of index.operations) {
      const id = op.operationId;
      if (id === undefined || id === '') continue;
      if (!/^[A-Za-z0-9_]+$/.test(id)) {
        const suggestion = id.replace(/[^A-Za-z0-9_]+/g, '_');
        report({ ruleId: 'operation-id-sanitized', pointer: `${op.pointer}/operationId`, target: 'value', message: `operationId "${id}" contains characters other than letters, digits and underscores; the platform sanitizes it to a different id. Use e.g. "${suggestion}".` });
      }
      if (id.length > options.maxOperationIdLength) {
        report({ ruleId: 'operation-id-too-long', pointer: `${op.pointer}/operationId`, target: 'value', message: `operationId "${id.slice(0, 40)}…" is ${id.length} characters long; keep it at most ${options.maxOperationIdLength}.` });
      }
    }
  },
};

const summaryDescription: Rule = {
  ids: ['operation-summary-required', 'operation-description-required'],
  check({ index, report }) {
    for (const op of index.operations) {
      // Internal operations (webhook deletes, dynamic-value helpers) are never shown to makers;
      // accepted certified connectors leave their summary and description out.
      if (isInternal(op.operation)) continue;
      for (const [field, ruleId] of [['summary', 'operation-summary-required'], ['description', 'operation-description-required']] as const) {
        const v = op.operation[field];
        if (typeof v === 'string' && v.trim() !== '') continue;
        const present = v !== undefined;
        report({
          ruleId,
          pointer: present ? `${op.pointer}/${field}` : op.pointer,
          target: present ? 'value' : 'key',
          message: `The '${field}' property is required. ${verb(op.method, op.path)} ${present ? `has an empty ${field}` : `has no ${field}`}; add a ${field === 'summary' ? 'short summary (shown as the action name)' : 'description of what the operation does'}.`,
        });
      }
    }
  },
};

const pathItemEmpty: Rule = {
  ids: ['path-item-empty'],
  check({ index, report }) {
    const paths = index.definitionValue?.paths;
    if (!isObject(paths)) return;
    const withOps = new Set(index.operations.map((o) => o.path));
    for (const [p, item] of Object.entries(paths)) {
      if (p.startsWith('x-') || withOps.has(p)) continue;
      if (!isObject(item)) continue;
      report({ ruleId: 'path-item-empty', pointer: pathToPointer(['paths', p]), message: `Path "${p}" defines no operation; add one (get, post, put, patch, delete...) or remove the path.` });
    }
  },
};

const getNoBody: Rule = {
  ids: ['get-no-body'],
  check({ index, report }) {
    for (const op of index.operations) {
      if (op.method !== 'get') continue;
      for (const p of effectiveParameters(index.definitionValue, op)) {
        if (p.in !== 'body' && p.in !== 'formData') continue;
        report({ ruleId: 'get-no-body', pointer: p.pointer, message: `GET ${op.path} has a ${p.in} parameter${p.name ? ` "${p.name}"` : ''}; GET requests cannot carry a body. Use query parameters or change the method to POST.` });
      }
    }
  },
};

const parameterNameReserved: Rule = {
  ids: ['parameter-name-reserved'],
  check({ index, report }) {
    for (const op of index.operations) {
      for (const p of effectiveParameters(index.definitionValue, op)) {
        if (p.name === undefined || p.name.toLowerCase() !== 'connectionid') continue;
        report({ ruleId: 'parameter-name-reserved', pointer: `${p.targetPointer}/name`, target: 'value', message: `Parameter name "${p.name}" is reserved by the connector platform (it carries the connection); rename the parameter.` });
      }
    }
  },
};

export const rules: Rule[] = [operationIdRequired, operationIdUnique, operationIdSanitized, summaryDescription, pathItemEmpty, getNoBody, parameterNameReserved];
