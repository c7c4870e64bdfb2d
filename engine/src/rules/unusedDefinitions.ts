// definition-unused: schemas under `definitions` no $ref points at (Connector Studio addition).
import { isObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule } from './types';
import { decodePointerToken } from '../../../shared/src/swagger/pointer';

export const rules: Rule[] = [
  {
    ids: ['definition-unused'],
    check({ index, report }) {
      const defs = index.definitionValue?.definitions;
      if (!isObject(defs)) return;
      const used = new Set<string>();
      for (const r of index.refs) {
        const m = /^#\/definitions\/(.+)$/.exec(r.ref);
        if (m) used.add(decodePointerToken(m[1]));
      }
      for (const name of Object.keys(defs)) {
        if (!used.has(name)) report({ ruleId: 'definition-unused', pointer: pathToPointer(['definitions', name]), message: `Definition "${name}" is not referenced by any $ref; remove it to keep the file small.` });
      }
    },
  },
];
