// The policy template instances of apiProperties.json, shared by the family 8 rule files.
import { isObject, type JsonObject } from '../../languageService/connectorIndex';
import { pathToPointer, type PathSegment } from '../../languageService/tree';
import type { Finding, RuleContext } from '../types';

export const P = 'x-ms-apimTemplateParameter.';
export const OPERATION_NAME = 'x-ms-apimTemplate-operationName';
export const POLICY_SECTION = 'x-ms-apimTemplate-policySection';

export interface Instance {
  index: number;
  value: JsonObject;
  templateId?: string;
  /** Lower-case template id. */
  key?: string;
  params?: JsonObject;
  path: PathSegment[];
}

export function instancesOf(ctx: RuleContext): Instance[] {
  const root = ctx.properties?.value;
  if (!isObject(root) || !isObject(root.properties)) return [];
  const list = root.properties.policyTemplateInstances;
  if (!Array.isArray(list)) return [];
  const out: Instance[] = [];
  list.forEach((value, index) => {
    if (!isObject(value)) return;
    const templateId = typeof value.templateId === 'string' ? value.templateId : undefined;
    out.push({ index, value, templateId, key: templateId?.toLowerCase(), params: isObject(value.parameters) ? value.parameters : undefined, path: ['properties', 'policyTemplateInstances', index] });
  });
  return out;
}

export type Report = (f: Omit<Finding, 'file'> & { path: PathSegment[] }) => void;
export const reporter = (ctx: RuleContext): Report => ({ path, ...f }) => ctx.report({ ...f, file: 'properties', pointer: pathToPointer(path) });

export const label = (inst: Instance) => `Policy "${typeof inst.value.title === 'string' && inst.value.title ? inst.value.title : inst.templateId ?? `#${inst.index}`}"`;
