// Rule family 4 (x-ms extensions), display and value extensions: x-ms-summary, x-ms-visibility,
// x-ms-enum-values, x-ms-url-encoding, x-ms-media-kind, x-ms-editor, boolean extensions, x-ms-test-value.
import { isObject, resolveLocalRef, type JsonObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule, RuleContext } from './types';
import { segmentBeforeLast, walkSwagger, type ExtensionUse, type WalkedNode } from './util/swaggerWalk';
import { visibleParameters } from './util/parameters';
import { isInternal } from './util/visibility';
import { decodePointerToken, followRefs } from '../../../shared/src/swagger/pointer';

const uses = (ctx: RuleContext, key: string): ExtensionUse[] => walkSwagger(ctx.index.definitionValue).extensionsByKey.get(key) ?? [];

/** A schema that is a member of its parent's `properties`. */
export function isProperty(node: WalkedNode): boolean {
  return node.kind === 'schema' && node.parent?.kind === 'schema' && segmentBeforeLast(node) === 'properties';
}

function isRequiredProperty(node: WalkedNode): boolean {
  const req = node.parent?.value.required;
  return Array.isArray(req) && req.includes(node.key);
}

function describe(node: WalkedNode): string {
  if (node.kind === 'parameter') return typeof node.value.name === 'string' ? `Parameter "${node.value.name}"` : 'Parameter';
  if (isProperty(node)) return `Property "${String(node.key)}"`;
  if (node.kind === 'operation') return `Operation ${String(node.path[node.path.length - 1]).toUpperCase()} ${String(node.path[1])}`;
  return node.kind === 'schema' ? 'Schema' : node.kind === 'root' ? 'The definition root' : node.kind === 'pathItem' ? `Path item "${String(node.key)}"` : node.kind[0].toUpperCase() + node.kind.slice(1);
}

const summaryRules: Rule = {
  ids: ['x-ms-summary-shape', 'x-ms-summary-length', 'x-ms-summary-required', 'x-ms-summary-property'],
  check(ctx) {
    const { report } = ctx;
    for (const u of uses(ctx, 'x-ms-summary')) {
      if (typeof u.value !== 'string') {
        report({ ruleId: 'x-ms-summary-shape', pointer: u.pointer, target: 'value', message: `x-ms-summary must be a string display name, not ${JSON.stringify(u.value)?.slice(0, 40)}.` });
        continue;
      }
      const k = u.node.kind;
      if (k === 'operation') report({ ruleId: 'x-ms-summary-shape', pointer: u.pointer, message: `x-ms-summary is not used on operations; put the action name in "summary" instead.` });
      else if (k !== 'parameter' && k !== 'schema' && k !== 'response' && k !== 'header' && k !== 'extension' && k !== 'other') {
        report({ ruleId: 'x-ms-summary-shape', pointer: u.pointer, message: `x-ms-summary is not used on ${describe(u.node).toLowerCase()}; it belongs on parameters, schema properties and responses.` });
      }
      if (u.value.length > 80) report({ ruleId: 'x-ms-summary-length', pointer: u.pointer, target: 'value', message: `x-ms-summary is ${u.value.length} characters long; keep display names at most 80 characters.` });
    }
    checkSummaryRequired(ctx);
  },
};

/**
 * Visible parameters need a display name (Microsoft: "The 'x-ms-summary' property is required.",
 * at …/parameters/N); visible request-body properties are advised to have one.
 */
