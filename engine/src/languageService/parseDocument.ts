// Parses a connector file (JSON or YAML) once into the positioned tree, its plain value and
// its syntax findings. Never throws: broken input yields findings and whatever tree could be built.
import { createScanner, parseTree, printParseErrorCode, ScanError, SyntaxKind, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isScalar, isSeq, isAlias, isPair, isNode, LineCounter, parseDocument as parseYamlDocument, visit as visitYaml, type Alias, type Node as YamlNode } from 'yaml';
import { load as loadYamlFast, CORE_SCHEMA } from 'js-yaml';
import { adoptValueStrings, compactChildren, type TreeNode } from './tree';
import { LazyTextDocument } from './lazyTextDocument';
import { parseYamlLite } from './yamlLite';

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
  /**
   * Past the size ceiling: nothing was parsed. The validation pipeline checks JSON well-formedness
   * with checkJsonWellFormed, in slices, so the language server stays responsive.
   */
  overCeiling?: boolean;
}

export function languageOf(uriOrPath: string, languageId?: string): DocumentLanguage {
  if (languageId === 'yaml' || languageId === 'json' ) return languageId;
  return /\.ya?ml$/i.test(uriOrPath) ? 'yaml' : 'json';
}

/**
 * Budgets of the parser: past them a file gets one clear `input-budget` finding (or, past the
 * size ceiling, only the cheap checks), never a crash, a hang or an abort.
 */
export const PARSE_LIMITS = {
  /** Hard ceiling: 8x the platform's 1 MB limit. Past it only well-formedness and size are checked. */
  maxAnalyzedBytes: 8 * 1024 * 1024,
  /** Nesting of objects and arrays (recursive parsers and rules overflow in the thousands). */
  maxNesting: 1000,
  /** Tree nodes, counting what YAML aliases expand to. */
  maxNodes: 3_000_000,
  /** YAML alias expansions (an alias bomb expands exponentially). */
  maxAliases: 10_000,
  /** Characters of strings copied in by YAML aliases. */
  maxExpandedChars: 32 * 1024 * 1024,
};

export type ParseLimits = typeof PARSE_LIMITS;

export interface ParseOptions {
  languageId?: string;
  version?: number;
  limits?: Partial<ParseLimits>;
  /**
   * Build the positioned tree at once even for strict JSON (the language server, whose incremental
   * parse, rules and editor features all walk it). Otherwise strict JSON gets its tree on the first
   * read of `root` (see deferTree): batch validation places its findings from the text instead.
   */
  eagerTree?: boolean;
}

export function parseDocument(uri: string, text: string, options: ParseOptions = {}): ParsedDocument {
  const language = languageOf(uri, options.languageId);
  // Its line index; an incremental re-parse moves it to the next version without building a text.
  const lines: TextDocument = new LazyTextDocument(uri, language, options.version ?? 0, text);
  const base = { uri, version: options.version ?? 0, language, text, lines };
  const limits = { ...PARSE_LIMITS, ...options.limits };
  try {
    const early = misdecodedUtf16(text) ?? overCeiling(text, language, limits);
    if (early) return { ...base, ...early };
    // Strict JSON within the budgets: its value, and no tree until `root` is read (see deferTree).
    const strict = language === 'json' && !options.eagerTree ? strictJson(text, limits) : undefined;
    if (strict) {
      const doc: ParsedDocument = { ...base, root: undefined, value: strict.value, syntax: strict.syntax, usable: true };
      deferTree(doc);
      return doc;
    }
    // Block-style YAML in the common subset (yamlLite.ts): its value, and the tree only when `root` is read.
    const lite = language === 'yaml' && !options.eagerTree ? parseYamlLite(text, limits) : undefined;
    if (lite) {
      const doc: ParsedDocument = { ...base, root: undefined, value: lite.value, syntax: [], usable: true };
      deferTree(doc, () => parseYaml(text, limits).root);
      return doc;
    }
    const deep = tooDeep(text, language, limits);
    if (deep) return { ...base, ...deep };
    if (language === 'yaml') return { ...base, ...parseYaml(text, limits) };
    return { ...base, ...parseJson(text) };
  } catch (e) {
    // Defensive: a parser bug must never take the server down.
    // Thousands of nested levels overflow the recursive parsers (fuzz tier): say so plainly.
    const message = e instanceof RangeError ? 'the document nests too deeply (thousands of levels) to be analysed' : e instanceof Error ? e.message : String(e);
    return { ...base, root: undefined, value: undefined, usable: false, syntax: [{ ruleId: language === 'yaml' ? 'yaml-parse-error' : 'json-parse-error', message: `Could not parse: ${message}.`, offset: 0, length: 0 }] };
  }
}

