/**
 * Templates that reshape a JSON body, on the request or the response. Semantics from the
 * Microsoft Learn pages of each template (setproperty, stringtoarray, convertarraytoobject,
 * convertobjecttoarray, stringreplace, encodepropertyvalue):
 *  - the parent path selects an object, or a collection whose every element is processed;
 *  - the sub path locates the property inside the parent (empty: the parent itself);
 *  - the new property path is absolute (`@body()...`) or relative to the element (`@item()...`).
 * Each function mutates `root` in place and returns the (possibly replaced) root.
 */
import { evaluateValueTemplate, getAt, parsePath, setAt } from './expressions';
import { PolicyFailure, param, requireParam, type PolicyTemplateInstance } from './types';

export const BODY_TEMPLATES = new Set([
  'setproperty',
  'stringtoarray',
  'convertarraytoobject',
  'convertobjecttoarray',
  'stringreplace',
  'encodepropertyvalue',
]);

interface Target {
  item: unknown;
}

/** Resolves the parent path; a collection yields its elements unless `wholeArray` is set. */
function targets(root: unknown, parentPath: string, wholeArray: boolean): Target[] {
  const p = parsePath(parentPath);
  const parent = getAt(root, p.segments);
  if (parent === undefined || parent === null) throw new PolicyFailure(`the body has nothing at ${parentPath}`);
  if (Array.isArray(parent) && !wholeArray) return parent.map((item) => ({ item }));
  return [{ item: parent }];
}

/** Writes `value` at `newPath`; returns the new root (an absolute path to the root replaces it). */
function write(root: unknown, item: unknown, newPath: string, value: unknown): unknown {
  const p = parsePath(newPath);
  const base = p.root === 'body' ? root : item;
  if (p.segments.length === 0) {
    if (p.root === 'body') return value;
    throw new PolicyFailure(`cannot replace the element itself with ${newPath}`);
  }
  if (!setAt(base, p.segments, value)) throw new PolicyFailure(`cannot write ${newPath}: a non-object value is in the way`);
  return root;
}

