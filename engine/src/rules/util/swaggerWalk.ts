// One iterative walk of the definition that labels every object with its Swagger role
// (operation, parameter, response, schema, ...). Rules that look at extensions or schemas
// anywhere read this instead of re-walking the document; it is cached per definition value.
import { HTTP_METHODS, isObject, type JsonObject } from '../../languageService/connectorIndex';
import { pathToPointer, type PathSegment } from '../../languageService/tree';

export type NodeKind =
  | 'root'
  | 'info'
  | 'pathItem'
  | 'operation'
  | 'parameter'
  | 'response'
  | 'header'
  | 'schema'
  | 'notificationContent'
  | 'securityScheme'
  | 'extension'
  | 'other';

/** Where a schema or parameter sits relative to the request/response of an operation. */
export type Side = 'request' | 'response' | 'definitions' | 'none';

export interface WalkedNode {
  value: JsonObject;
  path: PathSegment[];
  kind: NodeKind;
  parent?: WalkedNode;
  /** Last path segment (property name, array index, method...). */
  key?: PathSegment;
  side: Side;
  /** The parameter `in` when the node is a parameter or inside one. */
  paramIn?: string;
  /** Nesting depth (guards consumers that walk ancestors). */
  depth: number;
}

export interface ExtensionUse {
  node: WalkedNode;
  key: string;
  value: unknown;
  /** Pointer of the extension member. */
  pointer: string;
}

export interface SwaggerWalk {
  nodes: WalkedNode[];
  /** Every `x-ms-*` member on a walked (non-data) object. */
  extensions: ExtensionUse[];
  extensionsByKey: Map<string, ExtensionUse[]>;
}

const MAX_DEPTH = 400;
const METHODS = new Set<string>(HTTP_METHODS);
// Values of these members are data (examples, defaults), never Swagger objects.
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'x-ms-test-value', 'x-example']);

const cache = new WeakMap<object, SwaggerWalk>();

export function walkSwagger(definition: JsonObject | undefined): SwaggerWalk {
  if (!definition) return { nodes: [], extensions: [], extensionsByKey: new Map() };
  const hit = cache.get(definition);
  if (hit) return hit;
  const nodes: WalkedNode[] = [];
  const extensions: ExtensionUse[] = [];
  const stack: WalkedNode[] = [{ value: definition, path: [], kind: 'root', side: 'none', depth: 0 }];
  while (stack.length) {
    const node = stack.pop()!;
    nodes.push(node);
    if (node.depth >= MAX_DEPTH) continue;
    for (const [key, value] of Object.entries(node.value)) {
      if (key.toLowerCase().startsWith('x-ms-')) extensions.push({ node, key, value, pointer: pathToPointer([...node.path, key]) });
      if (DATA_KEYS.has(key)) continue;
      for (const child of childrenOf(node, key, value)) stack.push(child);
    }
  }
  const extensionsByKey = new Map<string, ExtensionUse[]>();
  for (const e of extensions) {
    const list = extensionsByKey.get(e.key) ?? [];
    list.push(e);
    extensionsByKey.set(e.key, list);
  }
  const walk = { nodes, extensions, extensionsByKey };
  cache.set(definition, walk);
  return walk;
}

function make(parent: WalkedNode, key: PathSegment, value: JsonObject, kind: NodeKind, path: PathSegment[] = [...parent.path, key], extra: Partial<WalkedNode> = {}): WalkedNode {
  return { value, path, kind, parent, key, side: parent.side, paramIn: parent.paramIn, depth: parent.depth + 1, ...extra };
}

function* objectsOf(parent: WalkedNode, key: string, value: unknown, kind: NodeKind, extra: Partial<WalkedNode> = {}): Generator<WalkedNode> {
  // A map or list of objects under `key` (paths, parameters, responses, properties...).
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (isObject(v)) yield { ...make(parent, i, v, kind, [...parent.path, key, i], extra), depth: parent.depth + 2 };
    }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (isObject(v)) yield { ...make(parent, k, v, kind, [...parent.path, key, k], extra), depth: parent.depth + 2 };
    }
  }
}

