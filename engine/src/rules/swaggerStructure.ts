// Rule family 2 (Swagger 2.0 structure), "Root and info": see docs/rules.md, section 2.
// The generic schema-shape rules (json-type-incorrect, ...) come from the schema validator in
// swaggerSchema.ts; host/scheme/media-type rules live in swaggerHost.ts.
import { isObject, type JsonObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import { stepPath, type ValueStep } from '../languageService/valueSteps';
import type { Rule } from './types';

const swaggerVersion: Rule = {
  ids: ['swagger-version'],
  check({ definition, report }) {
    const def = definition?.value;
    if (!isObject(def) || 'openapi' in def) return; // openapi3-not-supported says it better
    if (!('swagger' in def)) {
      report({ ruleId: 'swagger-version', pointer: '', message: 'The definition has no "swagger" member: add "swagger": "2.0" at the root (custom connectors use OpenAPI 2.0).' });
    } else if (def.swagger !== '2.0') {
      const shown = JSON.stringify(def.swagger);
      const hint = def.swagger === 2 || def.swagger === 2.0 ? ' Write it as the string "2.0", not a number.' : '';
      report({ ruleId: 'swagger-version', pointer: '/swagger', target: 'value', message: `"swagger" is ${shown}; it must be the string "2.0".${hint}` });
    }
  },
};

const openapi3NotSupported: Rule = {
  ids: ['openapi3-not-supported'],
  check({ definition, index, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    const msg = 'custom connectors import OpenAPI 2.0 (Swagger) only; convert the definition to Swagger 2.0.';
    if ('openapi' in def) {
      report({ ruleId: 'openapi3-not-supported', pointer: '/openapi', message: `This is an OpenAPI ${typeof def.openapi === 'string' ? def.openapi : '3.x'} document: ${msg}` });
      return;
    }
    for (const key of ['components', 'servers']) {
      if (key in def) report({ ruleId: 'openapi3-not-supported', pointer: `/${key}`, message: `"${key}" is an OpenAPI 3 keyword: ${msg}` });
    }
    for (const op of index.operations) {
      if ('requestBody' in op.operation) report({ ruleId: 'openapi3-not-supported', pointer: `${op.pointer}/requestBody`, message: `"requestBody" is OpenAPI 3: in Swagger 2.0 declare a parameter with "in": "body" and a "schema".` });
    }
  },
};

const pathsRequired: Rule = {
  ids: ['paths-required'],
  check({ definition, report }) {
    const def = definition?.value;
    if (!isObject(def) || 'openapi' in def) return;
    if (!('paths' in def)) report({ ruleId: 'paths-required', pointer: '', message: 'The definition has no "paths" object: add "paths": { } with the connector\'s operations.' });
  },
};

const infoRequired: Rule = {
  ids: ['info-required'],
  check({ definition, report }) {
    const def = definition?.value;
    if (!isObject(def) || 'openapi' in def) return;
    if (!('info' in def)) {
      report({ ruleId: 'info-required', pointer: '', message: 'The definition has no "info" object: add "info" with "title" and "version".' });
      return;
    }
    const info = def.info;
    if (!isObject(info)) return; // json-type-incorrect
    for (const key of ['title', 'version']) {
      if (!(key in info)) report({ ruleId: 'info-required', pointer: '/info', message: `"info" has no "${key}": add a non-empty "${key}".` });
    }
    if (isObject(info.license) && !('name' in info.license)) report({ ruleId: 'info-required', pointer: '/info/license', message: '"info.license" has no "name": add the license name.' });
  },
};

const infoDescriptionRequired: Rule = {
  ids: ['info-description-required'],
  check({ definition, report }) {
    const def = definition?.value;
    if (!isObject(def) || !isObject(def.info)) return;
    const d = def.info.description;
    if (d === undefined) report({ ruleId: 'info-description-required', pointer: '/info', message: `The 'description' property is required. "info" has no "description": describe the connector for makers (30 to 500 characters for certification).` });
    else if (typeof d === 'string' && d.trim() === '') report({ ruleId: 'info-description-required', pointer: '/info/description', target: 'value', message: `The 'description' property is required. "info.description" is empty: describe the connector for makers.` });
  },
};

const requiredValueEmpty: Rule = {
  ids: ['required-value-empty'],
  check({ definition, index, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    const empty = (v: unknown) => typeof v === 'string' && v.trim() === '';
    // A body parameter's name is never sent: a whitespace name (" ") is accepted by Microsoft; only "" is empty.
    const emptyName = (p: Record<string, unknown>) => (p.in === 'body' ? p.name === '' : empty(p.name));
    const flag = (path: (string | number)[], what: string) => report({ ruleId: 'required-value-empty', pointer: pathToPointer(path), target: 'value', message: `${what} is empty: give it a value (whitespace does not count).` });
    if (isObject(def.info)) {
      if (empty(def.info.title)) flag(['info', 'title'], '"info.title"');
      if (empty(def.info.version)) flag(['info', 'version'], '"info.version"');
    }
    const checkParams = (params: unknown, base: (string | number)[]) => {
      if (!Array.isArray(params)) return;
      params.forEach((p, i) => {
        if (isObject(p) && emptyName(p)) flag([...base, i, 'name'], 'The parameter name');
      });
    };
    if (isObject(def.parameters)) for (const [k, p] of Object.entries(def.parameters)) if (isObject(p) && emptyName(p)) flag(['parameters', k, 'name'], `The name of shared parameter "${k}"`);
    if (isObject(def.paths)) for (const [p, item] of Object.entries(def.paths)) if (isObject(item)) checkParams(item.parameters, ['paths', p, 'parameters']);
    for (const op of index.operations) {
      const base = ['paths', op.path, op.method];
      if (empty(op.operation.operationId)) flag([...base, 'operationId'], `The operationId of ${op.method.toUpperCase()} ${op.path}`);
      // Response descriptions are not included: accepted connectors leave them empty (response-description-required covers them).
      checkParams(op.operation.parameters, [...base, 'parameters']);
    }
  },
};

const arrayUniqueValues: Rule = {
  ids: ['array-unique-values'],
  check({ definition, index, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    const checkList = (arr: unknown, path: (string | number)[], what: string) => {
      if (!Array.isArray(arr)) return;
      const seen = new Set<string>();
      arr.forEach((v, i) => {
        const key = JSON.stringify(v);
        if (seen.has(key)) report({ ruleId: 'array-unique-values', pointer: pathToPointer([...path, i]), target: 'value', message: `${what} lists ${key} twice: remove the duplicate.` });
        seen.add(key);
      });
    };
    for (const k of ['schemes', 'consumes', 'produces']) checkList(def[k], [k], `"${k}"`);
    for (const op of index.operations) {
      const base = ['paths', op.path, op.method];
      for (const k of ['schemes', 'consumes', 'produces', 'tags']) checkList(op.operation[k], [...base, k], `"${k}" of ${op.method.toUpperCase()} ${op.path}`);
    }
    if (Array.isArray(def.tags)) {
      const seen = new Set<string>();
      def.tags.forEach((t, i) => {
        if (!isObject(t) || typeof t.name !== 'string') return;
        if (seen.has(t.name)) report({ ruleId: 'array-unique-values', pointer: pathToPointer(['tags', i, 'name']), target: 'value', message: `Tag "${t.name}" is defined twice in "tags": define each tag once.` });
        seen.add(t.name);
      });
    }
    // enum and schema `required` arrays anywhere in the document; a path is built only for the lists
    // checked (valueSteps.ts).
    const stack: ValueStep[] = [{ v: def }];
    while (stack.length) {
      const step = stack.pop()!;
      const v = step.v;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null) stack.push({ v: v[i], key: i, parent: step });
        continue;
      }
      if (!isObject(v)) continue;
      const isSchemaMap = step.key === 'properties' || step.key === 'definitions';
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        const child = v[k];
        if (!isSchemaMap && k === 'enum') {
          if (Array.isArray(child) && child.length > 1) checkList(child, stepPath(step, [], k), '"enum"');
        } else if (!isSchemaMap && k === 'required' && Array.isArray(child)) {
          if (child.length > 1) checkList(child, stepPath(step, [], k), '"required"');
        } else if (!isSchemaMap && (k === 'x-ms-dynamic-values' || k === 'example' || k === 'x-example' || k === 'examples' || k === 'default' || k === 'x-ms-test-value')) continue;
        if (typeof child === 'object' && child !== null) stack.push({ v: child, key: k, parent: step });
      }
    }
  },
};

/** Media-type rules share the operation's effective consumes list. */
export function effectiveList(op: JsonObject, root: JsonObject, key: 'consumes' | 'produces' | 'schemes'): unknown[] | undefined {
  const own = op[key];
  if (Array.isArray(own)) return own;
  const inherited = root[key];
  return Array.isArray(inherited) ? inherited : undefined;
}

export const rules: Rule[] = [swaggerVersion, openapi3NotSupported, pathsRequired, infoRequired, infoDescriptionRequired, requiredValueEmpty, arrayUniqueValues];
