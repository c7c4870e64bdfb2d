// Rule family 8 (policy templates), expressions in template parameters: syntax and
// @connectionParameters references. See docs/rules.md, section 8.
import { isObject, type JsonObject } from '../languageService/connectorIndex';
import type { PathSegment } from '../languageService/tree';
import type { Rule } from './types';
import { instancesOf, reporter, type Instance } from './util/policyInstances';


const KNOWN_FUNCTIONS = new Set(['connectionparameters', 'headers', 'queryparameters', 'body', 'triggerbody', 'item', 'request']);

interface ExprCall {
  name: string;
  args: string[];
  /** Problems in the call's syntax. */
  problem?: string;
}

/** Finds `@name(...)` calls in a template string. Scans linearly; no recursion. */
export function scanExpressions(s: string): ExprCall[] {
  const out: ExprCall[] = [];
  const re = /@([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const name = m[1];
    let i = re.lastIndex;
    const args: string[] = [];
    let problem: string | undefined;
    let closed = false;
    // Arguments: quoted strings separated by commas (numbers tolerated).
    while (i < s.length) {
      while (s[i] === ' ') i++;
      if (s[i] === ')') {
        closed = true;
        i++;
        break;
      }
      if (s[i] === "'" || s[i] === '"') {
        const q = s[i];
        const end = s.indexOf(q, i + 1);
        if (end < 0) {
          problem = `unterminated string in @${name}(...)`;
          i = s.length;
          break;
        }
        args.push(s.slice(i + 1, end));
        i = end + 1;
      } else {
        const start = i;
        while (i < s.length && !/[,)\s]/.test(s[i])) i++;
        const raw = s.slice(start, i);
        if (raw === '') {
          problem = `unexpected "${s[i] ?? 'end of text'}" in @${name}(...)`;
          break;
        }
        if (!/^-?\d+(\.\d+)?$/.test(raw)) problem ??= `argument ${raw} of @${name}(...) is not quoted`;
        args.push(raw);
      }
      while (s[i] === ' ') i++;
      if (s[i] === ',') i++;
      else if (s[i] !== ')') {
        if (i < s.length) problem ??= `unexpected "${s[i]}" in @${name}(...)`;
        if (i >= s.length) break;
        i++;
      }
    }
    if (!closed) problem ??= `@${name}( is not closed with ")"`;
    re.lastIndex = Math.max(re.lastIndex, i);
    out.push({ name, args, problem });
  }
  return out;
}

/** Every string value under an instance's parameters, with its path. */
function stringsOf(inst: Instance): { path: PathSegment[]; text: string }[] {
  const out: { path: PathSegment[]; text: string }[] = [];
  if (!inst.params) return out;
  const stack: { v: unknown; p: PathSegment[]; depth: number }[] = [{ v: inst.params, p: [...inst.path, 'parameters'], depth: 0 }];
  while (stack.length) {
    const { v, p, depth } = stack.pop()!;
    if (typeof v === 'string') out.push({ path: p, text: v });
    else if (depth > 20) continue;
    else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, p: [...p, i], depth: depth + 1 }));
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) stack.push({ v: x, p: [...p, k], depth: depth + 1 });
  }
  return out;
}

function braceProblem(s: string): string | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'") quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return 'a "}" has no matching "{"';
  }
  return depth > 0 ? 'a "{" is not closed' : undefined;
}

const expressionSyntax: Rule = {
  ids: ['policy-expression-syntax'],
  check(ctx) {
    const report = reporter(ctx);
    for (const inst of instancesOf(ctx)) {
      for (const { path, text } of stringsOf(inst)) {
        if (!text.includes('@')) continue;
        const problems: string[] = [];
        for (const call of scanExpressions(text)) {
          if (call.problem) problems.push(call.problem);
          else if (!KNOWN_FUNCTIONS.has(call.name.toLowerCase())) problems.push(`@${call.name}() is not a policy expression function (use @connectionParameters, @headers, @queryParameters or @body)`);
        }
        // Braces matter only where expressions are embedded with {...}.
        if (/@\{|\{@/.test(text)) {
          const b = braceProblem(text);
          if (b) problems.push(b);
        }
        if (problems.length) report({ ruleId: 'policy-expression-syntax', path, target: 'value', message: `Malformed expression in ${JSON.stringify(text)}: ${problems.join('; ')}.` });
      }
    }
  },
};

/** Names defined in connectionParameters, and those defined in every connectionParameterSets set. */
function connectionParameterNames(props: JsonObject): { all: Set<string>; some: Set<string> } | undefined {
  const all = new Set<string>();
  const some = new Set<string>();
  if (isObject(props.connectionParameters)) for (const k of Object.keys(props.connectionParameters)) all.add(k), some.add(k);
  const sets = isObject(props.connectionParameterSets) && Array.isArray(props.connectionParameterSets.values) ? props.connectionParameterSets.values : undefined;
  if (sets) {
    const perSet = sets.filter(isObject).map((s) => new Set(isObject(s.parameters) ? Object.keys(s.parameters) : []));
    for (const set of perSet) for (const k of set) some.add(k);
    for (const k of some) if (perSet.length && perSet.every((s) => s.has(k))) all.add(k);
  }
  if (!isObject(props.connectionParameters) && !sets) return undefined;
  return { all, some };
}

const connectionParameterRef: Rule = {
  ids: ['policy-connection-parameter-ref'],
  check(ctx) {
    const report = reporter(ctx);
    const root = ctx.properties?.value;
    if (!isObject(root) || !isObject(root.properties)) return;
    const names = connectionParameterNames(root.properties) ?? { all: new Set<string>(), some: new Set<string>() };
    for (const inst of instancesOf(ctx)) {
      for (const { path, text } of stringsOf(inst)) {
        if (!text.includes('@')) continue;
        for (const call of scanExpressions(text)) {
          if (call.name.toLowerCase() !== 'connectionparameters' || call.problem || call.args.length !== 1) continue;
          const name = call.args[0];
          if (names.all.has(name)) continue;
          const where = names.some.has(name) ? 'is not defined in every connection parameter set' : 'is not a connection parameter';
          report({ ruleId: 'policy-connection-parameter-ref', path, target: 'value', message: `@connectionParameters('${name}') ${where}; define it in connectionParameters or give a default as second argument.` });
        }
      }
    }
  },
};

export const rules: Rule[] = [expressionSyntax, connectionParameterRef];
