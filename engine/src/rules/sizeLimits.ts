// Rule family 10 (size and counts): see docs/rules.md, section 10 "Definition size and counts".
// Script rules are in script.ts.
import { isObject, type JsonObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import { countSchemas } from './schemaWalk';
import type { Rule } from './types';
import { decodePointerToken, encodePointerToken } from '../../../shared/src/swagger/pointer';

const definitionSize: Rule = {
  ids: ['definition-size'],
  check({ rawDefinition, options, report }) {
    // Runs on the raw text, even when the file does not parse.
    if (!rawDefinition) return;
    const bytes = Buffer.byteLength(rawDefinition.text, 'utf8');
    if (bytes > options.maxDefinitionBytes) {
      report({ ruleId: 'definition-size', offset: 0, length: 0, message: `The definition is ${formatBytes(bytes)}, over the ${formatBytes(options.maxDefinitionBytes)} limit: split the connector into several connectors or remove unused operations and schemas.` });
    }
  },
};

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(2)} MB (${n} bytes)`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB (${n} bytes)`;
  return `${n} bytes`;
}

export interface Expansion {
  count: number;
  depth: number;
}

const ZERO: Expansion = { count: 0, depth: 0 };
const LEAF: Expansion = { count: 1, depth: 1 };

/** One schema being expanded: its children still to visit and what they added so far. */
interface Frame {
  children: unknown[];
  i: number;
  count: number;
  depth: number;
  /** Set for a definition entered through $ref: transparent (adds no level), memoized by name. */
  defName?: string;
}

/**
 * Sizes of schemas with $refs expanded. Recursive references count as one leaf (the platform
 * cannot expand them either); definitions are memoized, counts are capped to stay finite. The walk
 * keeps its own stack, so the real depth is reported however deep the nesting goes (a recursive
 * walk had to stop at a fixed level and always reported that level). Exported for the OpenAPI
 * import's budget meters, which count as this rule does.
 */
export class Expander {
  private memo = new Map<string, Expansion>();
  private onStack = new Set<string>();
  constructor(
    private readonly definitions: JsonObject,
    readonly cap: number,
  ) {}

  /** A finished result for `schema`, or a frame to expand. */
  private start(schema: unknown): Expansion | Frame {
    if (!isObject(schema)) return ZERO;
    if (typeof schema.$ref === 'string') {
      const m = /^#\/definitions\/(.+)$/.exec(schema.$ref);
      if (!m) return LEAF;
      const name = decodePointerToken(m[1]);
      const hit = this.memo.get(name);
      if (hit) return hit;
      const target = Object.prototype.hasOwnProperty.call(this.definitions, name) ? this.definitions[name] : undefined;
      if (this.onStack.has(name) || !isObject(target)) return LEAF;
      this.onStack.add(name);
      return { children: [target], i: 0, count: 0, depth: 0, defName: name };
    }
    const children: unknown[] = [];
    if (isObject(schema.properties)) children.push(...Object.values(schema.properties));
    if (isObject(schema.additionalProperties)) children.push(schema.additionalProperties);
    if (Array.isArray(schema.items)) children.push(...schema.items);
    else children.push(schema.items);
    if (Array.isArray(schema.allOf)) children.push(...schema.allOf);
    return { children, i: 0, count: 1, depth: 0 };
  }

  of(schema: unknown): Expansion {
    const first = this.start(schema);
    if (!('children' in first)) return first;
    const stack: Frame[] = [first];
    let done: Expansion | undefined;
    for (;;) {
      const top = stack[stack.length - 1];
      if (done) {
        top.count = Math.min(this.cap, top.count + done.count);
        top.depth = Math.max(top.depth, done.depth);
        done = undefined;
      }
      if (top.i < top.children.length) {
        const next = this.start(top.children[top.i++]);
        if ('children' in next) stack.push(next);
        else done = next;
        continue;
      }
      stack.pop();
      if (top.defName !== undefined) {
        done = { count: top.count, depth: top.depth };
        this.onStack.delete(top.defName);
        this.memo.set(top.defName, done);
      } else done = { count: top.count, depth: top.depth + 1 };
      if (stack.length === 0) return done;
    }
  }
}

