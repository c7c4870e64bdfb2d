// Batch validation of block-style YAML without a positioned tree (issue 20, item 6: YAML within 1.3x
// of the same connector in JSON). parseYamlLite reads the plain value of the common subset of YAML
// that connector definitions are written in — block mappings and sequences, plain and quoted
// scalars, `[]` and `{}`, comments — about three times faster than js-yaml composes it, and
// locateInYaml places a batch of JSON pointers in such a text with one pass that descends only into
// the members on the pointers' trie and skips every other value by its indentation.
//
// Both give up (undefined) on anything outside the subset — tabs, CR, a BOM, no-break spaces,
// non-printable characters, flow collections with content, block scalars, anchors, aliases, tags,
// explicit or complex keys, several documents, duplicate keys, `__proto__`, empty sequence entries,
// nesting or values past the budgets — and the caller then takes the positioned tree (parseYamlFast,
// or the tolerant `yaml` path), so what they accept they must read exactly as that tree: the same
// value (js-yaml's, YAML 1.2 core schema: plain scalars are resolved by js-yaml's own types) and the
// same ranges (test/unit/languageService/yamlLite.test.ts compares both over the corpus as YAML).
// Multi-line and escaped quoted scalars are decoded by js-yaml itself (a load of the scalar alone).
import { load as loadYaml, CORE_SCHEMA } from 'js-yaml';
import type { Location } from './locate';
import { answerQueries, buildTrie, type LocateQuery, type Trie } from './textLocate';

export interface YamlLiteLimits {
  /** Characters of text (each is at least one byte of UTF-8): past it, the tree path's size ceiling speaks. */
  maxAnalyzedBytes: number;
  /** Nesting of mappings and sequences. */
  maxNesting: number;
  /** Values in the document. */
  maxNodes: number;
}

/** The length the locator records for a value it does not place itself (see Locator.visit). */
const UNPLACED = -1;

/** Thrown (and caught inside this module) when the text leaves the subset. */
const GIVE_UP = Symbol('yaml-lite: outside the subset');

interface ImplicitType {
  resolve(data: string): boolean;
  construct(data: string): unknown;
}

/** js-yaml's core-schema resolvers for plain scalars (null, bool, int, float), in its own order. */
const IMPLICIT = (CORE_SCHEMA as unknown as { compiledImplicit: ImplicitType[] }).compiledImplicit;

/**
 * Whether the character at i (code c: not a line feed, and not printable ASCII) sends the whole text
 * to the tree path: a tab, CR, no-break space, BOM or YAML's other line breaks (the tree trims some
 * of them as spaces), or what js-yaml refuses as non-printable (it fails, and the tolerant path
 * decides), a lone surrogate among them. The readers check every character they scan with it, and
 * they scan all but spaces and comments (block scalars line by line, see block).
 */
function outside(text: string, i: number, c: number): boolean {
  if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) return true;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    return !(d >= 0xdc00 && d <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const b = text.charCodeAt(i - 1);
    return !(b >= 0xd800 && b <= 0xdbff);
  }
  return false;
}

const SPACE = 0x20;
const LF = 0x0a;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const BACKSLASH = 0x5c;

/** First characters of a node that are not a plain scalar we read (YAML indicators). */
function isIndicator(c: number): boolean {
  switch (c) {
    case 0x2d: // -  (as "- " it is a sequence entry; checked before)
    case 0x3f: // ?
    case 0x3a: // :
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x23: // #
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
    case DQUOTE:
    case SQUOTE:
      return true;
    default:
      return false;
  }
}

/**
 * Whether the plain scalar text[s, e) may be of a core type other than string: numbers start with a
 * digit, a sign or a dot; null is ~ or null, Null, NULL; booleans are true/false in three spellings.
 */
function maybeTyped(text: string, s: number, e: number): boolean {
  const c = text.charCodeAt(s);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x7e || e === s) return true;
  const len = e - s;
  if (len === 4) {
    if (c === 0x6e || c === 0x4e) return text.startsWith('null', s) || text.startsWith('Null', s) || text.startsWith('NULL', s);
    if (c === 0x74 || c === 0x54) return text.startsWith('true', s) || text.startsWith('True', s) || text.startsWith('TRUE', s);
  } else if (len === 5 && (c === 0x66 || c === 0x46)) return text.startsWith('false', s) || text.startsWith('False', s) || text.startsWith('FALSE', s);
  return false;
}

