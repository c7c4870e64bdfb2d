// Rule family 3 (operations): see docs/rules.md, section "Operations".
import type { Rule } from './types';

const operationIdRequired: Rule = {
  ids: ['operation-id-required'],
  check({ index, report }) {
    for (const op of index.operations) {
      if (op.operation.operationId === undefined) {
        report({ ruleId: 'operation-id-required', pointer: op.pointer, message: `${op.method.toUpperCase()} ${op.path} has no operationId; every operation needs a unique one.` });
      }
    }
  },
};

const operationIdUnique: Rule = {
  ids: ['operation-id-unique'],
  check({ index, report }) {
    for (const [id, ops] of index.operationsById) {
      if (ops.length < 2) continue;
      for (const op of ops.slice(1)) {
        const first = ops[0];
        report({ ruleId: 'operation-id-unique', pointer: `${op.pointer}/operationId`, target: 'value', message: `operationId "${id}" is already used by ${first.method.toUpperCase()} ${first.path}.` });
      }
    }
  },
};

export const rules: Rule[] = [operationIdRequired, operationIdUnique];
