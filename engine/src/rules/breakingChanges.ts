// Breaking-change rules of family 9 (docs/rules.md, "Breaking changes"). They compare the previous
// published version of a connector with the current one, which the validation context does not
// carry (no `previousDefinition` yet), so this is a pure function outside ALL_RULES: wire it into the
// engine once a previous version is available (e.g. from git or the published connector).
import { buildConnectorIndex, isObject, type JsonObject, type OperationEntry } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Finding } from './types';
import { effectiveParameters } from './util/parameters';

export interface CompareOptions {
  /** apiProperties.json of both versions, for client-secret-change-version. */
  previousProperties?: unknown;
  currentProperties?: unknown;
}

interface ParamShape {
  name: string;
  in: string;
  required: boolean;
  type?: string;
}

function paramShapes(root: unknown, op: OperationEntry): Map<string, ParamShape> {
  const out = new Map<string, ParamShape>();
  for (const p of effectiveParameters(root, op)) {
    if (typeof p.name !== 'string' || typeof p.in !== 'string') continue;
    const schema = isObject(p.param.schema) ? p.param.schema : undefined;
    const type = typeof p.param.type === 'string' ? p.param.type : schema && typeof schema.type === 'string' ? schema.type : undefined;
    out.set(p.name.toLowerCase(), { name: p.name, in: p.in, required: p.param.required === true || p.in === 'path', type });
  }
  return out;
}

/** Findings about the current definition: operations removed or changed incompatibly since `previous`. */
export function compareDefinitions(previous: unknown, current: unknown, options: CompareOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const prev = buildConnectorIndex(previous, options.previousProperties);
  const cur = buildConnectorIndex(current, options.currentProperties);
  if (!prev.definitionValue || !cur.definitionValue) return findings;

  for (const [id, prevOps] of prev.operationsById) {
    const curOps = cur.operationsById.get(id);
    const before = prevOps[0];
    if (!curOps) {
      // Deprecated-then-removed is still breaking for flows that use it.
      findings.push({ ruleId: 'breaking-operation-removed', pointer: isObject(cur.definitionValue.paths) ? '/paths' : '', message: `Operation "${id}" (${before.method.toUpperCase()} ${before.path}) was removed; existing flows and apps that use it will break. Keep it (mark it deprecated with "x-ms-api-annotation") or acknowledge the breaking change.` });
      continue;
    }
    const after = curOps[0];
    const changes: string[] = [];
    if (after.method !== before.method) changes.push(`method ${before.method.toUpperCase()} → ${after.method.toUpperCase()}`);
    if (after.path.replace(/\{[^}]*\}/g, '{}') !== before.path.replace(/\{[^}]*\}/g, '{}')) changes.push(`path ${before.path} → ${after.path}`);
    const pb = paramShapes(prev.definitionValue, before);
    const pa = paramShapes(cur.definitionValue, after);
    for (const [key, a] of pa) {
      const b = pb.get(key);
      if (!b) {
        if (a.required) changes.push(`new required parameter "${a.name}"`);
        continue;
      }
      if (a.name !== b.name) changes.push(`parameter "${b.name}" renamed to "${a.name}"`);
      if (a.in !== b.in) changes.push(`parameter "${a.name}" moved from ${b.in} to ${a.in}`);
      if (a.required && !b.required) changes.push(`parameter "${a.name}" became required`);
      if (a.type !== b.type && b.type !== undefined) changes.push(`parameter "${a.name}" type ${b.type} → ${a.type ?? 'unspecified'}`);
    }
    for (const [key, b] of pb) if (!pa.has(key)) changes.push(`parameter "${b.name}" removed`);
    if (changes.length) {
      findings.push({ ruleId: 'breaking-operation-contract-changed', pointer: after.pointer, message: `Operation "${id}" changed incompatibly since the previous version: ${changes.join('; ')}. Add a new operation (e.g. "${id}_V2") and deprecate this one instead.` });
    }
  }

  const secretBefore = clientSecrets(prev.propertiesValue);
  const secretAfter = clientSecrets(cur.propertiesValue);
  if (secretBefore !== undefined && secretAfter !== undefined && secretBefore !== secretAfter) {
    const vb = versionOf(prev.definitionValue);
    const va = versionOf(cur.definitionValue);
    if (vb === va) {
      findings.push({ ruleId: 'client-secret-change-version', pointer: isObject(cur.definitionValue.info) ? '/info/version' : '', target: 'value', message: `The OAuth client secret changed but info.version is still "${va ?? ''}"; bump the version so the change is deployed.` });
    }
  }
  return findings;
}

function versionOf(def: JsonObject): string | undefined {
  return isObject(def.info) && typeof def.info.version === 'string' ? def.info.version : undefined;
}

/** The OAuth client secrets of a properties file, joined (undefined when there are none). */
function clientSecrets(props: JsonObject | undefined): string | undefined {
  const root = props && isObject(props.properties) ? props.properties : undefined;
  const out: string[] = [];
  const scan = (cp: unknown, base: (string | number)[]) => {
    if (!isObject(cp)) return;
    for (const [name, p] of Object.entries(cp)) {
      if (isObject(p) && isObject(p.oAuthSettings) && typeof p.oAuthSettings.clientSecret === 'string') out.push(`${pathToPointer([...base, name])}=${p.oAuthSettings.clientSecret}`);
    }
  };
  if (root) {
    scan(root.connectionParameters, ['connectionParameters']);
    const sets = isObject(root.connectionParameterSets) ? root.connectionParameterSets.values : undefined;
    if (Array.isArray(sets)) sets.forEach((s, i) => isObject(s) && scan(s.parameters, ['sets', i]));
  }
  return out.length ? out.sort().join('\n') : undefined;
}
