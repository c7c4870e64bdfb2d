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

/**
 * A walked node. Its path is built on first read from its parent's (most nodes never need theirs:
 * copying the path at every node was most of a fresh walk's cost).
 */
class Walked implements WalkedNode {
  private builtPath?: PathSegment[];
  constructor(
    readonly value: JsonObject,
    readonly kind: NodeKind,
    public parent: WalkedNode | undefined,
    readonly key: PathSegment | undefined,
    public side: Side,
    readonly paramIn: string | undefined,
    readonly depth: number,
    /** A segment between the parent and the key (the map or list name: "properties", "parameters"...). */
    private readonly via?: string,
  ) {}

  /** `path[path.length - 1]`, without building the path. */
  lastSegment(): PathSegment | undefined {
    if (this.builtPath) return this.builtPath[this.builtPath.length - 1];
    if (this.key !== undefined) return this.key;
    if (this.via !== undefined) return this.via;
    return this.parent ? lastSegment(this.parent) : undefined;
  }

  /** `path[path.length - 2]`, without building the path. */
  segmentBeforeLast(): PathSegment | undefined {
    if (this.builtPath) return this.builtPath[this.builtPath.length - 2];
    if (this.key !== undefined) return this.via !== undefined ? this.via : this.parent ? lastSegment(this.parent) : undefined;
    if (this.via !== undefined) return this.parent ? lastSegment(this.parent) : undefined;
    return this.parent ? segmentBeforeLast(this.parent) : undefined;
  }

  get path(): PathSegment[] {
    if (!this.builtPath) {
      const p = this.parent ? this.parent.path.slice() : [];
      if (this.via !== undefined) p.push(this.via);
      if (this.key !== undefined) p.push(this.key);
      this.builtPath = p;
    }
    return this.builtPath;
  }
}

/** An extension use; its pointer is built on first read (few uses get a finding). */
class Extension implements ExtensionUse {
  private builtPointer?: string;
  constructor(
    readonly node: WalkedNode,
    readonly key: string,
    readonly value: unknown,
  ) {}

  get pointer(): string {
    return (this.builtPointer ??= pathToPointer([...this.node.path, this.key]));
  }
}

/** The root sections whose entries are walked (and cached) as subtrees of their own. */
const ENTRY_SECTIONS: Record<string, { kind: NodeKind; side: Side }> = {
  paths: { kind: 'pathItem', side: 'none' },
  definitions: { kind: 'schema', side: 'definitions' },
  parameters: { kind: 'parameter', side: 'request' },
  responses: { kind: 'response', side: 'response' },
  securityDefinitions: { kind: 'securityScheme', side: 'none' },
};

/**
 * The walk of one section entry (a path item, a definition...), its nodes in walk order. An entry's
 * walk depends only on the entry and where it sits, so it is kept per entry object: an edit that
 * re-parses one entry (incrementalParse.ts shares the untouched subtrees) walks only that entry again.
 */
interface EntryWalk {
  section: string;
  key: string;
  nodes: WalkedNode[];
  extensions: ExtensionUse[];
}
const entryCache = new WeakMap<object, EntryWalk>();

