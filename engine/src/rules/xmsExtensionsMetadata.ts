// Rule family 4 (x-ms extensions), connector-level metadata and the extension vocabulary:
// x-ms-connector-metadata, x-ms-docs, x-ms-deployment-version, AI plugin extensions, AutoRest
// extensions and unknown (often misspelled) x-ms-* keys.
import { isObject, type OperationEntry } from '../languageService/connectorIndex';
import { isAbsoluteUrl as isWhatwgUrl } from './swaggerHost';
import type { Rule, RuleContext } from './types';
import { walkSwagger, type ExtensionUse } from './util/swaggerWalk';

const uses = (ctx: RuleContext, key: string): ExtensionUse[] => walkSwagger(ctx.index.definitionValue).extensionsByKey.get(key) ?? [];
const isAbsoluteUrl = (v: unknown): boolean => typeof v === 'string' && isWhatwgUrl(v);

export const CATEGORIES = ['AI', 'Business Management', 'Business Intelligence', 'Collaboration', 'Commerce', 'Communication', 'Content and Files', 'Finance', 'Data', 'Human Resources', 'Internet of Things', 'IT Operations', 'Lifestyle and Entertainment', 'Marketing', 'Productivity', 'Sales and CRM', 'Security', 'Social Media', 'Website'];
const REQUIRED_METADATA = ['Website', 'Privacy policy', 'Categories'];

const connectorMetadata: Rule = {
  ids: ['connector-metadata-shape', 'connector-metadata-required', 'connector-metadata-entries', 'connector-metadata-urls', 'connector-category-valid', 'connector-category-count'],
  check(ctx) {
    const { report } = ctx;
    const def = ctx.index.definitionValue;
    if (!def) return;
    for (const u of uses(ctx, 'x-ms-connector-metadata')) {
      if (u.node.kind !== 'root') report({ ruleId: 'connector-metadata-shape', pointer: u.pointer, message: `x-ms-connector-metadata belongs at the root of the definition.` });
    }
    const md = def['x-ms-connector-metadata'];
    if (md === undefined) {
      report({ ruleId: 'connector-metadata-required', msCode: 'RequiredPropertyMissing', pointer: '', message: `The 'x-ms-connector-metadata' property is required. Add a root "x-ms-connector-metadata" array with the entries "Website", "Privacy policy" and "Categories" ({ "propertyName": ..., "propertyValue": ... }).` });
      return;
    }
    if (!Array.isArray(md)) {
      report({ ruleId: 'connector-metadata-shape', pointer: '/x-ms-connector-metadata', target: 'value', message: `x-ms-connector-metadata must be an array of { "propertyName", "propertyValue" } objects.` });
      return;
    }
    const byName = new Map<string, { value: unknown; index: number }>();
    // Keys are read case-insensitively, as Microsoft does (accepted connectors write "PropertyName").
    const member = (o: Record<string, unknown>, key: string) => o[key] ?? o[Object.keys(o).find((k) => k.toLowerCase() === key.toLowerCase()) ?? key];
    md.forEach((entry, i) => {
      const at = `/x-ms-connector-metadata/${i}`;
      const name = isObject(entry) ? member(entry, 'propertyName') : undefined;
      const value = isObject(entry) ? member(entry, 'propertyValue') : undefined;
      if (typeof name !== 'string' || typeof value !== 'string') {
        report({ ruleId: 'connector-metadata-shape', pointer: at, message: `x-ms-connector-metadata entry ${i} must have string "propertyName" and "propertyValue".` });
        if (typeof name !== 'string') return;
      }
      byName.set(name, { value, index: i });
    });
    const nearName = (name: string) => [...byName.keys()].find((k) => k.toLowerCase().replace(/\s+/g, '') === name.toLowerCase().replace(/\s+/g, ''));
    for (const name of REQUIRED_METADATA) {
      if (byName.has(name)) continue;
      const near = nearName(name);
      // Microsoft fails a missing "Categories" entry (the name compared as written, case aside);
      // "Website", "Privacy policy" and the exact spelling are what the templates ask for.
      if (name === 'Categories' && !near) {
        report({ ruleId: 'connector-metadata-required', msCode: 'ConnectorMetadataPropertiesMissing', pointer: '/x-ms-connector-metadata', message: `The connector metadata property 'Categories' is required. Add { "propertyName": "Categories", "propertyValue": "<one or two categories separated by ;>" } (allowed: ${CATEGORIES.join(', ')}).` });
        continue;
      }
      report({ ruleId: 'connector-metadata-entries', pointer: near ? `/x-ms-connector-metadata/${byName.get(near)!.index}/propertyName` : '/x-ms-connector-metadata', target: near ? 'value' : 'key', message: near ? `x-ms-connector-metadata entry "${near}" must be spelled exactly "${name}".` : `x-ms-connector-metadata has no "${name}" entry; add { "propertyName": "${name}", "propertyValue": "..." }.` });
    }
    for (const name of ['Website', 'Privacy policy']) {
      const near = nearName(name);
      const e = byName.get(name) ?? (near !== undefined ? byName.get(near) : undefined);
      if (e && !isAbsoluteUrl(e.value)) report({ ruleId: 'connector-metadata-urls', pointer: `/x-ms-connector-metadata/${e.index}/propertyValue`, target: 'value', message: `"${name}" must be an absolute URL (https://...), not ${JSON.stringify(e.value)}.` });
    }
    const catName = nearName('Categories');
    const cat = byName.get('Categories') ?? (catName !== undefined ? byName.get(catName) : undefined);
    if (cat && typeof cat.value === 'string') {
      const list = cat.value.split(';').map((c) => c.trim()).filter(Boolean);
      const at = `/x-ms-connector-metadata/${cat.index}/propertyValue`;
      for (const c of list) {
        if (CATEGORIES.includes(c)) continue;
        const fix = CATEGORIES.find((k) => k.toLowerCase() === c.toLowerCase());
        report({ ruleId: 'connector-category-valid', pointer: at, target: 'value', message: `Category "${c}" is not allowed${fix ? `; use "${fix}"` : `; choose from: ${CATEGORIES.join(', ')}`}.` });
      }
      if (list.length > 2) report({ ruleId: 'connector-category-count', pointer: at, target: 'value', message: `${list.length} categories are listed; at most two are allowed.` });
    }
  },
};

