// Rule family 3 (paths): see docs/rules.md, section "Paths". Checks the keys under `paths`.
import { HTTP_METHODS, isObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule } from './types';

const keyPointer = (p: string) => pathToPointer(['paths', p]);

function pathKeys(def: unknown): string[] {
  if (!isObject(def) || !isObject(def.paths)) return [];
  return Object.keys(def.paths).filter((p) => !p.startsWith('x-'));
}

const pathShape: Rule = {
  ids: ['path-starts-with-slash', 'path-characters', 'path-template-valid', 'path-variable-no-default'],
  check({ index, report }) {
    for (const p of pathKeys(index.definitionValue)) {
      const pointer = keyPointer(p);
      if (!p.startsWith('/')) report({ ruleId: 'path-starts-with-slash', pointer, message: `Path "${p}" must start with "/"; use "/${p}".` });
      const bad = [...new Set(p.match(/[?#*]/g) ?? [])];
      if (bad.length) {
        report({ ruleId: 'path-characters', pointer, message: `Path "${p}" contains ${bad.map((c) => `"${c}"`).join(', ')}; paths cannot hold a query, fragment or wildcard. Move query values to parameters or percent-encode them (%3F, %23, %2A).` });
      }
      const problem = templateProblem(p);
      if (problem) report({ ruleId: 'path-template-valid', pointer, message: `Path "${p}": ${problem}` });
      for (const m of p.matchAll(/\{([^{}/]*)=([^{}/]*)\}/g)) {
        report({ ruleId: 'path-variable-no-default', pointer, message: `Path variable "{${m[1]}=${m[2]}}" in "${p}" carries a default; write "{${m[1]}}" and put the default on the parameter.` });
      }
    }
  },
};

/** Why a path template is malformed, or undefined when braces are balanced and each variable sits in one segment. */
export function templateProblem(p: string): string | undefined {
  let open = -1;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '{') {
      if (open >= 0) return `"{" at position ${i} opens a variable inside another; percent-encode a literal brace as %7B.`;
      open = i;
    } else if (c === '}') {
      if (open < 0) return `"}" at position ${i} has no matching "{"; percent-encode a literal brace as %7D.`;
      const name = p.slice(open + 1, i);
      if (name.trim() === '') return `empty variable "{}" at position ${open}; name it, e.g. "{id}".`;
      open = -1;
    } else if (c === '/' && open >= 0) {
      return `variable starting at position ${open} spans a "/"; each {name} must lie inside one path segment.`;
    }
  }
  return open >= 0 ? `"{" at position ${open} is never closed; close it or percent-encode it as %7B.` : undefined;
}

const pathCaseDuplicate: Rule = {
  ids: ['path-case-duplicate'],
  check({ index, report }) {
    const seen = new Map<string, string>();
    for (const p of pathKeys(index.definitionValue)) {
      const lower = p.toLowerCase();
      const prior = seen.get(lower);
      if (prior !== undefined) report({ ruleId: 'path-case-duplicate', pointer: keyPointer(p), message: `The path '${p}' is defined multiple times with different capitalization. Paths must be unique when compared case-insensitively. "${p}" differs only by case from "${prior}": merge their operations under one key.` });
      else seen.set(lower, p);
    }
  },
};

const VAR_SEGMENT = /^\{[^{}]*\}$/;

const duplicateOperationPath: Rule = {
  ids: ['duplicate-operation-path', 'partial-duplicate-operation-path'],
  check({ index, report }) {
    const def = index.definitionValue;
    if (!isObject(def) || !isObject(def.paths)) return;
    const keys = pathKeys(def);
    const segs = new Map(keys.map((p) => [p, p.split('/')]));
    // Which segments are variables, tested once per path (not once per pair compared).
    const vars = new Map(keys.map((p) => [p, segs.get(p)!.map((s) => VAR_SEGMENT.test(s))]));
    for (const method of HTTP_METHODS) {
      const withMethod = keys.filter((p) => isObject((def.paths as Record<string, unknown>)[p]) && isObject(((def.paths as Record<string, Record<string, unknown>>)[p])[method]));
      // Group by shape: same template with variable names erased is a full duplicate.
      const byShape = new Map<string, string>();
      for (const p of withMethod) {
        const shape = p.replace(/\{[^{}]*\}/g, '{}');
        const prior = byShape.get(shape);
        if (prior !== undefined && prior !== p) {
          report({ ruleId: 'duplicate-operation-path', pointer: pathToPointer(['paths', p, method]), message: `${method.toUpperCase()} "${p}" has the same route as "${prior}" (only variable names differ); the platform cannot tell them apart.` });
        } else byShape.set(shape, p);
      }
      // Partial duplicates: same length, every segment equal or variable-vs-static, at least one of the latter.
      const bySegCount = new Map<number, string[]>();
      for (const p of withMethod) {
        const n = segs.get(p)!.length;
        const group = bySegCount.get(n);
        if (group) group.push(p);
        else bySegCount.set(n, [p]);
      }
      for (const group of bySegCount.values()) {
        if (group.length < 2 || group.length > 2000) continue;
        for (let i = 0; i < group.length; i++) {
          const a = segs.get(group[i])!;
          const aVar = vars.get(group[i])!;
          for (let j = i + 1; j < group.length; j++) {
            const b = segs.get(group[j])!;
            const bVar = vars.get(group[j])!;
            let mixed = false;
            let ok = true;
            for (let k = 0; k < a.length && ok; k++) {
              const va = aVar[k];
              const vb = bVar[k];
              if (va && vb) continue;
              if (va !== vb) mixed = true;
              else if (a[k] !== b[k]) ok = false;
            }
            if (ok && mixed) {
              report({ ruleId: 'partial-duplicate-operation-path', pointer: pathToPointer(['paths', group[j], method]), message: `${method.toUpperCase()} "${group[j]}" overlaps "${group[i]}": a variable segment in one matches a fixed segment in the other, so routing depends on the value.` });
            }
          }
        }
      }
    }
  },
};

export const rules: Rule[] = [pathShape, pathCaseDuplicate, duplicateOperationPath];
