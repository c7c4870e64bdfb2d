// Parses a connector file (JSON or YAML) once into the positioned tree, its plain value and
// its syntax findings. Never throws: broken input yields findings and whatever tree could be built.
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isScalar, isSeq, isAlias, isPair, LineCounter, parseDocument as parseYamlDocument, type Node as YamlNode } from 'yaml';
import type { TreeNode } from './tree';

export type DocumentLanguage = 'json' | 'yaml';

export interface SyntaxFinding {
  ruleId: string;
  message: string;
  offset: number;
  length: number;
}

export interface ParsedDocument {
  uri: string;
  version: number;
  language: DocumentLanguage;
  text: string;
  /** Positions <-> offsets for this text. */
  lines: TextDocument;
  root: TreeNode | undefined;
  /** The plain JS value of the document (undefined when nothing could be parsed). */
  value: unknown;
  syntax: SyntaxFinding[];
  /** False when the structure is too broken for rules to run (only syntax findings are shown). */
  usable: boolean;
}

export function languageOf(uriOrPath: string, languageId?: string): DocumentLanguage {
  if (languageId === 'yaml' || languageId === 'json' ) return languageId;
  return /\.ya?ml$/i.test(uriOrPath) ? 'yaml' : 'json';
}

export function parseDocument(uri: string, text: string, options: { languageId?: string; version?: number } = {}): ParsedDocument {
  const language = languageOf(uri, options.languageId);
  const lines = TextDocument.create(uri, language, options.version ?? 0, text);
  const base = { uri, version: options.version ?? 0, language, text, lines };
  try {
    return { ...base, ...(language === 'yaml' ? parseYaml(text) : parseJson(text)) };
  } catch (e) {
    // Defensive: a parser bug must never take the server down.
    // Thousands of nested levels overflow the recursive parsers (fuzz tier): say so plainly.
    const message = e instanceof RangeError ? 'the document nests too deeply (thousands of levels) to be analysed' : e instanceof Error ? e.message : String(e);
    return { ...base, root: undefined, value: undefined, usable: false, syntax: [{ ruleId: language === 'yaml' ? 'yaml-parse-error' : 'json-parse-error', message: `Could not parse: ${message}.`, offset: 0, length: 0 }] };
  }
}

const TOLERABLE = new Set(['json-bom', 'json-duplicate-key', 'json-comment', 'json-trailing-comma', 'json-control-character']);

function parseJson(text: string): Pick<ParsedDocument, 'root' | 'value' | 'syntax' | 'usable'> {
  const syntax: SyntaxFinding[] = [];
  if (text.charCodeAt(0) === 0xfeff) {
    syntax.push({ ruleId: 'json-bom', message: 'The file starts with a UTF-8 byte-order mark. paconn accepts it, but other tools may not; save the file without a BOM.', offset: 0, length: 1 });
  }
  const errors: ParseError[] = [];
  // A space in place of the BOM keeps every offset while the JSON parser ignores it.
  const root = parseTree(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  for (const err of errors) syntax.push(describeJsonError(text, err));
  if (root) findDuplicateKeys(root, syntax);
  let value: unknown;
  if (root) {
    try {
      value = errors.length === 0 ? JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) : plainValue(root);
    } catch {
      value = plainValue(root);
    }
  }
  const usable = root !== undefined && syntax.every((f) => TOLERABLE.has(f.ruleId));
  // The catalogue files comments and trailing commas under json-parse-error (strict JSON), but we keep
  // validating the rest because the tree is complete.
  for (const f of syntax) if (f.ruleId === 'json-comment' || f.ruleId === 'json-trailing-comma') f.ruleId = 'json-parse-error';
  return { root, value, syntax, usable };
}

/**
 * The plain value of a tree, shaped like JSON.parse's result (ordinary objects, "__proto__" as an
 * own key). jsonc-parser's getNodeValue builds null-prototype objects, which ajv's deep-equal
 * (enum/uniqueItems) crashes on ("a.valueOf is not a function"): found by the fuzz tier.
 */