function checkSummaryRequired(ctx: RuleContext): void {
  const def = ctx.index.definitionValue;
  for (const { p, op } of visibleParameters(def, ctx.index.operations)) {
    if (p.param['x-ms-summary'] !== undefined) continue;
    const shared = p.ref !== undefined ? ` (the shared parameter ${p.ref})` : '';
    ctx.report({ ruleId: 'x-ms-summary-required', pointer: p.pointer, message: `The 'x-ms-summary' property is required. ${p.name !== undefined ? `Parameter "${p.name}"` : 'A parameter'}${shared} of ${op.method.toUpperCase()} ${op.path} has no display name; add "x-ms-summary": "${titleCase(String(p.name ?? 'Value'))}"${shared ? ` to ${p.ref}` : ''}.` });
  }
  const walk = walkSwagger(def);
  const bodyDefs = requestDefinitions(def, walk.nodes);
  for (const n of walk.nodes) {
    if (n.value['x-ms-summary'] !== undefined || isInternal(n.value)) continue;
    if (!isProperty(n) || typeof n.value.$ref === 'string') continue;
    const top = n.path[0] === 'definitions' ? String(n.path[1]) : undefined;
    const requestSide = n.side === 'request' || (top !== undefined && bodyDefs.has(top));
    if (!requestSide || hasInternalAncestor(n) || inInternalOperation(def, n)) continue;
    ctx.report({ ruleId: 'x-ms-summary-property', pointer: pointerOf(n), message: `${describe(n)} of a request body has no x-ms-summary; makers see the raw name. Add a short display name (e.g. "${titleCase(String(n.key))}").` });
  }
}

/** True for nodes inside an operation marked `x-ms-visibility: internal`. */
function inInternalOperation(def: JsonObject | undefined, n: WalkedNode): boolean {
  if (n.path[0] !== 'paths' || n.path.length < 3 || !isObject(def?.paths)) return false;
  const item = def.paths[String(n.path[1])];
  const op = isObject(item) ? item[String(n.path[2])] : undefined;
  return isObject(op) && isInternal(op);
}

function hasInternalAncestor(n: WalkedNode): boolean {
  for (let cur = n.parent; cur; cur = cur.parent) if (isInternal(cur.value)) return true;
  return false;
}

function titleCase(s: string): string {
  const words = s.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : s;
}

const pointerOf = (n: WalkedNode) => pathToPointer(n.path);

/** Names of `#/definitions/x` reachable from body parameters (refs followed, cycles stopped). */
function requestDefinitions(def: JsonObject | undefined, nodes: WalkedNode[]): Set<string> {
  const out = new Set<string>();
  if (!def) return out;
  const queue: unknown[] = [];
  for (const n of nodes) if (n.kind === 'parameter' && n.value.in === 'body') queue.push(n.value.schema);
  let budget = 200000;
  while (queue.length && budget-- > 0) {
    const v = queue.pop();
    if (Array.isArray(v)) {
      for (const x of v) queue.push(x);
      continue;
    }
    if (!isObject(v)) continue;
    if (typeof v.$ref === 'string') {
      const m = /^#\/definitions\/(.+)$/.exec(v.$ref);
      if (m) {
        const name = decodePointerToken(m[1]);
        if (!out.has(name)) {
          out.add(name);
          queue.push(resolveLocalRef(def, v.$ref));
        }
      }
      continue;
    }
    for (const k of ['properties', 'items', 'allOf', 'additionalProperties']) {
      const c = v[k];
      if (k === 'properties' && isObject(c)) queue.push(...Object.values(c));
      else if (c !== undefined) queue.push(c);
    }
  }
  return out;
}

const VISIBILITY = ['important', 'advanced', 'internal', 'none'];