function* childrenOf(node: WalkedNode, key: string, value: unknown): Generator<WalkedNode> {
  const ext = key.toLowerCase().startsWith('x-');
  switch (node.kind) {
    case 'root':
      if (key === 'info' && isObject(value)) yield make(node, key, value, 'info');
      else if (key === 'paths' && isObject(value)) {
        for (const [p, item] of Object.entries(value)) if (isObject(item)) yield { ...make(node, p, item, 'pathItem', ['paths', p]), depth: 2 };
      } else if (key === 'definitions') yield* objectsOf(node, key, value, 'schema', { side: 'definitions' });
      else if (key === 'parameters') yield* objectsOf(node, key, value, 'parameter', { side: 'request' });
      else if (key === 'responses') yield* objectsOf(node, key, value, 'response', { side: 'response' });
      else if (key === 'securityDefinitions') yield* objectsOf(node, key, value, 'securityScheme');
      else if (isObject(value)) yield make(node, key, value, ext ? 'extension' : 'other');
      return;
    case 'pathItem':
      if (METHODS.has(key) && isObject(value)) yield make(node, key, value, 'operation');
      else if (key === 'parameters') yield* objectsOf(node, key, value, 'parameter', { side: 'request' });
      else if (key === 'x-ms-notification-content' && isObject(value)) yield make(node, key, value, 'notificationContent', undefined, { side: 'request' });
      else if (isObject(value)) yield make(node, key, value, ext ? 'extension' : 'other');
      return;
    case 'operation':
      if (key === 'parameters') yield* objectsOf(node, key, value, 'parameter', { side: 'request' });
      else if (key === 'responses') yield* objectsOf(node, key, value, 'response', { side: 'response' });
      else if (isObject(value)) yield make(node, key, value, ext ? 'extension' : 'other');
      return;
    case 'parameter': {
      const paramIn = typeof node.value.in === 'string' ? node.value.in : undefined;
      if ((key === 'schema' || key === 'items') && isObject(value)) yield make(node, key, value, 'schema', undefined, { paramIn });
      else if (isObject(value)) yield make(node, key, value, ext ? 'extension' : 'other', undefined, { paramIn });
      return;
    }
    case 'response':
      if (key === 'schema' && isObject(value)) yield make(node, key, value, 'schema');
      else if (key === 'headers') yield* objectsOf(node, key, value, 'header');
      else if (isObject(value)) yield make(node, key, value, ext ? 'extension' : 'other');
      return;
    case 'notificationContent':
      if (key === 'schema' && isObject(value)) yield make(node, key, value, 'schema');
      else if (isObject(value)) yield make(node, key, value, ext ? 'extension' : 'other');
      return;
    case 'header':
      if (key === 'items' && isObject(value)) yield make(node, key, value, 'schema');
      else if (isObject(value)) yield make(node, key, value, ext ? 'extension' : 'other');
      return;
    case 'schema':
      if (key === 'properties') yield* objectsOf(node, key, value, 'schema');
      else if (key === 'items' || key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
        if (isObject(value)) yield make(node, key, value, 'schema');
        else yield* objectsOf(node, key, value, 'schema');
      } else if ((key === 'additionalProperties' || key === 'not') && isObject(value)) yield make(node, key, value, 'schema');
      else if (isObject(value)) yield make(node, key, value, ext ? 'extension' : 'other');
      return;
    default:
      // Extension values and unknown members: walk for completeness but keep them out of Swagger roles.
      if (isObject(value)) yield make(node, key, value, node.kind === 'extension' || ext ? 'extension' : 'other');
      else if (Array.isArray(value)) yield* objectsOf(node, key, value, node.kind === 'extension' || ext ? 'extension' : 'other');
  }
}

/** The operation node enclosing a walked node, if any. */
export function enclosingOperation(node: WalkedNode): WalkedNode | undefined {
  let cur: WalkedNode | undefined = node;
  while (cur) {
    if (cur.kind === 'operation') return cur;
    cur = cur.parent;
  }
  return undefined;
}