function plainValue(node: TreeNode): unknown {
  switch (node.type) {
    case 'array':
      return (node.children ?? []).map(plainValue);
    case 'object': {
      const obj: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, valueNode] = prop.children ?? [];
        if (!key || !valueNode) continue;
        const name = String(key.value);
        if (name === '__proto__') Object.defineProperty(obj, name, { value: plainValue(valueNode), enumerable: true, writable: true, configurable: true });
        else obj[name] = plainValue(valueNode);
      }
      return obj;
    }
    case 'null':
    case 'string':
    case 'number':
    case 'boolean':
      return node.value;
    default:
      return undefined;
  }
}

function describeJsonError(text: string, err: ParseError): SyntaxFinding {
  const code = printParseErrorCode(err.error);
  const at = (ruleId: string, message: string): SyntaxFinding => ({ ruleId, message, offset: err.offset, length: Math.max(err.length, 1) });
  switch (code) {
    case 'InvalidCommentToken':
      return at('json-comment', 'Comments are not allowed in JSON; remove this comment.');
    case 'UnexpectedEndOfComment':
      return at('json-parse-error', 'Unterminated comment (comments are not allowed in JSON).');
    case 'PropertyNameExpected':
    case 'ValueExpected': {
      const ch = text[err.offset];
      if ((ch === '}' || ch === ']') && previousSignificantChar(text, err.offset) === ',') {
        const comma = text.lastIndexOf(',', err.offset);
        return { ruleId: 'json-trailing-comma', message: 'Trailing comma: remove the comma before the closing bracket.', offset: comma, length: 1 };
      }
      return at('json-parse-error', code === 'ValueExpected' ? 'Value expected.' : 'Property name expected (a double-quoted string).');
    }
    case 'EndOfFileExpected':
      return { ruleId: 'json-trailing-content', message: 'Unexpected content after the root value: only whitespace may follow it.', offset: err.offset, length: Math.max(1, text.length - err.offset) };
    case 'InvalidCharacter':
      return at('json-control-character', 'Raw control character inside a string: write it as an escape (\\t, \\n, \\r or \\u00XX).');
    case 'ColonExpected':
      return at('json-parse-error', 'Colon expected after the property name.');
    case 'CommaExpected':
      return at('json-parse-error', 'Comma expected between members.');
    case 'CloseBraceExpected':
      return at('json-parse-error', 'Closing brace "}" expected.');
    case 'CloseBracketExpected':
      return at('json-parse-error', 'Closing bracket "]" expected.');
    case 'UnexpectedEndOfString':
      return at('json-parse-error', 'Unterminated string: a closing double quote is missing.');
    case 'UnexpectedEndOfNumber':
    case 'InvalidNumberFormat':
      return at('json-parse-error', 'Invalid number.');
    case 'InvalidUnicode':
      return at('json-parse-error', 'Invalid \\u escape in a string.');
    case 'InvalidEscapeCharacter':
      return at('json-parse-error', 'Invalid escape character in a string.');
    case 'InvalidSymbol':
      return at('json-parse-error', `Invalid symbol ${JSON.stringify(text.substr(err.offset, Math.min(err.length || 1, 20)))}: JSON allows only double-quoted strings, numbers, true, false, null, objects and arrays.`);
    default:
      return at('json-parse-error', `JSON syntax error: ${code}.`);
  }
}

function previousSignificantChar(text: string, offset: number): string | undefined {
  for (let i = offset - 1; i >= 0; i--) if (!/\s/.test(text[i])) return text[i];
  return undefined;
}

function findDuplicateKeys(root: TreeNode, out: SyntaxFinding[]): void {
  const stack: TreeNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (!node.children) continue;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children) {
        const key = prop.children?.[0];
        if (!key) continue;
        const name = String(key.value);
        if (seen.has(name)) out.push({ ruleId: 'json-duplicate-key', message: `Duplicate key "${name}": the later value silently replaces the earlier one.`, offset: key.offset, length: key.length });
        seen.add(name);
      }
    }
    for (const c of node.children) stack.push(c);
  }
}