type ParseOutcome = Pick<ParsedDocument, 'root' | 'value' | 'syntax' | 'usable'>;

const unusable = (syntax: SyntaxFinding[]): ParseOutcome => ({ root: undefined, value: undefined, syntax, usable: false });

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * UTF-16 text that reached us decoded as UTF-8 or Latin-1 (every other character is U+0000):
 * one finding instead of thousands of syntax errors.
 */
function misdecodedUtf16(text: string): ParseOutcome | undefined {
  const n = Math.min(text.length, 4096);
  if (n < 4) return undefined;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0) zeros++;
  if (zeros < n * 0.2) return undefined;
  return unusable([{ ruleId: 'json-encoding-utf16', message: 'UTF-16: save as UTF-8. The file is encoded as UTF-16; paconn and the platform read UTF-8 only, so nothing else was checked.', offset: 0, length: 0 }]);
}

/**
 * Past the hard ceiling, check only what is cheap and say at the top of the file that the rest was
 * not checked. No tree is built; JSON well-formedness is checked later by checkJsonWellFormed
 * (a token scan that pauses, so the language server is not blocked for the whole file).
 */
function overCeiling(text: string, language: DocumentLanguage, limits: ParseLimits): (ParseOutcome & { overCeiling: true }) | undefined {
  if (text.length * 3 <= limits.maxAnalyzedBytes) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= limits.maxAnalyzedBytes) return undefined;
  const checked = language === 'json' ? 'only well-formedness and size were checked' : 'only its size was checked';
  return {
    ...unusable([
      { ruleId: 'input-budget', message: `Not fully checked: this file is ${formatSize(bytes)}, over the ${formatSize(limits.maxAnalyzedBytes)} analysis ceiling (the platform's limit is 1 MB), so ${checked}; no other rule ran. Split the connector.`, offset: 0, length: 0 },
    ]),
    overCeiling: true,
  };
}

const TOKENS_PER_SLICE = 50_000;

const SCAN_ERRORS: Record<number, string> = {
  [ScanError.UnexpectedEndOfComment]: 'Unterminated comment (comments are not allowed in JSON).',
  [ScanError.UnexpectedEndOfString]: 'Unterminated string: a closing double quote is missing.',
  [ScanError.UnexpectedEndOfNumber]: 'Invalid number.',
  [ScanError.InvalidUnicode]: 'Invalid \\u escape in a string.',
  [ScanError.InvalidEscapeCharacter]: 'Invalid escape character in a string.',
  [ScanError.InvalidCharacter]: 'Raw control character inside a string: write it as an escape (\\t, \\n, \\r or \\u00XX).',
};

/**
 * Strict JSON well-formedness by a token scan (jsonc-parser's scanner) with a stack of open
 * containers: no tree, no values, constant memory per level. Yields every TOKENS_PER_SLICE tokens
 * so a caller can let other work in; returns the first error, if any.
 */