/** A plain scalar's value: js-yaml's core types where one may apply (maybeTyped), else the text itself. */
function resolvePlain(s: string): unknown {
  if (!maybeTyped(s, 0, s.length)) return s;
  for (const t of IMPLICIT) if (t.resolve(s)) return t.construct(s);
  return s;
}

/**
 * A quoted or block scalar decoded by js-yaml alone (escapes, line folding, chomping): exactly what
 * it reads in place (their content does not depend on the indentation of the line they start on).
 */
function decodeQuoted(raw: string): string {
  let v: unknown;
  try {
    v = loadYaml(raw, { schema: CORE_SCHEMA, json: true });
  } catch {
    throw giveUp();
  }
  if (typeof v !== 'string') throw giveUp();
  return v;
}

/** Whether a key is an array index ("200", not "007" or "4294967295"): V8 keeps such members as elements. */
function isArrayIndex(key: string): boolean {
  if (key.length > 10 || (key.length > 1 && key.charCodeAt(0) === 0x30)) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return Number(key) < 4294967295;
}

/** Past this many members added one by one, V8 turns an object into a dictionary (slow properties). */
const FAST_MEMBERS = 16;

/** Strings up to this length are shared within a document (keys and plain scalars repeat a lot). */
const SHARED_MAX = 40;
/** Plain values up to this length are shared too (a slice of them is a copy anyway). */
const SHARED_VALUE_MAX = 12;

class Reader {
  readonly n: number;
  /** The start of the line to read next (after a node: of the next content line, or n). */
  pos = 0;
  nodes = 0;
  depth = 0;
  /** The last key or scalar read: its range, and for a key its member name and the position after its colon. */
  start = 0;
  end = 0;
  name = '';
  afterColon = 0;
  /** Members of the mappings being read that are gathered to be laid out by JSON.parse (see mapping): names, their JSON, values. */
  private readonly laterNames: string[] = [];
  private readonly laterJson: string[] = [];
  private readonly laterValues: unknown[] = [];
  private laterTop = 0;
  /** Per shared string number, its JSON (a key's, for laidOutAsJson). */
  private readonly keyJson: (string | undefined)[] = [];
  /** The last quoted scalar read spans lines / holds an escape. */
  multiline = false;
  escaped = false;
  /** Shared short strings by a hash of their characters (see share): their number in `shared`. */
  private readonly byHash = new Map<number, number>();
  private readonly shared: string[] = [];
  /** The number of the string share or numberOf last gave (-1: not shared). */
  sharedId = -1;
  /** Per shared key number, the mapping that last had it (see mapping: duplicate keys). */
  private readonly stamps: number[] = [];
  private mappings = 0;
  /** The last line whose indentation indentAt measured, and that indentation (a line is asked about several times). */
  private indentLine = -1;
  private indentOf = 0;
  /** The span of the last line whose end lineEnd found: [endFrom, endAt] holds no line break. */
  private endFrom = -1;
  private endAt = -1;

  constructor(
    readonly text: string,
    readonly limits: YamlLiteLimits,
  ) {
    this.n = text.length;
  }