function parseYaml(text: string): Pick<ParsedDocument, 'root' | 'value' | 'syntax' | 'usable'> {
  const syntax: SyntaxFinding[] = [];
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, { uniqueKeys: false, lineCounter, keepSourceTokens: false, prettyErrors: false, strict: false });
  for (const e of doc.errors) {
    syntax.push({ ruleId: 'yaml-parse-error', message: firstLine(e.message), offset: e.pos[0], length: Math.max(1, e.pos[1] - e.pos[0]) });
  }
  const root = doc.contents ? convertYaml(doc.contents as YamlNode, undefined, text, syntax, new Set()) : undefined;
  let value: unknown;
  try {
    value = root ? plainValue(root) : undefined;
  } catch {
    value = undefined;
  }
  return { root, value, syntax, usable: root !== undefined && syntax.every((f) => f.ruleId === 'json-duplicate-key') };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function convertYaml(node: YamlNode | null, parent: TreeNode | undefined, text: string, syntax: SyntaxFinding[], aliasStack: Set<YamlNode>): TreeNode {
  const [start, valueEnd] = node?.range ?? [parent?.offset ?? 0, parent?.offset ?? 0];
  const base = { offset: start, length: Math.max(0, valueEnd - start), parent } as TreeNode;
  if (!node) return { ...base, type: 'null', value: null };
  if (isAlias(node)) {
    // Resolve aliases to their anchor's content, but keep the alias's own range; refuse cycles.
    const target = node.resolve(undefined as never) as YamlNode | undefined;
    if (!target || aliasStack.has(target)) return { ...base, type: 'null', value: null };
    aliasStack.add(target);
    const resolved = convertYaml(target, parent, text, syntax, aliasStack);
    aliasStack.delete(target);
    return retarget(resolved, base.offset, base.length);
  }
  if (isMap(node)) {
    const objChildren: TreeNode[] = [];
    const obj: TreeNode = { ...base, type: 'object', children: objChildren };
    const seen = new Set<string>();
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const keyNode = item.key as YamlNode | null;
      const keyText = isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : '';
      const [ks, ke] = keyNode?.range ?? [start, start];
      const valueNode = item.value as YamlNode | null;
      const ve = valueNode?.range?.[1] ?? ke;
      const propChildren: TreeNode[] = [];
      const prop: TreeNode = { type: 'property', offset: ks, length: Math.max(0, ve - ks), parent: obj, children: propChildren, colonOffset: text.indexOf(':', ke) };
      const key: TreeNode = { type: 'string', offset: ks, length: Math.max(0, ke - ks), parent: prop, value: keyText };
      const val = valueNode ? convertYaml(valueNode, prop, text, syntax, aliasStack) : ({ type: 'null', offset: ke, length: 0, parent: prop, value: null } as TreeNode);
      propChildren.push(key, val);
      if (seen.has(keyText)) syntax.push({ ruleId: 'json-duplicate-key', message: `Duplicate key "${keyText}": the later value silently replaces the earlier one.`, offset: ks, length: Math.max(1, ke - ks) });
      seen.add(keyText);
      objChildren.push(prop);
    }
    return obj;
  }
  if (isSeq(node)) {
    const arrChildren: TreeNode[] = [];
    const arr: TreeNode = { ...base, type: 'array', children: arrChildren };
    for (const item of node.items) arrChildren.push(convertYaml(item as YamlNode, arr, text, syntax, aliasStack));
    return arr;
  }
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return { ...base, type: 'null', value: null };
    if (typeof v === 'string') return { ...base, type: 'string', value: v };
    if (typeof v === 'number') return { ...base, type: 'number', value: v };
    if (typeof v === 'bigint') return { ...base, type: 'number', value: Number(v) };
    if (typeof v === 'boolean') return { ...base, type: 'boolean', value: v };
    // Dates and other tagged scalars are strings for a connector definition.
    return { ...base, type: 'string', value: v instanceof Date ? v.toISOString() : String(v) };
  }
  return { ...base, type: 'null', value: null };
}

/** A copy of a resolved alias subtree whose outermost range is the alias itself. */
function retarget(node: TreeNode, offset: number, length: number): TreeNode {
  return { ...node, offset, length };
}