export function* checkJsonWellFormed(text: string): Generator<void, SyntaxFinding | undefined> {
  const scanner = createScanner(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text, false);
  // What may come next: a value, a key, a colon, a comma or a close, or nothing (after the root).
  type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';
  const stack: number[] = [];
  let expect: Expect = 'value';
  const error = (message: string): SyntaxFinding => ({ ruleId: 'json-parse-error', message, offset: scanner.getTokenOffset(), length: Math.max(1, scanner.getTokenLength()) });
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');
  for (let n = 1; ; n++) {
    if (n % TOKENS_PER_SLICE === 0) yield;
    const token = scanner.scan();
    if (token === SyntaxKind.Trivia || token === SyntaxKind.LineBreakTrivia) continue;
    if (scanner.getTokenError() !== ScanError.None) return error(SCAN_ERRORS[scanner.getTokenError()] ?? 'JSON syntax error.');
    if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) return error('Comments are not allowed in JSON; remove this comment.');
    if (token === SyntaxKind.EOF) return expect === 'end' ? undefined : error('Unexpected end of the file: a value or a closing bracket is missing.');
    if (expect === 'end') return error('Unexpected content after the root value: only whitespace may follow it.');
    switch (token) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        if (expect !== 'value' && expect !== 'value-or-close') return error('Comma expected between members.');
        stack.push(token);
        expect = token === SyntaxKind.OpenBraceToken ? 'key-or-close' : 'value-or-close';
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken: {
        const open = token === SyntaxKind.CloseBraceToken ? SyntaxKind.OpenBraceToken : SyntaxKind.OpenBracketToken;
        if (stack[stack.length - 1] !== open || (expect !== 'comma-or-close' && expect !== 'key-or-close' && expect !== 'value-or-close')) return error(expect === 'key' || expect === 'value' ? 'Trailing comma: remove the comma before the closing bracket.' : 'Unexpected closing bracket.');
        stack.pop();
        expect = afterValue();
        break;
      }
      case SyntaxKind.CommaToken:
        if (expect !== 'comma-or-close') return error('Value expected.');
        expect = stack[stack.length - 1] === SyntaxKind.OpenBraceToken ? 'key' : 'value';
        break;
      case SyntaxKind.ColonToken:
        if (expect !== 'colon') return error('Unexpected colon.');
        expect = 'value';
        break;
      case SyntaxKind.StringLiteral:
        if (expect === 'key' || expect === 'key-or-close') expect = 'colon';
        else if (expect === 'value' || expect === 'value-or-close') expect = afterValue();
        else return error(expect === 'colon' ? 'Colon expected after the property name.' : 'Comma expected between members.');
        break;
      case SyntaxKind.NumericLiteral:
      case SyntaxKind.NullKeyword:
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
        if (expect !== 'value' && expect !== 'value-or-close') return error(expect === 'key' || expect === 'key-or-close' ? 'Property name expected (a double-quoted string).' : 'Comma expected between members.');
        expect = afterValue();
        break;
      default:
        return error(`Invalid symbol ${JSON.stringify(text.substr(scanner.getTokenOffset(), Math.min(scanner.getTokenLength() || 1, 20)))}: JSON allows only double-quoted strings, numbers, true, false, null, objects and arrays.`);
    }
  }
}

/**
 * Nesting (and, for JSON, node count) past the budget, found with one pass over the brackets
 * (strings and comments skipped) before any tree is built.
 */
function tooDeep(text: string, language: DocumentLanguage, limits: ParseLimits, counts: { colons: number } = { colons: 0 }): ParseOutcome | undefined {
  let depth = 0;
  let max = 0;
  let at = 0;
  let nodes = 1;
  if (language === 'json') {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        // Skip the string (escapes included).
        for (i++; i < text.length; i++) {
          const d = text.charCodeAt(i);
          if (d === 0x5c) i++;
          else if (d === 0x22 || d === 0x0a) break;
        }
      } else if (c === 0x7b || c === 0x5b) {
        nodes++;
        if (++depth > max) {
          max = depth;
          at = i;
        }
      } else if (c === 0x7d || c === 0x5d) depth--;
      // A member is a property, a key and a value; an element is a value.
      else if (c === 0x3a) {
        nodes += 2;
        counts.colons++;
      } else if (c === 0x2c) nodes++;
    }
    if (nodes > limits.maxNodes) {
      return unusable([{ ruleId: 'input-budget', message: `Not checked: the document holds about ${nodes} values, over the budget of ${limits.maxNodes}; split it.`, offset: 0, length: 0 }]);
    }
  } else {
    // YAML: flow brackets and block indentation both nest; indentation is bounded by line length,
    // so count the brackets and the deepest indentation (in levels of one space, an upper bound).
    let inQuote = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inQuote) {
        if (c === inQuote || c === 0x0a) inQuote = 0;
      } else if (c === 0x22 || c === 0x27) inQuote = c;
      else if (c === 0x23) while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
      else if (c === 0x7b || c === 0x5b) {
        if (++depth > max) {
          max = depth;
          at = i;
        }
      } else if (c === 0x7d || c === 0x5d) depth = Math.max(0, depth - 1);
    }
  }
  if (max <= limits.maxNesting) return undefined;
  return unusable([{ ruleId: 'input-budget', message: `Not checked: the document nests ${max} levels deep, over the budget of ${limits.maxNesting} levels; flatten it.`, offset: at, length: 1 }]);
}