  /**
   * The text of [s, e): one string for each repeated short key or value ("type", "string",
   * "description"), found by a hash of its characters and compared in place, so most lines
   * allocate no string. Sets sharedId.
   */
  share(s: number, e: number, hashed?: number): string {
    const text = this.text;
    this.sharedId = -1;
    if (e - s > SHARED_MAX) return text.slice(s, e);
    let h = hashed ?? 0;
    if (hashed === undefined) for (let i = s; i < e; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    const id = this.byHash.get(h);
    if (id !== undefined) {
      const known = this.shared[id];
      // Another string with the same hash: not shared. (One startsWith: a string used as a property
      // key may have become a thin string, whose characters are slower to read one by one.)
      if (known.length !== e - s || !text.startsWith(known, s)) return text.slice(s, e);
      this.sharedId = id;
      return known;
    }
    const str = text.slice(s, e);
    this.sharedId = this.shared.length;
    this.byHash.set(h, this.sharedId);
    this.shared.push(str);
    this.keyJson.push(undefined);
    return str;
  }

  /** A string made otherwise (decoded, resolved) under the same numbering as share: sets sharedId. */
  numberOf(str: string): string {
    this.sharedId = -1;
    if (str.length > SHARED_MAX) return str;
    let h = 0;
    for (let i = 0; i < str.length; i++) h = (Math.imul(h, 31) + str.charCodeAt(i)) | 0;
    const id = this.byHash.get(h);
    if (id !== undefined) {
      if (this.shared[id] === str) this.sharedId = id;
      return str;
    }
    this.sharedId = this.shared.length;
    this.byHash.set(h, this.sharedId);
    this.shared.push(str);
    this.keyJson.push(undefined);
    return str;
  }

  lineEnd(p: number): number {
    if (p >= this.endFrom && p <= this.endAt) return this.endAt;
    const e = this.text.indexOf('\n', p);
    this.endFrom = p;
    this.endAt = e < 0 ? this.n : e;
    return this.endAt;
  }

  indentAt(lineStart: number): number {
    if (lineStart === this.indentLine) return this.indentOf;
    let i = lineStart;
    while (this.text.charCodeAt(i) === SPACE) i++;
    this.indentLine = lineStart;
    this.indentOf = i - lineStart;
    return this.indentOf;
  }

  /** The start of the first line from lineStart that holds content (not blank, not only a comment); n at the end. */
  contentLine(lineStart: number): number {
    const text = this.text;
    let p = lineStart;
    while (p < this.n) {
      const i = p + this.indentAt(p);
      const c = text.charCodeAt(i);
      if (i < this.n && c !== LF && c !== HASH) {
        // Document markers and directives: several documents are the tree path's.
        if (i === p && (c === DASH || c === 0x2e) && (text.startsWith('---', p) || text.startsWith('...', p))) throw giveUp();
        return p;
      }
      p = this.lineEnd(i) + 1;
    }
    return this.n;
  }

  /** After a value that ends at `end` on its line: only spaces, then a comment or the line's end. */
  endOfLine(end: number): void {
    const text = this.text;
    let i = end;
    while (text.charCodeAt(i) === SPACE) i++;
    if (i < this.n && text.charCodeAt(i) !== LF && !(text.charCodeAt(i) === HASH && i > end)) throw giveUp();
    this.pos = this.contentLine(this.lineEnd(i) + 1);
  }

  isEntry(q: number): boolean {
    if (this.text.charCodeAt(q) !== DASH) return false;
    const c = this.text.charCodeAt(q + 1);
    return q + 1 >= this.n || c === SPACE || c === LF;
  }

  count(): void {
    if (++this.nodes > this.limits.maxNodes) throw giveUp();
  }

  /**
   * The end of a quoted scalar opening at q (after its closing quote); sets multiline and escaped.
   * Continuation lines must be indented at least minIndent.
   */
  quotedEnd(q: number, minIndent: number): number {
    const text = this.text;
    const quote = text.charCodeAt(q);
    this.multiline = false;
    this.escaped = false;
    for (let i = q + 1; i < this.n; i++) {
      const c = text.charCodeAt(i);
      if ((c < 0x20 || c > 0x7e) && c !== LF && outside(text, i, c)) throw giveUp();
      if (c === quote) {
        if (quote === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) {
          this.escaped = true;
          i++;
          continue;
        }
        return i + 1;
      }
      if (c === BACKSLASH && quote === DQUOTE) {
        this.escaped = true;
        i++;
        const e = text.charCodeAt(i);
        if ((e < 0x20 || e > 0x7e) && e !== LF && outside(text, i, e)) throw giveUp();
        if (e !== LF) continue;
      }
      if (text.charCodeAt(i) === LF) {
        this.multiline = true;
        // A continuation line (blank lines fold into line breaks) must be indented past the parent.
        let j = i + 1;
        while (text.charCodeAt(j) === SPACE) j++;
        if (j >= this.n || (text.charCodeAt(j) !== LF && j - (i + 1) < minIndent)) throw giveUp();
      }
    }
    throw giveUp();
  }

  /**
   * The content of a plain scalar's line from q: where it ends (trailing spaces and a comment left
   * out). A ": " or a final ":" inside (a mapping where a scalar was expected) gives up.
   */
  plainLineEnd(q: number): number {
    const text = this.text;
    let last = q;
    for (let i = q; i < this.n; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) {
        // The line's end is known: lineEnd need not search for it.
        this.endFrom = q;
        this.endAt = i;
        break;
      }
      if ((c < 0x20 || c > 0x7e) && outside(text, i, c)) throw giveUp();
      if (c === SPACE) {
        if (text.charCodeAt(i + 1) === HASH) break;
        continue;
      }
      if (c === COLON) {
        const d = text.charCodeAt(i + 1);
        if (i + 1 >= this.n || d === SPACE || d === LF) throw giveUp();
      }
      last = i + 1;
    }
    return last;
  }