export function walkSwagger(definition: JsonObject | undefined): SwaggerWalk {
  if (!definition) return { nodes: [], extensions: [], extensionsByKey: new Map() };
  const hit = cache.get(definition);
  if (hit) return hit;
  const nodes: WalkedNode[] = [];
  const extensions: ExtensionUse[] = [];
  const root: WalkedNode = new Walked(definition, 'root', undefined, undefined, 'none', undefined, 0);
  nodes.push(root);
  extensionsOf(root, extensions);
  // The root's members in the order the stack walk visits them (last member first).
  const keys = Object.keys(definition);
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i];
    const value = definition[key];
    if (DATA_KEYS.has(key)) continue;
    const section = ENTRY_SECTIONS[key];
    if (!section || !isObject(value)) {
      const children: WalkedNode[] = [];
      childrenOf(root, key, value, children);
      walkFrom(children, nodes, extensions);
      continue;
    }
    const entries = Object.keys(value);
    for (let j = entries.length - 1; j >= 0; j--) {
      const entry = value[entries[j]];
      if (!isObject(entry)) continue;
      let walked = entryCache.get(entry);
      if (!walked || walked.section !== key || walked.key !== entries[j]) {
        const top: WalkedNode = new Walked(entry, section.kind, root, entries[j], section.side, undefined, 2, key);
        walked = { section: key, key: entries[j], nodes: [], extensions: [] };
        walkFrom([top], walked.nodes, walked.extensions);
        entryCache.set(entry, walked);
      }
      // The entry's top node belongs to this version's root (rules walk up through parent).
      walked.nodes[0].parent = root;
      for (const n of walked.nodes) nodes.push(n);
      for (const e of walked.extensions) extensions.push(e);
    }
  }
  const extensionsByKey = new Map<string, ExtensionUse[]>();
  for (const e of extensions) {
    const list = extensionsByKey.get(e.key);
    if (list) list.push(e);
    else extensionsByKey.set(e.key, [e]);
  }
  const walk = { nodes, extensions, extensionsByKey };
  cache.set(definition, walk);
  return walk;
}

/** Walks depth-first from the given nodes (the last one first), appending every node and extension use. */
function walkFrom(start: WalkedNode[], nodes: WalkedNode[], extensions: ExtensionUse[]): void {
  const stack = start;
  const children: WalkedNode[] = [];
  while (stack.length) {
    const node = stack.pop()!;
    nodes.push(node);
    // One list of keys for the extensions and the children.
    const value = node.value;
    // Indexed loops: most of a CLI run is baseline (not optimized) code, where for-of steps an iterator.
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) if (isExtensionKey(keys[i], 'x-ms-')) extensions.push(new Extension(node, keys[i], value[keys[i]]));
    if (node.depth >= MAX_DEPTH) continue;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (DATA_KEYS.has(key)) continue;
      childrenOf(node, key, value[key], children);
      for (let j = 0; j < children.length; j++) stack.push(children[j]);
      children.length = 0;
    }
  }
}

function extensionsOf(node: WalkedNode, out: ExtensionUse[]): void {
  for (const key of Object.keys(node.value)) {
    if (isExtensionKey(key, 'x-ms-')) out.push(new Extension(node, key, node.value[key]));
  }
}

/** Case-insensitive prefix test without lower-casing every key. */
function isExtensionKey(key: string, prefix: 'x-' | 'x-ms-'): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/** A child one level below its parent; it inherits the parent's side and parameter `in` unless given. */
function make(parent: WalkedNode, key: PathSegment, value: JsonObject, kind: NodeKind): WalkedNode {
  return new Walked(value, kind, parent, key, parent.side, parent.paramIn, parent.depth + 1);
}

/** The same with the parameter `in` given (a parameter's own, undefined when it has none). */
function makeIn(parent: WalkedNode, key: PathSegment, value: JsonObject, kind: NodeKind, paramIn: string | undefined): WalkedNode {
  return new Walked(value, kind, parent, key, parent.side, paramIn, parent.depth + 1);
}

/** A map or list of objects under `key` (paths, parameters, responses, properties...), two levels below the parent. */
function objectsOf(parent: WalkedNode, key: string, value: unknown, kind: NodeKind, out: WalkedNode[], side: Side = parent.side): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (isObject(v)) out.push(new Walked(v, kind, parent, i, side, parent.paramIn, parent.depth + 2, key));
    }
  } else if (isObject(value)) {
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const v = value[keys[i]];
      if (isObject(v)) out.push(new Walked(v, kind, parent, keys[i], side, parent.paramIn, parent.depth + 2, key));
    }
  }
}