/**
 * Strict JSON (JSON.parse accepts it) without duplicate keys, within the nesting and node budgets:
 * its value and syntax findings (only the BOM's), with no tree; else undefined (tooDeep then says
 * what is over a budget, or parseJson builds the tree and places each syntax error and duplicate).
 * All is told by one walk of the value (shapeOf), with no pass over the text but a native count of
 * its colons. A duplicate key is told by the number of members: the colons outside strings (all
 * colons less those inside strings) against the own keys of all objects, where a repeated key counts
 * once. JSON.parse drops a repeated member with its strings, so their colons are not subtracted and
 * a duplicate always shows. A string token's colons are its parsed string's, but for an escaped
 * colon (\u003a): then the colons outside strings are counted by tooDeep's scan of the text.
 */
function strictJson(text: string, limits: ParseLimits): { value: unknown; syntax: SyntaxFinding[] } | undefined {
  const bom = text.charCodeAt(0) === 0xfeff;
  let value: unknown;
  try {
    value = JSON.parse(bom ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  const shape = shapeOf(value);
  // Over a budget: tooDeep scans the text and reports it as before.
  if (shape.depth > limits.maxNesting || shape.nodes > limits.maxNodes) return undefined;
  let colons: number;
  if (ESCAPED_COLON.test(text)) {
    const counts = { colons: 0 };
    if (tooDeep(text, 'json', limits, counts)) return undefined;
    colons = counts.colons;
  } else {
    colons = countOf(text, ':') - shape.colonsInStrings;
  }
  if (shape.keys !== colons) return undefined;
  return { value, syntax: bom ? [bomFinding()] : [] };
}

const ESCAPED_COLON = /\\u003[aA]/;

function countOf(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}

/**
 * What tooDeep counts in the text of a JSON value, from the value: the deepest nesting of objects and
 * arrays, the nodes (a member is a property, a key and a value; an element is a value), the own keys
 * of all objects and the colons inside keys and strings. Iterative: JSON.parse takes any depth.
 */
function shapeOf(value: unknown): { depth: number; nodes: number; keys: number; colonsInStrings: number } {
  let depth = 0;
  let nodes = 1;
  let keys = 0;
  let colonsInStrings = typeof value === 'string' ? countOf(value, ':') : 0;
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length) {
    const v = stack.pop();
    const d = depths.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > depth) depth = d;
    if (Array.isArray(v)) {
      nodes += v.length > 0 ? v.length : 1;
      for (let i = 0; i < v.length; i++) {
        const c: unknown = v[i];
        if (typeof c === 'string') colonsInStrings += countOf(c, ':');
        else if (typeof c === 'object' && c !== null) {
          stack.push(c);
          depths.push(d + 1);
        }
      }
      continue;
    }
    const o = v as Record<string, unknown>;
    let members = 0;
    // JSON.parse makes every key an own property ("__proto__" included); Object.prototype has no enumerable keys.
    for (const k in o) {
      members++;
      colonsInStrings += countOf(k, ':');
      const c = o[k];
      if (typeof c === 'string') colonsInStrings += countOf(c, ':');
      else if (typeof c === 'object' && c !== null) {
        stack.push(c);
        depths.push(d + 1);
      }
    }
    keys += members;
    nodes += members > 0 ? 3 * members : 1;
  }
  return { depth, nodes, keys, colonsInStrings };
}

/** Documents whose tree is not built yet, with its builder (see deferTree). */
const PENDING_TREES = new WeakMap<ParsedDocument, () => TreeNode | undefined>();

/**
 * `root` of a strict JSON document (or, with its builder, of a YAML one parseYamlLite read) becomes
 * a getter that builds the tree on first read and then turns into a plain property. It stays an own
 * enumerable property, so `{ ...doc }` copies a built tree (never a getter bound to another object).
 */
