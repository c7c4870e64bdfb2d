// The connection parameters of apiProperties.json: the top-level `connectionParameters` and the
// parameters of each `connectionParameterSets.values[i]` (multi-auth), with their paths.
import { isObject, type JsonObject } from '../../languageService/connectorIndex';

export interface ConnectionParameter {
  name: string;
  value: unknown;
  /** Path inside apiProperties.json. */
  path: (string | number)[];
  /** Index of the parameter set, when it belongs to one. */
  set?: number;
}

/** `properties` of apiProperties.json, when it is an object. */
export function propertiesBlock(propertiesValue: unknown): JsonObject | undefined {
  return isObject(propertiesValue) && isObject(propertiesValue.properties) ? propertiesValue.properties : undefined;
}

export function connectionParameters(propertiesValue: unknown): ConnectionParameter[] {
  const props = propertiesBlock(propertiesValue);
  if (!props) return [];
  const out: ConnectionParameter[] = [];
  if (isObject(props.connectionParameters)) {
    for (const [name, value] of Object.entries(props.connectionParameters)) out.push({ name, value, path: ['properties', 'connectionParameters', name] });
  }
  const sets = isObject(props.connectionParameterSets) ? props.connectionParameterSets.values : undefined;
  if (Array.isArray(sets)) {
    sets.forEach((set, i) => {
      if (!isObject(set) || !isObject(set.parameters)) return;
      for (const [name, value] of Object.entries(set.parameters)) out.push({ name, value, path: ['properties', 'connectionParameterSets', 'values', i, 'parameters', name], set: i });
    });
  }
  return out;
}

export const typeOf = (p: ConnectionParameter): string | undefined => (isObject(p.value) && typeof p.value.type === 'string' ? p.value.type : undefined);