  /**
   * A plain scalar starting at q whose continuation lines are indented at least minIndent: its value
   * (lines joined by one space, as YAML folds them); sets start and end. A comment followed by more
   * lines of it, or a comment line inside, gives up.
   */
  plain(q: number, minIndent: number): unknown {
    const text = this.text;
    let end = this.plainLineEnd(q);
    let eol = this.lineEnd(end);
    let value: string | undefined;
    // Continuation lines: the next lines indented enough, up to a blank or shallower one.
    while (eol < this.n) {
      const next = eol + 1;
      const j = next + this.indentAt(next);
      if (j >= this.n || text.charCodeAt(j) === LF || j - next < minIndent) break;
      let k = end;
      while (text.charCodeAt(k) === SPACE) k++;
      if (k !== eol) throw giveUp(); // a comment, then more of the scalar: not ours
      if (text.charCodeAt(j) === HASH) throw giveUp(); // a comment line, then more: not ours
      const lineEnd = this.plainLineEnd(j);
      value = (value ?? text.slice(q, end)) + ' ' + text.slice(j, lineEnd);
      end = lineEnd;
      eol = this.lineEnd(end);
    }
    this.start = q;
    this.end = end;
    if (value !== undefined) return resolvePlain(value);
    if (maybeTyped(text, q, end)) return resolvePlain(text.slice(q, end));
    // Short values repeat ("string", "query", "integer"): shared, as JSON.parse shares short strings.
    return end - q <= SHARED_VALUE_MAX ? this.share(q, end) : text.slice(q, end);
  }

  /** A quoted scalar at q: its value; sets start and end. */
  quoted(q: number, minIndent: number): string {
    const end = this.quotedEnd(q, minIndent);
    this.start = q;
    this.end = end;
    return this.multiline || this.escaped ? decodeQuoted(this.text.slice(q, end)) : this.share(q + 1, end - 1);
  }

  /**
   * Whether the line holds a mapping key at q; if so sets its range (start, end), its member name
   * and the position after its colon.
   */
  key(q: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(q);
    if (c === DQUOTE || c === SQUOTE) {
      const end = this.quotedEnd(q, 0);
      if (this.multiline) return false; // a multi-line quoted scalar: not a key
      let i = end;
      while (text.charCodeAt(i) === SPACE) i++;
      if (text.charCodeAt(i) !== COLON) return false;
      const d = text.charCodeAt(i + 1);
      if (!(i + 1 >= this.n || d === SPACE || d === LF)) throw giveUp();
      this.name = this.escaped ? this.numberOf(decodeQuoted(text.slice(q, end))) : this.share(q + 1, end - 1);
      this.start = q;
      this.end = end;
      this.afterColon = i + 1;
      return true;
    }
    // An entry, a flow collection or any other indicator first: not a key we read (the caller decides).
    if (isIndicator(c)) return false;
    let last = q;
    // The hash share uses, of the characters up to each one (hashLast: up to `last`, spaces after it left out).
    let hash = 0;
    let hashLast = 0;
    for (let i = q; i < this.n; i++) {
      const d = text.charCodeAt(i);
      if (d === LF) return false;
      if ((d < 0x20 || d > 0x7e) && outside(text, i, d)) throw giveUp();
      if (d === SPACE) {
        if (text.charCodeAt(i + 1) === HASH) return false;
        hash = (Math.imul(hash, 31) + d) | 0;
        continue;
      }
      if (d === COLON) {
        const e = text.charCodeAt(i + 1);
        if (i + 1 >= this.n || e === SPACE || e === LF) {
          this.name = maybeTyped(text, q, last) ? this.numberOf(String(resolvePlain(text.slice(q, last)))) : this.share(q, last, hashLast);
          this.start = q;
          this.end = last;
          this.afterColon = i + 1;
          return true;
        }
      }
      hash = (Math.imul(hash, 31) + d) | 0;
      hashLast = hash;
      last = i + 1;
    }
    return false;
  }

  /** `[]` or `{}` at q (anything else in flow style gives up); leaves pos after its line. */
  emptyFlow(q: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(q);
    if (!((c === 0x5b && text.charCodeAt(q + 1) === 0x5d) || (c === 0x7b && text.charCodeAt(q + 1) === 0x7d))) throw giveUp();
    this.start = q;
    this.end = q + 2;
    this.endOfLine(q + 2);
    return c === 0x5b ? [] : {};
  }