export function applyBodyTemplate(key: string, instance: PolicyTemplateInstance, body: unknown): { body: unknown; message: string } {
  let root = body;
  switch (key) {
    case 'setproperty': {
      const parentPath = requireParam(instance, 'newPropertyParentPathTemplate');
      const sub = parsePath(requireParam(instance, 'newPropertySubPathTemplate'));
      const valueTemplate = param(instance, 'propertyValuePathTemplate') ?? '';
      const list = targets(root, parentPath, false);
      for (const { item } of list) {
        if (item === null || typeof item !== 'object') throw new PolicyFailure(`${parentPath} is not an object or a collection of objects`);
        setAt(item, sub.segments, evaluateValueTemplate(valueTemplate, root, item));
      }
      return { body: root, message: `set ${sub.segments.join('.')} on ${list.length} object(s) under ${parentPath}` };
    }
    case 'stringtoarray': {
      const parentPath = requireParam(instance, 'propertyParentPath');
      const subText = param(instance, 'propertySubPath') ?? '';
      const delimiters = [...requireParam(instance, 'delimiterList')];
      const child = requireParam(instance, 'childPropertyName');
      const newPath = requireParam(instance, 'newPropertyPath');
      const sub = parsePath(subText).segments;
      let count = 0;
      for (const { item } of targets(root, parentPath, sub.length === 0)) {
        const text = getAt(item, sub);
        if (typeof text !== 'string') continue;
        const parts = splitAny(text, delimiters).filter((s) => s !== '');
        root = write(root, item, newPath, parts.map((v) => ({ [child]: v })));
        count++;
      }
      return { body: root, message: `split ${count} string(s) into arrays of {${child}}` };
    }
    case 'convertarraytoobject': {
      const parentPath = requireParam(instance, 'propertyParentPath');
      const sub = parsePath(param(instance, 'propertySubPath') ?? '').segments;
      const keyPath = parsePath(requireParam(instance, 'keyWithinCollectionPath')).segments;
      const newPath = requireParam(instance, 'newPropertyPath');
      // "Retain key" is true when left empty.
      const retainKey = (param(instance, 'retainKey') ?? 'true').toLowerCase() !== 'false';
      let count = 0;
      for (const { item } of targets(root, parentPath, sub.length === 0)) {
        const array = getAt(item, sub);
        if (!Array.isArray(array)) continue;
        const object: Record<string, unknown> = {};
        for (const element of array) {
          const key = getAt(element, keyPath);
          if (key === undefined || key === null) throw new PolicyFailure(`an element has no key at ${keyPath.join('.')}`);
          let value: unknown = element;
          if (!retainKey && element && typeof element === 'object') {
            value = structuredClone(element);
            removeAt(value, keyPath);
          }
          object[String(key)] = value;
        }
        root = write(root, item, newPath, object);
        count++;
      }
      return { body: root, message: `converted ${count} array(s) to object(s) keyed by ${keyPath.join('.')}` };
    }
    case 'convertobjecttoarray': {
      const parentPath = requireParam(instance, 'propertyParentPath');
      const sub = parsePath(param(instance, 'propertySubPath') ?? '').segments;
      const newPath = requireParam(instance, 'newPropertyPath');
      const keyName = param(instance, 'keyName') ?? 'key';
      const valueName = param(instance, 'valueName');
      let count = 0;
      for (const { item } of targets(root, parentPath, sub.length === 0)) {
        const object = getAt(item, sub);
        if (!object || typeof object !== 'object' || Array.isArray(object)) continue;
        const array = Object.entries(object as Record<string, unknown>).map(([k, v]) =>
          valueName ? { [keyName]: k, [valueName]: v } : v && typeof v === 'object' ? { [keyName]: k, ...(v as object) } : { [keyName]: k, value: v },
        );
        root = write(root, item, newPath, array);
        count++;
      }
      return { body: root, message: `converted ${count} object(s) to array(s) of {${keyName}${valueName ? ', ' + valueName : ''}}` };
    }
    case 'stringreplace': {
      const parentPath = requireParam(instance, 'propertyParentPath');
      const sub = parsePath(param(instance, 'propertySubPath') ?? '').segments;
      const source = requireParam(instance, 'sourceString');
      const replacement = param(instance, 'replacementString') ?? '';
      const newPath = requireParam(instance, 'newPropertyPath');
      let count = 0;
      for (const { item } of targets(root, parentPath, false)) {
        const text = getAt(item, sub);
        if (typeof text !== 'string') continue;
        root = write(root, item, newPath, text.split(source).join(replacement));
        count++;
      }
      return { body: root, message: `replaced "${source}" with "${replacement}" in ${count} value(s)` };
    }
    case 'encodepropertyvalue': {
      const parentPath = requireParam(instance, 'propertyParentPath');
      const sub = parsePath(param(instance, 'propertySubPath') ?? '').segments;
      const newPath = requireParam(instance, 'newPropertyPath');
      let count = 0;
      for (const { item } of targets(root, parentPath, false)) {
        const value = getAt(item, sub);
        if (value === undefined || value === null || typeof value === 'object') continue;
        root = write(root, item, newPath, encodeURIComponent(String(value)));
        count++;
      }
      // Microsoft documents no page for this template; URL-encoding is inferred from its use in Planner.
      return { body: root, message: `URL-encoded ${count} value(s) (encoding inferred: no published specification)` };
    }
  }
  throw new PolicyFailure(`${key} is not a body template`);
}

function splitAny(text: string, delimiters: string[]): string[] {
  const out: string[] = [];
  let current = '';
  for (const c of text) {
    if (delimiters.includes(c)) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

function removeAt(node: unknown, segments: Array<string | number>): void {
  const parent = getAt(node, segments.slice(0, -1));
  if (parent && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[segments[segments.length - 1]];
}
