/**
 * A form for an MCP tool from its input schema (top-level properties), and the arguments read back
 * from what the user typed: strings as typed, numbers and booleans parsed, objects and arrays as
 * JSON. Used by the Test panel's MCP view and by the CLI's --args check. Bounded: at most 200 fields.
 */
export type ToolFieldType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'any';

export interface ToolField {
  name: string;
  type: ToolFieldType;
  required: boolean;
  description?: string;
  enum?: string[];
  default?: string;
}

const MAX_FIELDS = 200;

export function toolFormFields(inputSchema: unknown): ToolField[] {
  if (!inputSchema || typeof inputSchema !== 'object') return [];
  const schema = inputSchema as { properties?: unknown; required?: unknown };
  const props = schema.properties && typeof schema.properties === 'object' && !Array.isArray(schema.properties) ? (schema.properties as Record<string, unknown>) : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  const fields: ToolField[] = [];
  for (const [name, raw] of Object.entries(props).slice(0, MAX_FIELDS)) {
    const p = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const t = Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type;
    const type: ToolFieldType = typeof t === 'string' && ['string', 'number', 'integer', 'boolean', 'object', 'array'].includes(t) ? (t as ToolFieldType) : 'any';
    const field: ToolField = { name, type, required: required.has(name) };
    if (typeof p.description === 'string') field.description = p.description.slice(0, 500);
    if (Array.isArray(p.enum)) field.enum = p.enum.slice(0, 100).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    if (p.default !== undefined) field.default = typeof p.default === 'string' ? p.default : JSON.stringify(p.default);
    fields.push(field);
  }
  return fields;
}

/** The arguments object from the typed values; an empty optional field is left out. */
export function readToolArguments(fields: readonly ToolField[], raw: Record<string, string>): { args: Record<string, unknown>; problems: string[] } {
  const args: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const f of fields) {
    const text = raw[f.name];
    if (text === undefined || text === '') {
      if (f.required) problems.push(`${f.name} is required.`);
      continue;
    }
    switch (f.type) {
      case 'string':
        args[f.name] = text;
        break;
      case 'number':
      case 'integer': {
        const n = Number(text);
        if (text.trim() === '' || !Number.isFinite(n) || (f.type === 'integer' && !Number.isInteger(n))) problems.push(`${f.name} must be ${f.type === 'integer' ? 'an integer' : 'a number'}.`);
        else args[f.name] = n;
        break;
      }
      case 'boolean':
        if (text !== 'true' && text !== 'false') problems.push(`${f.name} must be true or false.`);
        else args[f.name] = text === 'true';
        break;
      default:
        try {
          args[f.name] = JSON.parse(text) as unknown;
        } catch {
          if (f.type === 'any') args[f.name] = text;
          else problems.push(`${f.name} must be JSON (${f.type}).`);
        }
    }
  }
  return { args, problems };
}
