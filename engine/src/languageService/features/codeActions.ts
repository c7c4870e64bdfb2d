// Quick fixes for rules where a fix is safe, plus the "extract inline schema to a definition"
// refactoring. Each fix is a minimal edit (see textEdits.ts) the user sees before applying.
import type { ParsedDocument } from '../parseDocument';
import { HTTP_METHODS, isObject, valueAtPath as valueAt } from '../connectorIndex';
import { pointerToPath, type PathSegment } from '../tree';
import { nodeAt, removeMember, renameKey, setValue, type TextEditSpan } from './textEdits';
import { EXTENSIONS } from './xmsCatalog';
import { addConnectionParametersEdit, missingConnectionParameters } from './connectionParameterFix';
import { operationParameters } from '../../../../shared/src/swagger/operationModel';
import { AGENTIC_PROTOCOL_KEY, AGENTIC_PROTOCOL_VALUES } from '../../../../shared/src/mcp/agenticProtocol';

export interface DiagnosticRef {
  ruleId: string;
  pointer?: string;
  message: string;
}

export interface FileEdit extends TextEditSpan {
  file: 'definition' | 'properties';
}

export interface CodeActionResult {
  title: string;
  kind: 'quickfix' | 'refactor.extract';
  ruleId?: string;
  edits: FileEdit[];
  isPreferred?: boolean;
}

export interface ActionContext {
  file: 'definition' | 'properties';
  definition?: ParsedDocument;
  properties?: ParsedDocument;
}

export function quickFixes(ctx: ActionContext, diagnostic: DiagnosticRef): CodeActionResult[] {
  const def = ctx.definition;
  if (!diagnostic.pointer) return [];
  const path = typedPath(def?.value, pointerToPath(diagnostic.pointer));
  const fix = (title: string, file: FileEdit['file'], edits: TextEditSpan[]): CodeActionResult[] =>
    edits.length ? [{ title, kind: 'quickfix', ruleId: diagnostic.ruleId, edits: edits.map((e) => ({ ...e, file })), isPreferred: true }] : [];
  if (ctx.file === 'definition' && def && isObject(def.value)) {
    const root = def.value;
    const opPath = operationPath(path);
    const op = opPath ? (valueAt(root, opPath) as Record<string, unknown> | undefined) : undefined;
    switch (diagnostic.ruleId) {
      case 'operation-summary-required':
        if (opPath && isObject(op)) return fix('Add a summary', 'definition', setValue(def, [...opPath, 'summary'], summaryFrom(op, opPath), 'operationId'));
        break;
      case 'operation-description-required':
        if (opPath && isObject(op)) return fix('Add a description', 'definition', setValue(def, [...opPath, 'description'], `${summaryFrom(op, opPath)}.`, 'summary'));
        break;
      case 'operation-id-required':
        if (opPath && isObject(op)) return fix(`Add operationId "${uniqueOperationId(root, op, opPath)}"`, 'definition', setValue(def, [...opPath, 'operationId'], uniqueOperationId(root, op, opPath)));
        break;
      case 'x-ms-summary-required':
      case 'x-ms-summary-property':
      case 'parameter-description-required': {
        const target = findNamedObject(root, path);
        if (!target) break;
        const label = titleCase(target.name);
        return diagnostic.ruleId !== 'parameter-description-required'
          ? fix(`Add x-ms-summary "${label}"`, 'definition', setValue(def, [...target.path, 'x-ms-summary'], label))
          : fix('Add a description', 'definition', setValue(def, [...target.path, 'description'], `The ${label.toLowerCase()}.`));
      }
      case 'path-param-required': {
        const target = findNamedObject(root, path);
        if (target) return fix('Mark the path parameter as required', 'definition', setValue(def, [...target.path, 'required'], true, 'in'));
        break;
      }
      case 'path-param-declared':
        if (opPath) return declareMissingPathParameters(def, root, opPath, fix);
        break;
      case 'x-ms-unknown-extension':
      case 'extension-name-prefix': {
        const keyNode = nodeAt(def, path)?.parent?.children?.[0];
        const wrong = String(path[path.length - 1]);
        const suggestion = suggestExtension(wrong);
        if (keyNode && suggestion) return fix(`Rename to "${suggestion}"`, 'definition', [renameKey(def, keyNode, suggestion)]);
        break;
      }
      case 'mcp-protocol-value': {
        // Only a value that is meant as MCP (a typo, the retired SSE value, a non-string): the fix is the one known value.
        const known = AGENTIC_PROTOCOL_VALUES[0];
        if (path[path.length - 1] === AGENTIC_PROTOCOL_KEY && /did you mean|retired|must be a string/i.test(diagnostic.message)) return fix(`Use "${known}"`, 'definition', setValue(def, path, known));
        break;
      }
      case 'definition-unused':
        if (path[0] === 'definitions' && path.length === 2) return fix(`Remove unused definition "${path[1]}"`, 'definition', removeMember(def, path));
        break;
    }
  }
  if (ctx.file === 'properties' && ctx.properties && diagnostic.ruleId === 'auth-kind-consistency') {
    const missing = missingConnectionParameters(def?.value, ctx.properties.value);
    const names = missing.flatMap((m) => Object.keys(m.parameters));
    const title = `Add connection parameter${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')} for ${missing.map((m) => `"${m.scheme}"`).join(', ')}`;
    return fix(title, 'properties', addConnectionParametersEdit(ctx.properties, missing));
  }
  return [];
}