  /**
   * The value of a node whose first character is at q (on the line starting at lineStart); its
   * continuation lines and nested content are indented deeper than parentIndent.
   */
  node(q: number, lineStart: number, parentIndent: number): unknown {
    this.count();
    if (this.isEntry(q)) return this.sequence(q, q - lineStart);
    if (this.key(q)) return this.mapping(q - lineStart);
    return this.scalar(q, parentIndent);
  }

  /**
   * A block scalar (`|` or `>`, with an optional chomping indicator) at q whose content lines are
   * indented deeper than parentIndent: its value (js-yaml reads it alone); sets start and end as the
   * tree has them (to after the line break ending its last non-space character) and pos after it.
   * An indentation indicator, an empty block, a blank line before the content deeper than it, or a
   * line shallower than the content but deeper than the parent gives up.
   */
  block(q: number, parentIndent: number): string {
    const text = this.text;
    let i = q + 1;
    const chomp = text.charCodeAt(i);
    if (chomp === 0x2b || chomp === DASH) i++;
    let k = i;
    while (text.charCodeAt(k) === SPACE) k++;
    if (k < this.n && text.charCodeAt(k) !== LF && !(text.charCodeAt(k) === HASH && k > i)) throw giveUp();
    let p = this.lineEnd(k) + 1;
    let content = -1;
    let leadingBlank = 0;
    while (p < this.n) {
      const indent = this.indentAt(p);
      const j = p + indent;
      if (j >= this.n || text.charCodeAt(j) === LF) {
        if (content < 0) leadingBlank = Math.max(leadingBlank, indent);
        p = j + 1;
        continue;
      }
      if (indent <= parentIndent) break;
      if (content < 0) content = indent;
      else if (indent < content) throw giveUp();
      p = this.lineEnd(j) + 1;
    }
    if (p > this.n) p = this.n;
    if (content < 0 || leadingBlank > content) throw giveUp();
    for (let c = k; c < p; c++) {
      const d = text.charCodeAt(c);
      if ((d < 0x20 || d > 0x7e) && d !== LF && outside(text, c, d)) throw giveUp();
    }
    let end = p;
    while (end > q && (text.charCodeAt(end - 1) === SPACE || text.charCodeAt(end - 1) === LF)) end--;
    if (text.charCodeAt(end) === LF) end++;
    this.start = q;
    this.end = end;
    this.pos = this.contentLine(p);
    return decodeQuoted(text.slice(q, p));
  }

  /** A scalar value at q (it may continue on lines indented past parentIndent); leaves pos after it. */
  scalar(q: number, parentIndent: number): unknown {
    const c = this.text.charCodeAt(q);
    if (c === 0x5b || c === 0x7b) return this.emptyFlow(q);
    if (c === 0x7c || c === 0x3e) return this.block(q, parentIndent);
    let value: unknown;
    if (c === DQUOTE || c === SQUOTE) value = this.quoted(q, parentIndent + 1);
    else if (isIndicator(c) && (c !== DASH || this.isEntry(q))) throw giveUp();
    else value = this.plain(q, parentIndent + 1);
    this.endOfLine(this.end);
    return value;
  }

  enter(): void {
    if (++this.depth > this.limits.maxNesting) throw giveUp();
  }