const visibilityRules: Rule = {
  ids: ['x-ms-visibility-value', 'internal-required-needs-default', 'internal-default-must-be-required'],
  check(ctx) {
    const { report } = ctx;
    let defs: Set<string> | undefined;
    const bodyDefs = () => (defs ??= requestDefinitions(ctx.index.definitionValue, walkSwagger(ctx.index.definitionValue).nodes));
    for (const u of uses(ctx, 'x-ms-visibility')) {
      const k = u.node.kind;
      // The platform matches the value case-insensitively ("Internal", "Advanced" work): only unknown values are reported.
      const lower = typeof u.value === 'string' ? u.value.trim().toLowerCase() : '';
      if (typeof u.value !== 'string' || !VISIBILITY.includes(lower)) {
        const hint = ` Use "important", "advanced" or "internal"${u.value === '' ? ', or remove it for the default' : ''}.`;
        report({ ruleId: 'x-ms-visibility-value', pointer: u.pointer, target: 'value', message: `x-ms-visibility ${JSON.stringify(u.value)} is not a recognized value.${hint}` });
      } else if (k !== 'operation' && k !== 'parameter' && k !== 'schema' && k !== 'header' && k !== 'extension' && k !== 'other') {
        report({ ruleId: 'x-ms-visibility-value', pointer: u.pointer, message: `x-ms-visibility has no effect on ${describe(u.node).toLowerCase()}; use it on operations, parameters or schema properties.` });
      }
      if (lower !== 'internal') continue;
      const n = u.node;
      let required: boolean;
      if (n.kind === 'parameter') required = n.value.required === true && n.value.in !== 'body';
      else if (isProperty(n)) {
        // Only inputs matter: "required" on a response property describes the output.
        const top = n.path[0] === 'definitions' ? String(n.path[1]) : undefined;
        if (!(n.side === 'request' || (top !== undefined && bodyDefs().has(top)))) continue;
        required = isRequiredProperty(n);
      } else continue;
      const hasDefault = n.value.default !== undefined;
      // Dynamic and notification values are supplied by the platform, not by a default.
      const supplied = n.value['x-ms-notification-url'] !== undefined || n.value['x-ms-dynamic-values'] !== undefined || n.value['x-ms-dynamic-list'] !== undefined || n.value['x-ms-dynamic-schema'] !== undefined;
      if (required && !hasDefault && !supplied && n.value.type !== 'object' && n.value.type !== 'array' && n.value.$ref === undefined) {
        report({ ruleId: 'internal-required-needs-default', pointer: u.pointer, message: `${describe(n)} is internal and required but has no "default"; users can never enter it. Add a default or make it visible.` });
      }
      if (hasDefault && !required) {
        report({ ruleId: 'internal-default-must-be-required', pointer: u.pointer, message: `${describe(n)} is internal with a default but not required; optional internal values are not guaranteed to be sent. ${n.kind === 'parameter' ? 'Add "required": true.' : `Add "${String(n.key)}" to the parent's "required" list.`}` });
      }
    }
  },
};

const enumValuesRules: Rule = {
  ids: ['enum-values-shape', 'enum-values-in-enum', 'enum-values-unique'],
  check(ctx) {
    const { report } = ctx;
    for (const u of uses(ctx, 'x-ms-enum-values')) {
      if (!Array.isArray(u.value)) {
        report({ ruleId: 'enum-values-shape', pointer: u.pointer, target: 'value', message: `x-ms-enum-values must be an array of { "value", "displayName" } objects.` });
        continue;
      }
      const enumList = Array.isArray(u.node.value.enum) ? u.node.value.enum : undefined;
      if (!enumList) report({ ruleId: 'enum-values-in-enum', pointer: u.pointer, message: `x-ms-enum-values needs a sibling "enum" listing the allowed values.` });
      const seen = new Set<string>();
      u.value.forEach((entry, i) => {
        const at = `${u.pointer}/${i}`;
        if (!isObject(entry)) {
          report({ ruleId: 'enum-values-shape', pointer: at, target: 'value', message: `x-ms-enum-values entry ${i} must be an object with "value" and "displayName".` });
          return;
        }
        const missing = ['value', 'displayName'].filter((k) => entry[k] === undefined);
        const extra = Object.keys(entry).filter((k) => k !== 'value' && k !== 'displayName');
        if (missing.length || extra.length) {
          report({ ruleId: 'enum-values-shape', pointer: at, message: `x-ms-enum-values entry ${i}${missing.length ? ` lacks ${missing.map((m) => `"${m}"`).join(' and ')}` : ''}${missing.length && extra.length ? ' and' : ''}${extra.length ? ` has unsupported ${extra.map((m) => `"${m}"`).join(', ')}` : ''}; each entry is { "value", "displayName" }.` });
        }
        if (entry.value === undefined) return;
        const key = JSON.stringify(entry.value);
        if (seen.has(key)) report({ ruleId: 'enum-values-unique', pointer: `${at}/value`, target: 'value', message: `x-ms-enum-values lists the value ${key} twice; remove the duplicate.` });
        seen.add(key);
        if (enumList && !enumList.some((e) => JSON.stringify(e) === key)) {
          report({ ruleId: 'enum-values-in-enum', pointer: `${at}/value`, target: 'value', message: `x-ms-enum-values value ${key} is not in the sibling enum [${enumList.map((e) => JSON.stringify(e)).join(', ').slice(0, 120)}]; add it to "enum" or fix the value.` });
        }
      });
    }
  },
};

const urlEncodingRules: Rule = {
  ids: ['url-encoding-value', 'url-encoding-query-unsupported', 'path-param-encoding'],
  check(ctx) {
    const { report } = ctx;
    for (const u of uses(ctx, 'x-ms-url-encoding')) {
      if (u.value !== 'single' && u.value !== 'double') {
        const lower = typeof u.value === 'string' ? u.value.toLowerCase() : '';
        report({ ruleId: 'url-encoding-value', pointer: u.pointer, target: 'value', message: `x-ms-url-encoding ${JSON.stringify(u.value)} is not supported; use ${lower === 'single' || lower === 'double' ? `"${lower}" (lower case)` : '"single" or "double"'}.` });
      }
      if (u.node.kind === 'parameter' && u.node.value.in === 'query') {
        report({ ruleId: 'url-encoding-query-unsupported', pointer: u.pointer, message: `x-ms-url-encoding has no effect on query parameter${typeof u.node.value.name === 'string' ? ` "${u.node.value.name}"` : ''}; query values are always single-encoded. Remove it.` });
      }
    }
    for (const n of walkSwagger(ctx.index.definitionValue).nodes) {
      if (n.kind !== 'parameter' || n.value.in !== 'path' || n.value['x-ms-url-encoding'] !== undefined) continue;
      report({ ruleId: 'path-param-encoding', pointer: pointerOf(n), message: `Path parameter${typeof n.value.name === 'string' ? ` "${n.value.name}"` : ''} has no x-ms-url-encoding; add "x-ms-url-encoding": "single" so values are escaped.` });
    }
  },
};

const BOOLEAN_EXTENSIONS = ['x-ms-no-generic-test', 'x-ms-safe-operation', 'x-ms-localizeDefaultValue'];

const smallValueRules: Rule = {
  ids: ['media-kind-value', 'editor-dictionary', 'editor-options-shape', 'boolean-extension-type', 'safe-operation-redundant'],
  check(ctx) {
    const { report } = ctx;
    for (const u of uses(ctx, 'x-ms-media-kind')) {
      if (u.value !== 'image' && u.value !== 'audio') report({ ruleId: 'media-kind-value', pointer: u.pointer, target: 'value', message: `x-ms-media-kind ${JSON.stringify(u.value)} is not supported; use "image" or "audio".` });
    }
    for (const u of uses(ctx, 'x-ms-editor')) {
      if (u.value !== 'dictionary') continue;
      const s = u.node.value;
      const resolved = followRefs(ctx.index.definitionValue, s, '')?.value;
      const schema = isObject(resolved) ? resolved : s;
      if (schema.type !== 'object' || schema.additionalProperties === false) {
        report({ ruleId: 'editor-dictionary', pointer: u.pointer, message: `x-ms-editor "dictionary" needs a "type": "object" schema that allows additionalProperties${schema.type !== 'object' ? ` (this one is ${JSON.stringify(schema.type ?? 'untyped')})` : ''}.` });
      }
    }
    for (const u of uses(ctx, 'x-ms-editor-options')) {
      const items = isObject(u.value) ? u.value.items : undefined;
      const ok = Array.isArray(items) && items.every((it) => isObject(it) && typeof it.title === 'string' && it.value !== undefined);
      if (!ok) report({ ruleId: 'editor-options-shape', pointer: u.pointer, message: `x-ms-editor-options is expected as { "items": [ { "title", "value" }, ... ] }.` });
    }
    for (const key of BOOLEAN_EXTENSIONS) {
      for (const u of uses(ctx, key)) {
        if (typeof u.value !== 'boolean') report({ ruleId: 'boolean-extension-type', pointer: u.pointer, target: 'value', message: `${key} must be a boolean (true or false), not ${JSON.stringify(u.value)}.` });
      }
    }
    for (const u of uses(ctx, 'x-ms-safe-operation')) {
      const method = u.node.kind === 'operation' ? String(u.node.key) : '';
      if (method === 'get' || method === 'head') report({ ruleId: 'safe-operation-redundant', pointer: u.pointer, message: `x-ms-safe-operation is redundant on ${method.toUpperCase()} (already safe); it is meant for side-effect-free POSTs.` });
    }
  },
};

const SECRET_NAME = /(pass(word|wd)?|secret|token|api[-_ ]?key|apikey|credential|private[-_ ]?key|client[-_ ]?secret)/i;
const EXAMPLE_DOMAINS = /@(example\.(com|org|net)|contoso\.com|fabrikam\.com|test\.com|domain\.com|email\.com|company\.com)$/i;

/** Why a test value looks like a secret or personal data, if it does. */
function secretReason(name: string, v: string): string | undefined {
  if (/^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\./.test(v)) return 'it looks like a JSON Web Token';
  if (/^bearer\s+\S{8,}/i.test(v)) return 'it looks like a bearer token';
  if (/^(sk|pk|ghp|xox[bp])[-_][A-Za-z0-9]{16,}$/.test(v)) return 'it looks like an API key';
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(v) && !EXAMPLE_DOMAINS.test(v)) return 'it looks like a real e-mail address';
  if (SECRET_NAME.test(name) && v.trim() !== '' && !/^(x+|\*+|<.*>|\{.*\}|string|test|example|sample|your.*)$/i.test(v)) return `"${name}" names a secret`;
  return undefined;
}

const testValueRules: Rule = {
  ids: ['test-value-no-secrets'],
  check(ctx) {
    for (const u of uses(ctx, 'x-ms-test-value')) {
      const n = u.node;
      const name = n.kind === 'parameter' ? String(n.value.name ?? '') : String(n.key ?? '');
      const type = n.value.type;
      const v = u.value;
      const typeOk =
        type === undefined ||
        (type === 'string' && typeof v === 'string') ||
        (type === 'integer' && Number.isInteger(v)) ||
        (type === 'number' && typeof v === 'number') ||
        (type === 'boolean' && typeof v === 'boolean') ||
        (type === 'array' && Array.isArray(v)) ||
        (type === 'object' && isObject(v)) ||
        type === 'file';
      if (!typeOk) {
        ctx.report({ ruleId: 'test-value-no-secrets', pointer: u.pointer, target: 'value', message: `x-ms-test-value ${JSON.stringify(v)?.slice(0, 40)} does not match the declared type "${String(type)}".` });
        continue;
      }
      if (typeof v !== 'string') continue;
      const reason = secretReason(name, v);
      if (reason) ctx.report({ ruleId: 'test-value-no-secrets', pointer: u.pointer, target: 'value', message: `x-ms-test-value must not hold keys, tokens, passwords or personal data: ${reason}. Use a harmless sample value.` });
    }
  },
};

export const rules: Rule[] = [summaryRules, visibilityRules, enumValuesRules, urlEncodingRules, smallValueRules, testValueRules];