/** "Extract to definition" for an inline object schema under the cursor's path. */
export function extractSchemaAction(ctx: ActionContext, path: PathSegment[]): CodeActionResult | undefined {
  const def = ctx.definition;
  if (ctx.file !== 'definition' || !def || !isObject(def.value)) return undefined;
  const at = path.lastIndexOf('schema');
  if (at < 0) return undefined;
  const schemaPath = path.slice(0, at + 1);
  const schema = valueAt(def.value, schemaPath);
  if (!isObject(schema) || typeof schema.$ref === 'string' || (schema.type !== 'object' && !isObject(schema.properties))) return undefined;
  const definitions = isObject(def.value.definitions) ? def.value.definitions : {};
  const opPath = operationPath(schemaPath);
  const op = opPath ? valueAt(def.value, opPath) : undefined;
  const base = (isObject(op) && typeof op.operationId === 'string' ? op.operationId : 'Inline') + (schemaPath.includes('responses') ? 'Response' : 'Body');
  let name = base;
  for (let i = 2; name in definitions; i++) name = `${base}${i}`;
  const addDefinition = setValue(def, ['definitions', name], schema);
  const replace = setValue(def, schemaPath, { $ref: `#/definitions/${name}` });
  // Two edits on one text: apply the later one first is the client's job; they do not overlap.
  return { title: `Extract schema to definition "${name}"`, kind: 'refactor.extract', edits: [...replace, ...addDefinition].map((e) => ({ ...e, file: 'definition' as const })) };
}

function declareMissingPathParameters(def: ParsedDocument, root: Record<string, unknown>, opPath: PathSegment[], fix: (t: string, f: FileEdit['file'], e: TextEditSpan[]) => CodeActionResult[]): CodeActionResult[] {
  const template = String(opPath[1]);
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const op = valueAt(root, opPath) as Record<string, unknown>;
  const pathItem = valueAt(root, opPath.slice(0, 2)) as Record<string, unknown>;
  const declared = new Set(
    operationParameters(root, template, String(opPath[2]), pathItem, op)
      .filter((p) => p.resolved && p.in === 'path')
      .map((p) => String(p.param.name)),
  );
  const missing = names.filter((n) => !declared.has(n));
  if (!missing.length) return [];
  const params = [...asArray(op.parameters), ...missing.map((name) => ({ name, in: 'path', required: true, type: 'string', 'x-ms-summary': titleCase(name), description: `The ${titleCase(name).toLowerCase()}.`, 'x-ms-url-encoding': 'single' }))];
  return fix(`Declare path parameter${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`, 'definition', setValue(def, [...opPath, 'parameters'], params, 'description'));
}