function deferTree(doc: ParsedDocument, build?: () => TreeNode | undefined): void {
  const text = doc.text;
  const settle = (root: TreeNode | undefined) => {
    PENDING_TREES.delete(doc);
    Object.defineProperty(doc, 'root', { value: root, writable: true, enumerable: true, configurable: true });
  };
  PENDING_TREES.set(
    doc,
    build ??
      (() => {
        const root = parseTree(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text, [], { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
        if (root) {
          compactChildren(root);
          // Its strings, cut out of this text, would keep the text alive once an edit replaces it.
          adoptValueStrings(root, doc.value);
        }
        return root;
      }),
  );
  Object.defineProperty(doc, 'root', {
    enumerable: true,
    configurable: true,
    get(): TreeNode | undefined {
      const root = PENDING_TREES.get(doc)?.();
      settle(root);
      return root;
    },
    set(root: TreeNode | undefined) {
      settle(root);
    },
  });
}

/**
 * Lets a strict JSON document's tree go (the language server, for a document left alone): the next
 * read of `root` builds it again from the text, the same tree. Only a clean strict JSON document
 * (no syntax finding: its text alone gives the tree) is released; true when it was.
 */
export function releaseTree(doc: ParsedDocument): boolean {
  if (!treeBuilt(doc) || doc.language !== 'json' || !doc.usable || doc.overCeiling || doc.syntax.length > 0 || !doc.root) return false;
  if (doc.text.charCodeAt(0) === 0xfeff) return false;
  deferTree(doc);
  return true;
}

/** False while a strict JSON document's tree is not built yet (reading `root` builds it). */
export function treeBuilt(doc: ParsedDocument): boolean {
  return !PENDING_TREES.has(doc);
}

/** Whether the document has a root value, without building a pending tree. */
export function hasRoot(doc: ParsedDocument): boolean {
  return PENDING_TREES.has(doc) || doc.root !== undefined;
}

const bomFinding = (): SyntaxFinding => ({ ruleId: 'json-bom', message: 'The file starts with a UTF-8 byte-order mark. paconn accepts it, but other tools may not; save the file without a BOM.', offset: 0, length: 1 });

const TOLERABLE = new Set(['json-bom', 'json-duplicate-key', 'json-comment', 'json-trailing-comma', 'json-control-character']);

function parseJson(text: string): ParseOutcome {
  const syntax: SyntaxFinding[] = [];
  if (text.charCodeAt(0) === 0xfeff) syntax.push(bomFinding());
  const errors: ParseError[] = [];
  // A space in place of the BOM keeps every offset while the JSON parser ignores it.
  const root = parseTree(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  for (const err of errors) syntax.push(describeJsonError(text, err));
  if (root) {
    findDuplicateKeys(root, syntax);
    compactChildren(root);
  }
  let value: unknown;
  if (root) {
    try {
      value = errors.length === 0 ? JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) : plainValue(root);
    } catch {
      value = plainValue(root);
    }
  }
  // The tree's strings become the value's (not slices of this text: see adoptValueStrings).
  if (root && errors.length === 0) adoptValueStrings(root, value);
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

/** What converting one YAML document may still spend (aliases expand, so they are counted). */
interface YamlBudget {
  limits: ParseLimits;
  nodes: number;
  aliases: number;
  expandedChars: number;
  /** Set when a budget ran out: the finding to show. */
  exceeded?: SyntaxFinding;
  /** Each alias's anchored node: the last anchor of that name before it, as YAML defines. */
  anchors: Map<Alias, YamlNode>;
}

function parseYaml(text: string, limits: ParseLimits): ParseOutcome {
  return parseYamlFast(text, limits) ?? parseYamlTolerant(text, limits);
}

/** One node as js-yaml composed it: its kind, its value and the source range of its text. */
interface FastNode {
  kind: string | null;
  result: unknown;
  start: number;
  end: number;
  children: FastNode[];
}

/**
 * The fast path (issue 20: YAML validation within 1.3x of JSON): js-yaml (YAML 1.2 core schema, as
 * `yaml`'s default) composes the document about 8x faster than `yaml`'s Document API, and its
 * listener reports each node's source range; the positioned tree is built from those events with
 * the same budgets as the tolerant path. Anything unusual — a syntax error, several documents, an
 * empty document, a tag, or a node structure the events do not pin down (flow mappings with implicit
 * values) — returns undefined and the tolerant path (`yaml`, with error recovery and messages) parses.
 */
export function parseYamlFast(text: string, limits: ParseLimits = PARSE_LIMITS): ParseOutcome | undefined {
  // js-yaml drops a BOM (positions would shift by one): the tolerant path reads those.
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  const stack: FastNode[] = [{ kind: null, result: undefined, start: 0, end: 0, children: [] }];
  try {
    loadYamlFast(text, {
      schema: CORE_SCHEMA,
      json: true, // duplicate keys are findings of ours (json-duplicate-key), not a parse failure
      listener(event, state) {
        if (event === 'open') {
          stack.push({ kind: null, result: undefined, start: state.position, end: 0, children: [] });
          return;
        }
        const n = stack.pop()!;
        n.kind = state.kind;
        n.result = state.result;
        n.end = Math.min(state.position, text.length); // js-yaml appends a final line break
        // js-yaml composes a block sequence entry, an explicit key or a node with properties twice.
        const only = n.children.length === 1 ? n.children[0] : undefined;
        stack[stack.length - 1].children.push(only && only.kind === n.kind && Object.is(only.result, n.result) ? only : n);
      },
    });
  } catch {
    return undefined;
  }
  const top = stack[0].children;
  // No document, or only a scalar: the tolerant path says what that means.
  if (top.length !== 1 || (top[0].kind !== 'mapping' && top[0].kind !== 'sequence')) return undefined;
  const syntax: SyntaxFinding[] = [];
  const ctx: FastContext = { text, syntax, aliasStack: new Set(), limits, nodes: 0, aliases: 0, expandedChars: 0, exceeded: undefined, anchors: new Map(), unsure: false };
  const root = convertFast(top[0], undefined, ctx, 0);
  if (ctx.unsure) return undefined;
  if (ctx.exceeded) return unusable([...syntax, ctx.exceeded]);
  let value: unknown;
  try {
    value = plainValue(root);
  } catch {
    value = undefined;
  }
  return { root, value, syntax, usable: syntax.every((f) => f.ruleId === 'json-duplicate-key') };
}

const NODE_PROPERTIES = /^(?:(?:&([^\s,[\]{}]+)|![^\s,[\]{}]*)\s+)+/;

interface FastContext {
  text: string;
  syntax: SyntaxFinding[];
  aliasStack: Set<FastNode>;
  limits: ParseLimits;
  nodes: number;
  aliases: number;
  expandedChars: number;
  exceeded?: SyntaxFinding;
  /** Anchor name -> its node, the last definition before the current position (document order). */
  anchors: Map<string, FastNode>;
  /** Set when the events do not pin the structure down: the tolerant path parses instead. */
  unsure: boolean;
}

function leaf(type: 'null' | 'string' | 'number' | 'boolean', offset: number, length: number, parent: TreeNode | undefined, value: unknown): TreeNode {
  return { type, offset, length, parent, value } as TreeNode;
}

function overBudget(ctx: FastContext, what: string, offset: number, length: number, parent: TreeNode | undefined): TreeNode {
  ctx.exceeded ??= { ruleId: 'input-budget', message: `Not checked: ${what}; the document was not analysed further (an alias bomb?).`, offset, length: Math.max(1, length) };
  return leaf('null', offset, length, parent, null);
}

function convertFast(node: FastNode, parent: TreeNode | undefined, ctx: FastContext, inAlias: number): TreeNode {
  const text = ctx.text;
  // The event range starts before the separating spaces and ends after the trailing ones.
  let start = trimStart(text, node);
  let end = trimEnd(text, node, start);
  const first = text.charCodeAt(start);
  let props: RegExpExecArray | null = null;
  if (first === 0x26 /* & */ || first === 0x21 /* ! */) {
    props = NODE_PROPERTIES.exec(text.slice(start, Math.min(end, start + 256)));
    if (props) {
      if (props[0].includes('!')) ctx.unsure = true; // tags: the tolerant path decides what they mean
      if (props[1] && !inAlias) ctx.anchors.set(props[1], node);
      start += props[0].length;
    }
  }
  const kind = node.kind;
  // Block collections and block scalars end after their last line break (as `yaml` ranges do).
  if (end > start) {
    const c = text.charCodeAt(start);
    const block = kind === 'mapping' || kind === 'sequence' ? c !== 0x7b /* { */ && c !== 0x5b /* [ */ : c === 0x7c /* | */ || c === 0x3e /* > */;
    if (block) {
      if (text.charCodeAt(end) === 0x0d) end++;
      if (text.charCodeAt(end) === 0x0a) end++;
    }
  }
  // An empty value sits where it was expected (after "key:"), not at the next line.
  const offset = start === end && !props ? Math.min(node.start, start) : start;
  const length = end > start ? end - start : 0;
  if (ctx.exceeded || ctx.unsure) return leaf('null', offset, length, parent, null);
  if (++ctx.nodes > ctx.limits.maxNodes) return overBudget(ctx, `it expands to more than ${ctx.limits.maxNodes} values`, start, end - start, parent);
  if (first === 0x2a /* * */ && !props) {
    // An alias: its anchor's content placed at the alias (see convertYaml); cycles and bombs refused.
    if (++ctx.aliases > ctx.limits.maxAliases) return overBudget(ctx, `more than ${ctx.limits.maxAliases} alias expansions`, start, end - start, parent);
    const target = ctx.anchors.get(text.slice(start + 1, end));
    if (!target || ctx.aliasStack.has(target)) return leaf('null', offset, length, parent, null);
    ctx.aliasStack.add(target);
    const resolved = convertFast(target, parent, ctx, inAlias + 1);
    ctx.aliasStack.delete(target);
    return placeAt(resolved, offset, length);
  }
  const v = node.result;
  const kids = node.children;
  if (kind === 'mapping') {
    const objChildren: TreeNode[] = [];
    const obj = { type: 'object', offset, length, parent, children: objChildren } as TreeNode;
    const result = v as Record<string, unknown>;
    if (kids.length % 2 !== 0 || !v || typeof v !== 'object') {
      ctx.unsure = true;
      return obj;
    }
    const seen = new Set<string>();
    // The events must pair keys and values as js-yaml did: the last value of each key is its result.
    let overridden: string[] | undefined;
    for (let i = 0; i < kids.length; i += 2) {
      const keyNode = kids[i];
      const keyText = String(keyNode.result);
      if (keyNode.kind !== 'scalar' || !Object.prototype.hasOwnProperty.call(result, keyText)) {
        ctx.unsure = true;
        return obj;
      }
      if (!Object.is(result[keyText], kids[i + 1].result)) (overridden ??= []).push(keyText);
      const ks = trimStart(text, keyNode);
      const ke = trimEnd(text, keyNode, ks);
      const propChildren: TreeNode[] = [];
      const prop = { type: 'property', offset: ks, length: 0, parent: obj, children: propChildren, colonOffset: text.indexOf(':', ke) } as TreeNode;
      propChildren.push(leaf('string', ks, ke - ks, prop, keyText));
      const val = convertFast(kids[i + 1], prop, ctx, inAlias);
      propChildren.push(val);
      (prop as { length: number }).length = Math.max(0, val.offset + val.length - ks);
      if (seen.has(keyText)) ctx.syntax.push({ ruleId: 'json-duplicate-key', message: `Duplicate key "${keyText}": the later value silently replaces the earlier one.`, offset: ks, length: Math.max(1, ke - ks) });
      else seen.add(keyText);
      objChildren.push(prop);
    }
    // A value that is not its key's result must be one a later duplicate replaced.
    if (overridden) {
      const count = new Map<string, number>();
      for (let i = 0; i < kids.length; i += 2) count.set(String(kids[i].result), (count.get(String(kids[i].result)) ?? 0) + 1);
      const pending = new Map<string, number>();
      for (const k of overridden) pending.set(k, (pending.get(k) ?? 0) + 1);
      for (const [k, n] of pending) if (n >= (count.get(k) ?? 0)) ctx.unsure = true;
    }
    return obj;
  }
  if (kind === 'sequence') {
    const arrChildren: TreeNode[] = [];
    const arr = { type: 'array', offset, length, parent, children: arrChildren } as TreeNode;
    if (!Array.isArray(v) || v.length !== kids.length) {
      ctx.unsure = true;
      return arr;
    }
    for (let i = 0; i < kids.length; i++) arrChildren.push(convertFast(kids[i], arr, ctx, inAlias));
    return arr;
  }
  if (kids.length > 0) {
    ctx.unsure = true;
    return leaf('null', offset, length, parent, null);
  }
  if (v === null || v === undefined) return leaf('null', offset, length, parent, null);
  if (typeof v === 'string') {
    if (inAlias && (ctx.expandedChars += v.length) > ctx.limits.maxExpandedChars) return overBudget(ctx, `aliases copy in more than ${ctx.limits.maxExpandedChars} characters of strings`, start, end - start, parent);
    return leaf('string', offset, length, parent, v);
  }
  if (typeof v === 'number') return leaf('number', offset, length, parent, v);
  if (typeof v === 'boolean') return leaf('boolean', offset, length, parent, v);
  ctx.unsure = true;
  return leaf('null', offset, length, parent, null);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff || c === 0xa0;
}

function trimStart(text: string, n: FastNode): number {
  let i = n.start;
  while (i < n.end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function trimEnd(text: string, n: FastNode, start: number): number {
  let i = n.end;
  while (i > start && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The `yaml` Document API: recovers from errors and names them (the fallback of parseYamlFast). */
export function parseYamlTolerant(text: string, limits: ParseLimits = PARSE_LIMITS): ParseOutcome {
  const syntax: SyntaxFinding[] = [];
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, { uniqueKeys: false, lineCounter, keepSourceTokens: false, prettyErrors: false, strict: false });
  for (const e of doc.errors) {
    syntax.push({ ruleId: 'yaml-parse-error', message: firstLine(e.message), offset: e.pos[0], length: Math.max(1, e.pos[1] - e.pos[0]) });
  }
  // One visit maps every alias to its anchor (yaml's Alias.resolve visits the document per alias).
  const anchors = new Map<Alias, YamlNode>();
  const named = new Map<string, YamlNode>();
  visitYaml(doc, {
    Node(_key, n) {
      if (isAlias(n)) {
        const target = named.get(n.source);
        if (target) anchors.set(n, target);
      } else if (isNode(n) && (n as { anchor?: string }).anchor) named.set((n as { anchor: string }).anchor, n as YamlNode);
    },
  });
  const budget: YamlBudget = { limits, nodes: 0, aliases: 0, expandedChars: 0, anchors };
  const root = doc.contents ? convertYaml(doc.contents as YamlNode, undefined, text, syntax, new Set(), budget, 0) : undefined;
  if (budget.exceeded) return unusable([...syntax, budget.exceeded]);
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

function convertYaml(node: YamlNode | null, parent: TreeNode | undefined, text: string, syntax: SyntaxFinding[], aliasStack: Set<YamlNode>, budget: YamlBudget, inAlias: number): TreeNode {
  const [start, valueEnd] = node?.range ?? [parent?.offset ?? 0, parent?.offset ?? 0];
  const base = { offset: start, length: Math.max(0, valueEnd - start), parent } as TreeNode;
  if (!node || budget.exceeded) return { ...base, type: 'null', value: null };
  const over = (what: string): TreeNode => {
    budget.exceeded ??= { ruleId: 'input-budget', message: `Not checked: ${what}; the document was not analysed further (an alias bomb?).`, offset: start, length: Math.max(1, valueEnd - start) };
    return { ...base, type: 'null', value: null };
  };
  if (++budget.nodes > budget.limits.maxNodes) return over(`it expands to more than ${budget.limits.maxNodes} values`);
  if (isAlias(node)) {
    // An alias stands for its anchor's content (`- *idParam`), placed at the alias itself so
    // findings point where the alias is written; cycles and alias bombs are refused.
    if (++budget.aliases > budget.limits.maxAliases) return over(`more than ${budget.limits.maxAliases} alias expansions`);
    const target = budget.anchors.get(node);
    if (!target || aliasStack.has(target)) return { ...base, type: 'null', value: null };
    aliasStack.add(target);
    const resolved = convertYaml(target, parent, text, syntax, aliasStack, budget, inAlias + 1);
    aliasStack.delete(target);
    return placeAt(resolved, base.offset, base.length);
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
      const val = valueNode ? convertYaml(valueNode, prop, text, syntax, aliasStack, budget, inAlias) : ({ type: 'null', offset: ke, length: 0, parent: prop, value: null } as TreeNode);
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
    for (const item of node.items) arrChildren.push(convertYaml(item as YamlNode, arr, text, syntax, aliasStack, budget, inAlias));
    return arr;
  }
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return { ...base, type: 'null', value: null };
    if (typeof v === 'string') {
      if (inAlias && (budget.expandedChars += v.length) > budget.limits.maxExpandedChars) return over(`aliases copy in more than ${budget.limits.maxExpandedChars} characters of strings`);
      return { ...base, type: 'string', value: v };
    }
    if (typeof v === 'number') return { ...base, type: 'number', value: v };
    if (typeof v === 'bigint') return { ...base, type: 'number', value: Number(v) };
    if (typeof v === 'boolean') return { ...base, type: 'boolean', value: v };
    // Dates and other tagged scalars are strings for a connector definition.
    return { ...base, type: 'string', value: v instanceof Date ? v.toISOString() : String(v) };
  }
  return { ...base, type: 'null', value: null };
}

/**
 * A resolved alias subtree placed at the alias: every node of the copy takes the alias's range
 * (the anchor's own positions are elsewhere in the file), so a finding inside it underlines the
 * alias that brought it in.
 */
function placeAt(node: TreeNode, offset: number, length: number): TreeNode {
  const stack: TreeNode[] = [node];
  while (stack.length) {
    const n = stack.pop()! as { -readonly [K in keyof TreeNode]: TreeNode[K] };
    n.offset = offset;
    n.length = length;
    if (n.type === 'property') n.colonOffset = offset;
    for (const c of n.children ?? []) stack.push(c);
  }
  return node;
}