// Per schema root (an operation's body and responses, each definition), counted through $ref: the
// language server re-checks only the roots an edit reaches (incrementalRules.ts PARTITIONED_RULES).
const schemaCounts: Rule = {
  ids: ['schema-count-object', 'schema-count-operation', 'schema-depth'],
  check({ definition, index, options, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    const defs = isObject(def.definitions) ? def.definitions : {};
    const expander = new Expander(defs, Math.max(options.maxSchemasPerOperation, options.maxSchemasPerObject) * 4 + 1);
    const depthReported = new Set<string>();
    const checkRoot = (schema: unknown, path: (string | number)[], what: string): Expansion => {
      const e = expander.of(schema);
      const pointer = pathToPointer(path);
      if (e.count > options.maxSchemasPerObject) {
        report({ ruleId: 'schema-count-object', pointer, message: `${what} expands to ${e.count >= expander.cap ? 'more than ' + (expander.cap - 1) : e.count} schemas after $ref expansion, over the limit of ${options.maxSchemasPerObject}: simplify it or split it.` });
      }
      if (e.depth > options.maxSchemaDepth && !depthReported.has(pointer)) {
        depthReported.add(pointer);
        report({ ruleId: 'schema-depth', pointer, message: `${what} nests ${e.depth} levels deep (counting through $ref), over the limit of ${options.maxSchemaDepth}: flatten it.` });
      }
      return e;
    };

    for (const op of index.operations) {
      let total = 0;
      const base = ['paths', op.path, op.method];
      const params = Array.isArray(op.operation.parameters) ? op.operation.parameters : [];
      params.forEach((p, i) => {
        if (isObject(p) && p.in === 'body' && isObject(p.schema)) total += checkRoot(p.schema, [...base, 'parameters', i, 'schema'], `The body of ${op.method.toUpperCase()} ${op.path}`).count;
        else if (isObject(p)) total += 1;
      });
      if (isObject(op.operation.responses)) {
        for (const [code, r] of Object.entries(op.operation.responses)) {
          if (isObject(r) && isObject(r.schema)) total += checkRoot(r.schema, [...base, 'responses', code, 'schema'], `Response ${code} of ${op.method.toUpperCase()} ${op.path}`).count;
        }
      }
      if (total > options.maxSchemasPerOperation) {
        report({ ruleId: 'schema-count-operation', pointer: op.pointer, message: `${op.method.toUpperCase()} ${op.path} uses ${total} schemas after $ref expansion, over the limit of ${options.maxSchemasPerOperation}: trim its request or response schemas.` });
      }
    }
    for (const name of Object.keys(defs)) checkRoot({ $ref: `#/definitions/${encodePointerToken(name)}` }, ['definitions', name], `Definition "${name}"`);
  },
};

// The whole definition's schema count: a rule of its own, as every schema counts towards it.
const schemaTotal: Rule = {
  ids: ['schema-count-total'],
  check({ definition, options, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    const total = countSchemas(def);
    if (total > options.maxSchemasTotal) {
      report({ ruleId: 'schema-count-total', pointer: isObject(def.definitions) ? '/definitions' : '', message: `The definition holds ${total} schemas, over the limit of ${options.maxSchemasTotal}: split the connector.` });
    }
  },
};

const operationCount: Rule = {
  ids: ['operation-count'],
  check({ index, options, report }) {
    const n = index.operations.length;
    if (n > options.maxOperations) report({ ruleId: 'operation-count', pointer: '/paths', message: `The definition has ${n} operations, over the limit of ${options.maxOperations}: split the connector.` });
  },
};

export const rules: Rule[] = [definitionSize, schemaCounts, schemaTotal, operationCount];