  /** A mapping at column col whose first key was just read (key()). */
  /**
   * A mapping at column col whose first key was just read (key()).
   *
   * Two kinds of mapping are laid out as JSON.parse lays them out, because V8 stores them badly when
   * members are added one by one, which slowed every rule that reads or lists their members: one with
   * an index key (status codes in `responses`: "200", then "400", "500" grow a holey array of elements
   * sized past the largest index, some 600 slots or 5 KB, where JSON.parse makes a small dictionary;
   * that was most of the memory of a large definition's value), and one with more than FAST_MEMBERS
   * members (a dictionary, where JSON.parse keeps up to 127 members fast). From the first index key or
   * the member past FAST_MEMBERS on, members are gathered on the `later*` stacks instead of being
   * added; at the end all the keys are parsed from JSON with placeholder values (JSON.parse chooses
   * the layout, and enumerates index keys first, ascending, as it would for the original) and every
   * value is set.
   */
  mapping(col: number): Record<string, unknown> {
    this.enter();
    const obj: Record<string, unknown> = {};
    const serial = ++this.mappings;
    let members = 0;
    // The first member gathered on the later* stacks (-1: none), and the longer names among them (duplicates).
    let later = -1;
    let laterNames: Set<string> | undefined;
    for (;;) {
      this.count();
      const name = this.name;
      // Duplicate keys: a shared name is stamped with this mapping's number; another one is looked up
      // (a missing member reads undefined: values are never undefined; inherited ones need the own check).
      const id = this.sharedId;
      if (id >= 0) {
        if (this.stamps[id] === serial) throw giveUp();
        this.stamps[id] = serial;
      } else if ((obj[name] !== undefined && Object.prototype.hasOwnProperty.call(obj, name)) || laterNames?.has(name)) throw giveUp();
      if (name === '__proto__') throw giveUp();
      if (later < 0) {
        const first = name.charCodeAt(0);
        if (++members > FAST_MEMBERS || (first >= 0x30 && first <= 0x39 && isArrayIndex(name))) later = this.laterTop;
      }
      if (later < 0) obj[name] = this.memberValue(this.afterColon, col);
      else {
        const json = id >= 0 ? (this.keyJson[id] ??= JSON.stringify(name)) : JSON.stringify(name);
        if (id < 0) (laterNames ??= new Set()).add(name);
        const value = this.memberValue(this.afterColon, col);
        const at = this.laterTop++;
        this.laterNames[at] = name;
        this.laterJson[at] = json;
        this.laterValues[at] = value;
      }
      const next = this.pos;
      if (next >= this.n) break;
      const indent = this.indentAt(next);
      if (indent < col) break;
      if (indent > col || this.isEntry(next + indent) || !this.key(next + indent)) throw giveUp();
    }
    this.depth--;
    return later < 0 ? obj : this.laidOutAsJson(obj, later);
  }

  /** The mapping whose first members are in obj and the others on the later* stacks from `from`, laid out by JSON.parse (see mapping). */
  private laidOutAsJson(obj: Record<string, unknown>, from: number): Record<string, unknown> {
    const keys = Object.keys(obj);
    let skeleton = '{';
    for (const k of keys) skeleton += JSON.stringify(k) + ':0,';
    for (let i = from; i < this.laterTop; i++) skeleton += this.laterJson[i] + (i + 1 < this.laterTop ? ':0,' : ':0}');
    const out = JSON.parse(skeleton) as Record<string, unknown>;
    for (const k of keys) out[k] = obj[k];
    for (let i = from; i < this.laterTop; i++) {
      out[this.laterNames[i]] = this.laterValues[i];
      this.laterValues[i] = undefined;
    }
    this.laterTop = from;
    return out;
  }

  /** The value after a key's colon at v (of a mapping at column col). */
  memberValue(v: number, col: number): unknown {
    const text = this.text;
    let i = v;
    while (text.charCodeAt(i) === SPACE) i++;
    if (i >= this.n || text.charCodeAt(i) === LF || text.charCodeAt(i) === HASH) {
      // The value is on the next lines: deeper, or a sequence at the key's own indentation.
      const next = this.contentLine(this.lineEnd(i) + 1);
      if (next < this.n) {
        const indent = this.indentAt(next);
        if (indent > col || (indent === col && this.isEntry(next + indent))) return this.node(next + indent, next, col);
      }
      this.pos = next;
      this.count();
      return null;
    }
    if (this.isEntry(i)) throw giveUp(); // "a: - b"
    this.count();
    return this.scalar(i, col);
  }

  /** A block sequence whose first "-" is at column col. */
  sequence(q: number, col: number): unknown[] {
    this.enter();
    const text = this.text;
    const arr: unknown[] = [];
    let lineStart = q - col;
    for (;;) {
      let i = q + 1;
      while (text.charCodeAt(i) === SPACE) i++;
      if (i >= this.n || text.charCodeAt(i) === LF || text.charCodeAt(i) === HASH) {
        // "-" alone: the entry is on the next lines, deeper (an empty entry is the tree path's).
        const next = this.contentLine(this.lineEnd(i) + 1);
        if (next >= this.n || this.indentAt(next) <= col) throw giveUp();
        arr.push(this.node(next + this.indentAt(next), next, col));
      } else arr.push(this.node(i, lineStart, col));
      const next = this.pos;
      if (next >= this.n) break;
      const indent = this.indentAt(next);
      if (indent < col) break;
      if (indent > col) throw giveUp();
      if (!this.isEntry(next + indent)) break; // the next key of a mapping at this indentation
      lineStart = next;
      q = next + indent;
    }
    this.depth--;
    return arr;
  }