const docsDeploymentVersion: Rule = {
  ids: ['docs-deployment-version-shape'],
  check(ctx) {
    const { report } = ctx;
    for (const u of uses(ctx, 'x-ms-docs')) {
      const v = u.value;
      const ok = Array.isArray(v) && v.length > 0 && v.every((d) => isObject(d) && isAbsoluteUrl(d.url) && typeof d.description === 'string');
      if (!ok) report({ ruleId: 'docs-deployment-version-shape', pointer: u.pointer, target: 'value', message: `x-ms-docs must be a non-empty array of { "url": absolute URL, "description": string }.` });
    }
    for (const u of uses(ctx, 'x-ms-deployment-version')) {
      if (u.node.kind !== 'info') report({ ruleId: 'docs-deployment-version-shape', pointer: u.pointer, message: `x-ms-deployment-version belongs in "info".` });
      if (typeof u.value !== 'string' || !/^\d+(\.\d+)*$/.test(u.value)) report({ ruleId: 'docs-deployment-version-shape', pointer: u.pointer, target: 'value', message: `x-ms-deployment-version must be a dotted numeric string such as "1.0.0", not ${JSON.stringify(u.value)}.` });
    }
  },
};

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const aiPlugin: Rule = {
  ids: ['openai-data-shape', 'openai-manifest-shape'],
  check(ctx) {
    const { report, index } = ctx;
    for (const u of uses(ctx, 'x-ms-openai-data')) {
      const v = u.value;
      const op: OperationEntry | undefined = u.node.kind === 'operation' ? index.operations.find((o) => o.operation === u.node.value) : undefined;
      if (!op) report({ ruleId: 'openai-data-shape', pointer: u.pointer, message: `x-ms-openai-data belongs on an operation.` });
      if (!isObject(v)) {
        report({ ruleId: 'openai-data-shape', pointer: u.pointer, target: 'value', message: `x-ms-openai-data must be an object with "openai-enabled" and "operations".` });
        continue;
      }
      if (typeof v['openai-enabled'] !== 'boolean') report({ ruleId: 'openai-data-shape', pointer: u.pointer, message: `x-ms-openai-data needs a boolean "openai-enabled".` });
      if (v.operations === undefined) continue;
      if (!Array.isArray(v.operations)) {
        report({ ruleId: 'openai-data-shape', pointer: `${u.pointer}/operations`, target: 'value', message: `x-ms-openai-data.operations must be an array.` });
        continue;
      }
      v.operations.forEach((entry, i) => {
        const at = `${u.pointer}/operations/${i}`;
        if (!isObject(entry) || typeof entry.operationId !== 'string') return report({ ruleId: 'openai-data-shape', pointer: at, message: `x-ms-openai-data.operations entry ${i} needs an "operationId".` });
        if (op?.operationId !== undefined && entry.operationId !== op.operationId) report({ ruleId: 'openai-data-shape', pointer: `${at}/operationId`, target: 'value', message: `x-ms-openai-data names "${entry.operationId}" but sits on operation "${op.operationId}"; they must match.` });
        const conf = entry['x-ms-require-user-confirmation'];
        if (conf !== undefined && typeof conf !== 'boolean') report({ ruleId: 'openai-data-shape', pointer: `${at}/x-ms-require-user-confirmation`, target: 'value', message: `x-ms-require-user-confirmation must be a boolean.` });
      });
    }
    for (const u of uses(ctx, 'x-ms-openai-manifest')) {
      const v = u.value;
      if (!isObject(v)) {
        report({ ruleId: 'openai-manifest-shape', pointer: u.pointer, target: 'value', message: `x-ms-openai-manifest must be an object with humanName, modelDescription, contactEmail and legalUrl.` });
        continue;
      }
      const missing = ['humanName', 'modelDescription', 'contactEmail', 'legalUrl'].filter((k) => typeof v[k] !== 'string' || (v[k] as string).trim() === '');
      if (missing.length) report({ ruleId: 'openai-manifest-shape', pointer: u.pointer, message: `x-ms-openai-manifest lacks ${missing.join(', ')}.` });
      if (typeof v.contactEmail === 'string' && v.contactEmail && !EMAIL.test(v.contactEmail)) report({ ruleId: 'openai-manifest-shape', pointer: `${u.pointer}/contactEmail`, target: 'value', message: `x-ms-openai-manifest.contactEmail is not a valid e-mail address.` });
      if (typeof v.legalUrl === 'string' && v.legalUrl && !isAbsoluteUrl(v.legalUrl)) report({ ruleId: 'openai-manifest-shape', pointer: `${u.pointer}/legalUrl`, target: 'value', message: `x-ms-openai-manifest.legalUrl must be an absolute URL.` });
    }
    for (const u of uses(ctx, 'x-ms-keywords')) {
      if (!Array.isArray(u.value) || !u.value.every((k) => typeof k === 'string')) report({ ruleId: 'openai-manifest-shape', pointer: u.pointer, target: 'value', message: `x-ms-keywords must be an array of strings.` });
    }
  },
};

