/**
 * Copilot Studio's constraints on an MCP server's tools: it drops tools whose input or output
 * schema uses `$ref`, a type array (`"type": ["string", "null"]`) or `anyOf`/`oneOf`, and an agent
 * takes a limited number of tools (third-party guides: 128; a setting). Each problem names the tool
 * and the RFC 6901 pointer inside the tool object (e.g. `/inputSchema/properties/due/type`).
 * Bounded walk (depth, nodes): a hostile schema yields a budget finding, never a hang.
 */
import { DEFAULT_MAX_MCP_TOOLS } from './agenticProtocol';
import { encodePointerToken } from '../swagger/pointer';

export type McpConstraintRule = 'mcp-tool-ref' | 'mcp-tool-type-array' | 'mcp-tool-any-of' | 'mcp-tool-one-of' | 'mcp-tool-count' | 'mcp-tool-schema-budget';

export interface McpConstraintViolation {
  rule: McpConstraintRule;
  /** The tool's name ('' for the server-wide tool count). */
  tool: string;
  /** Pointer inside the tool object ('' for the tool count). */
  pointer: string;
  message: string;
}

export interface ConstraintOptions {
  maxTools?: number;
  maxDepth?: number;
  maxNodes?: number;
}

interface ToolLike {
  name: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
}

// Keywords whose value is a map from names to schemas (the keys are names, not keywords).
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
// Keywords whose value is data, never a schema.
const DATA = new Set(['enum', 'const', 'default', 'examples', 'example', 'required', 'description', 'title']);

export function checkToolConstraints(tools: readonly ToolLike[], options: ConstraintOptions = {}): McpConstraintViolation[] {
  const maxTools = options.maxTools ?? DEFAULT_MAX_MCP_TOOLS;
  const maxDepth = options.maxDepth ?? 64;
  const maxNodes = options.maxNodes ?? 100_000;
  const out: McpConstraintViolation[] = [];
  if (tools.length > maxTools) {
    out.push({ rule: 'mcp-tool-count', tool: '', pointer: '', message: `The server offers ${tools.length} tools; an agent takes at most ${maxTools} (setting connectorStudio.mcp.maxTools), so ${tools.length - maxTools} would be left out. Split the server or offer fewer tools.` });
  }
  let nodes = 0;
  for (const tool of tools) {
    let over = false;
    const visit = (value: unknown, pointer: string, depth: number): void => {
      if (over) return;
      if (++nodes > maxNodes || depth > maxDepth) {
        over = true;
        out.push({ rule: 'mcp-tool-schema-budget', tool: tool.name, pointer, message: `Tool "${tool.name}": the schema is deeper than ${maxDepth} levels or larger than ${maxNodes} nodes at ${pointer}; it was not checked further.` });
        return;
      }
      if (Array.isArray(value)) {
        value.forEach((v, i) => visit(v, `${pointer}/${i}`, depth + 1));
        return;
      }
      if (!value || typeof value !== 'object') return;
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        const at = `${pointer}/${encodePointerToken(key)}`;
        if (key === '$ref') {
          out.push({ rule: 'mcp-tool-ref', tool: tool.name, pointer: at, message: `Tool "${tool.name}" uses $ref at ${at} (${JSON.stringify(String(v)).slice(0, 80)}); Copilot Studio drops tools whose schemas use references. Inline the referenced schema.` });
        } else if (key === 'type' && Array.isArray(v)) {
          const nonNull = v.filter((t) => t !== 'null');
          out.push({ rule: 'mcp-tool-type-array', tool: tool.name, pointer: at, message: `Tool "${tool.name}" has a type array ${JSON.stringify(v).slice(0, 80)} at ${at}; Copilot Studio takes a single type. Use "type": ${JSON.stringify(nonNull[0] ?? 'string')}${v.includes('null') ? ' and leave the property out of "required" instead of allowing null' : ''}.` });
        } else if (key === 'anyOf' || key === 'oneOf') {
          out.push({ rule: key === 'anyOf' ? 'mcp-tool-any-of' : 'mcp-tool-one-of', tool: tool.name, pointer: at, message: `Tool "${tool.name}" uses ${key} at ${at}; Copilot Studio drops tools with ${key}. Use one schema (a single type, optional properties) instead.` });
        }
        if (DATA.has(key) || key === '$ref') continue;
        if (SCHEMA_MAPS.has(key) && v && typeof v === 'object' && !Array.isArray(v)) {
          for (const [name, sub] of Object.entries(v as Record<string, unknown>)) visit(sub, `${at}/${encodePointerToken(name)}`, depth + 2);
          continue;
        }
        if (v && typeof v === 'object') visit(v, at, depth + 1);
      }
    };
    visit(tool.inputSchema, '/inputSchema', 0);
    if (tool.outputSchema !== undefined) visit(tool.outputSchema, '/outputSchema', 0);
  }
  return out;
}