  /** The root: one mapping, and nothing after it. */
  root(): Record<string, unknown> {
    const first = this.contentLine(0);
    if (first >= this.n) throw giveUp();
    const q = first + this.indentAt(first);
    if (this.isEntry(q) || !this.key(q)) throw giveUp();
    this.count();
    const value = this.mapping(q - first);
    if (this.pos < this.n) throw giveUp();
    return value;
  }
}


/**
 * The plain value of a block-style YAML connector file, as the positioned tree's path reads it;
 * undefined when the text is outside the subset (see the top of this file).
 */
export function parseYamlLite(text: string, limits: YamlLiteLimits): { value: Record<string, unknown> } | undefined {
  if (text.length === 0 || text.length > limits.maxAnalyzedBytes) return undefined;
  try {
    return { value: new Reader(text, limits).root() };
  } catch (e) {
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
}

const SHALLOW = new Map<number, RegExp>();

/** A line break followed by a line indented at most col whose first character is not a space, a line feed or #. */
function shallowLine(col: number): RegExp {
  let re = SHALLOW.get(col);
  if (!re) SHALLOW.set(col, (re = new RegExp(`\\n {0,${col}}[^ \\n#]`, 'g')));
  return re;
}

/**
 * The locator: the same reading, but only along the trie of the wanted pointers. A member or
 * element off the trie is skipped by indentation (every line of a value is indented past its key,
 * or is a "- " entry at the key's indentation), without reading it.
 */
class Locator extends Reader {
  /** Records a node's place on the trie nodes naming it. */
  mark(nodes: readonly Trie[], keyOffset: number, keyLength: number, offset: number, length: number): void {
    for (const t of nodes) {
      t.found = true;
      t.keyOffset = keyOffset;
      t.keyLength = keyLength;
      t.valueOffset = offset;
      t.valueLength = length;
    }
  }

  /**
   * Moves pos past the lines from `from` that belong to a value: those indented past col, and
   * (for a member, not an entry) "- " entries at col.
   */
  skip(from: number, col: number, entriesAtCol: boolean): void {
    // The first line from `from` indented at most col whose first character is not a comment's: found
    // by a regular expression (native), then, for a member, "- " entries at col passed over.
    const text = this.text;
    let p = this.contentLine(from);
    if (p >= this.n || this.indentAt(p) <= col && !(entriesAtCol && this.indentAt(p) === col && this.isEntry(p + col))) {
      this.pos = p;
      return;
    }
    const shallow = shallowLine(col);
    for (;;) {
      shallow.lastIndex = p;
      const m = shallow.exec(text);
      if (!m) {
        this.pos = this.n;
        return;
      }
      p = m.index + 1;
      if (!(entriesAtCol && this.indentAt(p) === col && this.isEntry(p + col))) break;
    }
    this.pos = this.contentLine(p);
  }


  /**
   * The node at q (on the line starting at lineStart, inside a parent at column parentIndent; a
   * member's value when member): records its place for the trie nodes naming it (with its key's),
   * enters it when some of them want more, else skips it.
   */
  visit(nodes: Trie[], keyOffset: number, keyLength: number, q: number, lineStart: number, parentIndent: number, member: boolean): void {
    const text = this.text;
    let wanted: Trie[] | undefined;
    for (const t of nodes) if (t.members) (wanted ??= []).push(t);
    if (this.isEntry(q)) {
      this.mark(nodes, keyOffset, keyLength, q, 1);
      if (wanted) this.locateSequence(wanted, q, q - lineStart);
      else this.skip(this.lineEnd(q) + 1, parentIndent, member);
      return;
    }
    const c = text.charCodeAt(q);
    if (c === 0x5b || c === 0x7b) {
      this.mark(nodes, keyOffset, keyLength, q, 1);
      this.emptyFlow(q);
      return;
    }
    if (this.key(q)) {
      this.mark(nodes, keyOffset, keyLength, q, 1);
      if (wanted) this.locateMapping(wanted, q - lineStart);
      else this.skip(this.lineEnd(q) + 1, parentIndent, member);
      return;
    }
    if (c === 0x7c || c === 0x3e) {
      this.block(q, parentIndent);
      // Where a block scalar ends in the tree depends on js-yaml's events (a trailing space inside a
      // compact mapping, say): a place on its value is left to the tree (UNPLACED), its key is not.
      this.mark(nodes, keyOffset, keyLength, this.start, UNPLACED);
      return;
    }
    if (c === DQUOTE || c === SQUOTE) this.quoted(q, parentIndent + 1);
    else this.plain(q, parentIndent + 1);
    this.mark(nodes, keyOffset, keyLength, this.start, this.end - this.start);
    this.endOfLine(this.end);
  }

  /**
   * Gives up when a comment lies in [from, to): before a value on its own lines the tree's range
   * starts where js-yaml's events do, which take comments in.
   */
  noComment(from: number, to: number): void {
    for (let i = from; i < to; i++) if (this.text.charCodeAt(i) === HASH) throw giveUp();
  }

  /** A mapping at column col whose first key was just read. */
  locateMapping(tries: Trie[], col: number): void {
    const text = this.text;
    for (;;) {
      let children: Trie[] | undefined;
      const name = this.name;
      for (const t of tries) {
        const child = t.members!.get(name);
        if (child) (children ??= []).push(child);
      }
      const keyOffset = this.start;
      const keyLength = this.end - this.start;
      let i = this.afterColon;
      while (text.charCodeAt(i) === SPACE) i++;
      const onKeyLine = !(i >= this.n || text.charCodeAt(i) === LF || text.charCodeAt(i) === HASH);
      if (!children) this.skip(this.lineEnd(i) + 1, col, !onKeyLine);
      else if (onKeyLine) this.visit(children, keyOffset, keyLength, i, this.lineStartOf(i), col, true);
      else {
        const next = this.contentLine(this.lineEnd(i) + 1);
        const indent = next < this.n ? this.indentAt(next) : -1;
        // An empty value: the tree places it by js-yaml's events (parseYamlFast), not here.
        if (!(indent > col || (indent === col && this.isEntry(next + indent)))) throw giveUp();
        this.noComment(i, next);
        this.visit(children, keyOffset, keyLength, next + indent, next, col, true);
      }
      const next = this.pos;
      if (next >= this.n) return;
      const indent = this.indentAt(next);
      if (indent !== col || !this.key(next + indent)) return;
    }
  }

  /** The start of the line holding offset i. */
  lineStartOf(i: number): number {
    return this.text.lastIndexOf('\n', i - 1) + 1;
  }

  /** A block sequence whose first "-" is at q, column col. */
  locateSequence(tries: Trie[], q: number, col: number): void {
    const text = this.text;
    for (let index = 0; ; index++) {
      let children: Trie[] | undefined;
      for (const t of tries) {
        const list = t.elements?.get(index);
        if (list) (children ??= []).push(...list);
      }
      let i = q + 1;
      while (text.charCodeAt(i) === SPACE) i++;
      const onDashLine = !(i >= this.n || text.charCodeAt(i) === LF || text.charCodeAt(i) === HASH);
      if (!children) this.skip(this.lineEnd(i) + 1, col, false);
      else if (onDashLine) this.visit(children, -1, 0, i, q - col, col, false);
      else {
        const next = this.contentLine(this.lineEnd(i) + 1);
        this.noComment(i, next);
        this.visit(children, -1, 0, next + this.indentAt(next), next, col, false);
      }
      const next = this.pos;
      if (next >= this.n) return;
      const indent = this.indentAt(next);
      if (indent !== col || !this.isEntry(next + indent)) return;
      q = next + indent;
    }
  }

  locateRoot(root: Trie): void {
    const first = this.contentLine(0);
    const q = first + this.indentAt(first);
    if (!this.key(q)) throw giveUp();
    this.mark([root], -1, 0, q, 1);
    if (root.members) this.locateMapping([root], q - first);
  }
}

/**
 * Where each query's pointer lives in a YAML text that parseYamlLite accepted (only such a text: the
 * characters outside the subset are checked by that reading), in the order of the queries: the same
 * answers as locatePointer over the positioned tree. Undefined when a pointer leads to something
 * this pass does not place exactly (an empty value, a block scalar's value): the caller reads the tree.
 */
export function locateInYaml(text: string, queries: readonly LocateQuery[], limits: YamlLiteLimits): Location[] | undefined {
  const { root, ends } = buildTrie(queries);
  try {
    new Locator(text, limits).locateRoot(root);
  } catch (e) {
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
  const places = answerQueries(root, ends, queries);
  for (const p of places) if (p.length === UNPLACED) return undefined;
  return places;
}
/** What a reader throws to give up (caught by parseYamlLite and locateInYaml). */
function giveUp(): symbol {
  return GIVE_UP;
}