/** x-ms-* keys the connector platform knows (exact spelling). */
export const KNOWN_EXTENSIONS = [
  'x-ms-summary', 'x-ms-visibility', 'x-ms-api-annotation', 'x-ms-operation-context', 'x-ms-capabilities', 'x-ms-trigger', 'x-ms-trigger-hint',
  'x-ms-trigger-metadata', 'x-ms-trigger-value', 'x-ms-notification-content', 'x-ms-notification-url', 'x-ms-notification', 'x-ms-url-encoding',
  'x-ms-enum-values', 'x-ms-pageable', 'x-ms-connector-metadata', 'x-ms-docs', 'x-ms-deployment-version', 'x-ms-test-value', 'x-ms-no-generic-test',
  'x-ms-safe-operation', 'x-ms-localizeDefaultValue', 'x-ms-media-kind', 'x-ms-editor', 'x-ms-editor-options', 'x-ms-openai-data', 'x-ms-openai-manifest',
  'x-ms-keywords', 'x-ms-require-user-confirmation', 'x-ms-dynamic-values', 'x-ms-dynamic-list', 'x-ms-dynamic-schema', 'x-ms-dynamic-properties',
  'x-ms-dynamic-tree', 'x-ms-apihub-cached-response', 'x-ms-apihub-obo',
  // MCP server connectors (Copilot Studio, 2025): "x-ms-agentic-protocol": "mcp-streamable-1.0" on the operation.
  'x-ms-agentic-protocol',
  // Per-connection host beside a templated "host" (accepted connectors use it; see host-valid).
  'x-ms-dynamic-host-url',
];
export const AUTOREST_EXTENSIONS = ['x-ms-enum', 'x-ms-parameter-location', 'x-ms-skip-url-encoding'];
const KNOWN_BY_LOWER = new Map([...KNOWN_EXTENSIONS, ...AUTOREST_EXTENSIONS].map((k) => [k.toLowerCase(), k]));

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), capped. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known extension an unknown key most likely means (wrong casing or a small typo). */
export function suggestExtension(key: string): string | undefined {
  const lower = key.toLowerCase();
  const exact = KNOWN_BY_LOWER.get(lower);
  if (exact) return exact;
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of KNOWN_EXTENSIONS) {
    // Short names need a tighter bound so unrelated keys are not "corrected".
    const limit = known.length - 5 <= 5 ? 1 : 2;
    const dist = editDistance(lower, known.toLowerCase(), limit);
    if (dist <= limit && dist < bestDistance) {
      best = known;
      bestDistance = dist;
    }
  }
  return best;
}

const extensionVocabulary: Rule = {
  ids: ['autorest-extension-ignored', 'x-ms-unknown-extension'],
  check(ctx) {
    const walk = walkSwagger(ctx.index.definitionValue);
    for (const u of walk.extensions) {
      // Keys inside extension values (e.g. x-ms-require-user-confirmation in x-ms-openai-data) belong to that extension.
      if (u.node.kind === 'extension') continue;
      if (KNOWN_EXTENSIONS.includes(u.key)) continue;
      if (AUTOREST_EXTENSIONS.includes(u.key)) {
        ctx.report({ ruleId: 'autorest-extension-ignored', pointer: u.pointer, message: `${u.key} is an AutoRest extension; the connector platform ignores it.${u.key === 'x-ms-enum' ? ' Use x-ms-enum-values for display names.' : u.key === 'x-ms-skip-url-encoding' ? ' Use x-ms-url-encoding instead.' : ''}` });
        continue;
      }
      const suggestion = suggestExtension(u.key);
      ctx.report({
        ruleId: 'x-ms-unknown-extension',
        pointer: u.pointer,
        message: suggestion ? `Unknown extension "${u.key}"; did you mean "${suggestion}"?` : `Unknown extension "${u.key}"; the connector platform does not recognize it and ignores it.`,
      });
    }
  },
};

export const rules: Rule[] = [connectorMetadata, docsDeploymentVersion, aiPlugin, extensionVocabulary];