/** The nearest enclosing object with a "name" (a parameter) or a schema property name. */
function findNamedObject(root: unknown, path: PathSegment[]): { path: PathSegment[]; name: string } | undefined {
  // A parameter list entry that is a reference ("$ref": "#/parameters/x"): the fix goes on the target.
  const at = valueAt(root, path);
  if (isObject(at) && typeof at.$ref === 'string' && at.$ref.startsWith('#/parameters/')) {
    const target = pointerToPath(at.$ref.slice(1));
    const v = valueAt(root, target);
    if (isObject(v) && typeof v.name === 'string') return { path: target, name: v.name };
  }
  for (let n = path.length; n > 0; n--) {
    const p = path.slice(0, n);
    const v = valueAt(root, p);
    if (isObject(v) && typeof v.name === 'string' && typeof v.in === 'string') return { path: p, name: v.name };
    if (isObject(v) && p[p.length - 2] === 'properties') return { path: p, name: String(p[p.length - 1]) };
  }
  return undefined;
}

function operationPath(path: PathSegment[]): PathSegment[] | undefined {
  if (path[0] !== 'paths' || path.length < 3) return undefined;
  return (HTTP_METHODS as readonly string[]).includes(String(path[2])) ? path.slice(0, 3) : undefined;
}

function summaryFrom(op: Record<string, unknown>, opPath: PathSegment[]): string {
  if (typeof op.operationId === 'string' && op.operationId) {
    const words = op.operationId.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').trim().toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  const method = String(opPath[2]);
  const verb = ({ get: 'Get', post: 'Create', put: 'Replace', patch: 'Update', delete: 'Delete' } as Record<string, string>)[method] ?? 'Call';
  const noun = String(opPath[1]).split('/').filter((s) => s && !s.startsWith('{')).pop() ?? 'item';
  return `${verb} ${noun.replace(/[^A-Za-z0-9 ]/g, ' ').trim()}`;
}

/** A valid (letters, digits, underscore), unique operationId from the summary or method + path. */
export function uniqueOperationId(root: Record<string, unknown>, op: Record<string, unknown>, opPath: PathSegment[]): string {
  const source = typeof op.summary === 'string' && op.summary.trim() ? op.summary : summaryFrom({}, opPath);
  let base = source
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  if (!base || /^\d/.test(base)) base = 'Operation' + base;
  const taken = new Set<string>();
  const paths = isObject(root.paths) ? root.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const m of HTTP_METHODS) {
      const o = item[m];
      if (isObject(o) && typeof o.operationId === 'string') taken.add(o.operationId);
    }
  }
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}${i}`;
  return id;
}

export function suggestExtension(wrong: string): string | undefined {
  const lower = wrong.toLowerCase();
  const candidates = EXTENSIONS.map((e) => e.key).filter((k) => k.startsWith('x-ms-'));
  const exact = candidates.find((k) => k.toLowerCase() === lower || k.toLowerCase() === `x-${lower}` || k.toLowerCase() === lower.replace(/^xms-/, 'x-ms-'));
  if (exact) return exact;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of candidates) {
    const d = distance(lower, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= Math.max(2, Math.floor(wrong.length / 6)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

function titleCase(name: string): string {
  return name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .filter(Boolean)
    .map((w) => (/^(id|url|uri)$/i.test(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}


/** Pointer segments with array indexes as numbers (jsonc-parser's edit API needs them typed). */
function typedPath(root: unknown, segments: string[]): PathSegment[] {
  const out: PathSegment[] = [];
  let cur = root;
  for (const seg of segments) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) {
      out.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      out.push(seg);
      cur = isObject(cur) ? cur[seg] : undefined;
    }
  }
  return out;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