/** The walked children of one member of a node, by the node's Swagger role. */
function childrenOf(node: WalkedNode, key: string, value: unknown, out: WalkedNode[]): void {
  switch (node.kind) {
    case 'root':
      if (key === 'info' && isObject(value)) out.push(make(node, key, value, 'info'));
      else if (key === 'paths' && isObject(value)) {
        for (const p of Object.keys(value)) {
          const item = value[p];
          if (isObject(item)) out.push(new Walked(item, 'pathItem', node, p, node.side, node.paramIn, 2, 'paths'));
        }
      } else if (key === 'definitions') objectsOf(node, key, value, 'schema', out, 'definitions');
      else if (key === 'parameters') objectsOf(node, key, value, 'parameter', out, 'request');
      else if (key === 'responses') objectsOf(node, key, value, 'response', out, 'response');
      else if (key === 'securityDefinitions') objectsOf(node, key, value, 'securityScheme', out);
      else pushOther(node, key, value, out, node.paramIn);
      return;
    case 'pathItem':
      if (METHODS.has(key) && isObject(value)) out.push(make(node, key, value, 'operation'));
      else if (key === 'parameters') objectsOf(node, key, value, 'parameter', out, 'request');
      else if (key === 'x-ms-notification-content' && isObject(value)) {
        const content = make(node, key, value, 'notificationContent');
        content.side = 'request';
        out.push(content);
      }
      else pushOther(node, key, value, out, node.paramIn);
      return;
    case 'operation':
      if (key === 'parameters') objectsOf(node, key, value, 'parameter', out, 'request');
      else if (key === 'responses') objectsOf(node, key, value, 'response', out, 'response');
      else pushOther(node, key, value, out, node.paramIn);
      return;
    case 'parameter': {
      // Children of a parameter carry its own `in` (undefined when it has none).
      const paramIn = typeof node.value.in === 'string' ? node.value.in : undefined;
      if ((key === 'schema' || key === 'items') && isObject(value)) out.push(makeIn(node, key, value, 'schema', paramIn));
      else pushOther(node, key, value, out, paramIn);
      return;
    }
    case 'response':
      if (key === 'schema' && isObject(value)) out.push(make(node, key, value, 'schema'));
      else if (key === 'headers') objectsOf(node, key, value, 'header', out);
      else pushOther(node, key, value, out, node.paramIn);
      return;
    case 'notificationContent':
      if (key === 'schema' && isObject(value)) out.push(make(node, key, value, 'schema'));
      else pushOther(node, key, value, out, node.paramIn);
      return;
    case 'header':
      if (key === 'items' && isObject(value)) out.push(make(node, key, value, 'schema'));
      else pushOther(node, key, value, out, node.paramIn);
      return;
    case 'schema':
      if (key === 'properties') objectsOf(node, key, value, 'schema', out);
      else if (key === 'items' || key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
        if (isObject(value)) out.push(make(node, key, value, 'schema'));
        else objectsOf(node, key, value, 'schema', out);
      } else if ((key === 'additionalProperties' || key === 'not') && isObject(value)) out.push(make(node, key, value, 'schema'));
      else pushOther(node, key, value, out, node.paramIn);
      return;
    default:
      // Extension values and unknown members: walk for completeness but keep them out of Swagger roles.
      if (isObject(value)) out.push(make(node, key, value, node.kind === 'extension' || isExtensionKey(key, 'x-') ? 'extension' : 'other'));
      else if (Array.isArray(value)) objectsOf(node, key, value, node.kind === 'extension' || isExtensionKey(key, 'x-') ? 'extension' : 'other', out);
  }
}

/** Any other object member: an extension's value or an unknown member, walked for completeness. */
function pushOther(node: WalkedNode, key: string, value: unknown, out: WalkedNode[], paramIn: string | undefined): void {
  if (isObject(value)) out.push(makeIn(node, key, value, isExtensionKey(key, 'x-') ? 'extension' : 'other', paramIn));
}

/** `node.path[node.path.length - 2]`, without building the path of a walked node. */
export function segmentBeforeLast(node: WalkedNode): PathSegment | undefined {
  if (node instanceof Walked) return node.segmentBeforeLast();
  return node.path[node.path.length - 2];
}

function lastSegment(node: WalkedNode): PathSegment | undefined {
  if (node instanceof Walked) return node.lastSegment();
  return node.path[node.path.length - 1];
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
