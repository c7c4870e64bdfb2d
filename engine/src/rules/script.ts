// Rule family 10, "script.csx (custom code)": see docs/rules.md. Text checks on the C# script
// (no C# parser: comments and strings are blanked first so they cannot fake or hide code).
import { isObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule, RuleContext } from './types';

const MAX_SCRIPT_BYTES = 1024 * 1024;

const ALLOWED_NAMESPACES = new Set([
  'System',
  'System.Collections',
  'System.Collections.Generic',
  'System.Diagnostics',
  'System.IO',
  'System.IO.Compression',
  'System.Linq',
  'System.Net',
  'System.Net.Http',
  'System.Net.Http.Headers',
  'System.Net.Security',
  'System.Security.Authentication',
  'System.Security.Cryptography',
  'System.Text',
  'System.Text.RegularExpressions',
  'System.Threading',
  'System.Threading.Tasks',
  'System.Web',
  'System.Xml',
  'System.Xml.Linq',
  'System.Drawing',
  'System.Drawing.Drawing2D',
  'System.Drawing.Imaging',
  'Microsoft.Extensions.Logging',
  'Newtonsoft.Json',
  'Newtonsoft.Json.Linq',
]);

/** Namespaces of the .NET framework and the connector host itself, which the script compiles against. */
const FRAMEWORK_ROOTS = /^(?:System|Microsoft|Newtonsoft\.Json)(?:\.|$)/;

/** The script with comments blanked (same length, so offsets stay valid); strings optionally too. */
export function blankComments(text: string, blankStrings = false): string {
  const out = text.split('');
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  while (i < text.length) {
    const c = text[i];
    const n = text[i + 1];
    if (c === '/' && n === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && n === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || (c === '@' && n === '"') || (c === '$' && n === '"') || (c === '$' && n === '@' && text[i + 2] === '"')) {
      const verbatim = c === '@' || (c === '$' && n === '@');
      let j = text.indexOf('"', i) + 1;
      while (j < text.length) {
        if (!verbatim && text[j] === '\\') j += 2;
        else if (text[j] === '"' && verbatim && text[j + 1] === '"') j += 2;
        else if (text[j] === '"' || (!verbatim && text[j] === '\n')) break;
        else j++;
      }
      if (blankStrings) blank(text.indexOf('"', i) + 1, j);
      i = j + 1;
    } else if (c === "'") {
      const j = text[i + 1] === '\\' ? text.indexOf("'", i + 3) : text.indexOf("'", i + 2);
      i = j < 0 ? i + 1 : j + 1;
    } else i++;
  }
  return out.join('');
}

function lineRange(text: string, re: RegExp): { offset: number; length: number } | undefined {
  const m = re.exec(text);
  return m ? { offset: m.index, length: m[0].length } : undefined;
}

const scriptSize: Rule = {
  ids: ['script-size'],
  check({ script, report }) {
    if (!script) return;
    const bytes = Buffer.byteLength(script.text, 'utf8');
    if (bytes > MAX_SCRIPT_BYTES) report({ ruleId: 'script-size', file: 'script', offset: 0, length: 0, message: `script.csx is ${bytes} bytes, over the 1 MB limit: move logic to your API or trim the script.` });
  },
};

const scriptSingleFile: Rule = {
  ids: ['script-single-file'],
  check({ script, folderFiles, report }) {
    if (script) {
      const code = blankComments(script.text, true);
      // The class name is matched regardless of case, as the platform does.
      const classes = [...code.matchAll(/\bclass\s+Script\b/gi)];
      for (const m of classes.slice(1)) report({ ruleId: 'script-single-file', file: 'script', offset: m.index, length: m[0].length, message: 'A second "Script" class: a connector has exactly one Script class.' });
    }
    const csx = (folderFiles ?? []).filter((f) => /\.csx$/i.test(f));
    if (csx.length > 1) {
      report({ ruleId: 'script-single-file', file: script ? 'script' : 'properties', offset: 0, length: 0, message: `The folder holds ${csx.length} script files (${csx.join(', ')}): a connector has one script.csx.` });
    }
  },
};

const scriptClassShape: Rule = {
  ids: ['script-class-shape'],
  check({ script, report }) {
    if (!script) return;
    const code = blankComments(script.text, true);
    const cls = lineRange(code, /\bclass\s+Script\b[^{]*/i);
    if (!cls) {
      report({ ruleId: 'script-class-shape', file: 'script', offset: 0, length: 0, message: 'No "public class Script : ScriptBase" in script.csx: declare it and override ExecuteAsync().' });
      return;
    }
    const decl = code.slice(cls.offset, cls.offset + cls.length);
    const before = code.slice(Math.max(0, cls.offset - 40), cls.offset);
    if (!/:\s*ScriptBase\b/.test(decl) || !/\bpublic\s+(?:(?:sealed|partial)\s+)*$/.test(before)) {
      report({ ruleId: 'script-class-shape', file: 'script', offset: cls.offset, length: cls.length, message: 'Declare the class as "public class Script : ScriptBase".' });
    }
    if (!/\bpublic\s+override\s+(?:async\s+)?Task\s*<\s*HttpResponseMessage\s*>\s+ExecuteAsync\s*\(\s*\)/.test(code)) {
      report({ ruleId: 'script-class-shape', file: 'script', offset: cls.offset, length: cls.length, message: 'The Script class must override "public override async Task<HttpResponseMessage> ExecuteAsync()".' });
    }
  },
};

const scriptNamespaces: Rule = {
  ids: ['script-namespaces', 'script-namespace-undocumented'],
  check({ script, report }) {
    if (!script) return;
    const code = blankComments(script.text);
    for (const m of code.matchAll(/^[ \t]*using\s+(?:static\s+)?(?:([A-Za-z_]\w*)\s*=\s*)?([A-Za-z_][\w.]*)\s*;/gm)) {
      let ns = m[2];
      if (m[1] !== undefined || /^using\s+static/.test(m[0].trim())) ns = ns.slice(0, ns.lastIndexOf('.')) || ns; // alias or static: the type's namespace
      if (ALLOWED_NAMESPACES.has(ns) || ALLOWED_NAMESPACES.has(m[2])) continue;
      const at = m.index + m[0].indexOf(m[2]);
      // Framework namespaces outside the documented list still compile (certified connectors use
      // System.Runtime.Remoting.Contexts and ScriptBase's own namespace): advice, not a rejection.
      if (FRAMEWORK_ROOTS.test(ns)) {
        report({ ruleId: 'script-namespace-undocumented', file: 'script', offset: at, length: m[2].length, message: `Namespace "${m[2]}" is not in Microsoft's documented list for custom code; it compiles, but prefer the documented namespaces (System, System.Net.Http, Newtonsoft.Json, ...).` });
        continue;
      }
      report({ ruleId: 'script-namespaces', file: 'script', offset: at, length: m[2].length, message: `Namespace "${m[2]}" comes from a library the custom-code host does not load: use only the documented namespaces (System, System.Net.Http, Newtonsoft.Json, ...).` });
    }
  },
};

const scriptSendAsync: Rule = {
  ids: ['script-send-async'],
  check({ script, report }) {
    if (!script) return;
    const code = blankComments(script.text, true);
    for (const m of code.matchAll(/\bnew\s+HttpClient\s*\(/g)) {
      report({ ruleId: 'script-send-async', file: 'script', offset: m.index, length: m[0].length, message: 'Use "this.Context.SendAsync(request, this.CancellationToken)" instead of a new HttpClient (direct HttpClient use is planned to be blocked).' });
    }
  },
};

const scriptTimeBudget: Rule = {
  ids: ['script-time-budget'],
  check({ script, report }) {
    if (!script) return;
    const code = blankComments(script.text, true);
    for (const m of code.matchAll(/\b(Thread\.Sleep|Task\.Delay)\s*\(\s*([^)]*)\)/g)) {
      const arg = m[2].trim();
      const ms = /^\d+$/.test(arg) ? Number(arg) : /FromSeconds\s*\(\s*(\d+(?:\.\d+)?)/.exec(arg) ? Number(/FromSeconds\s*\(\s*(\d+(?:\.\d+)?)/.exec(arg)![1]) * 1000 : undefined;
      if (ms !== undefined && ms < 1000) continue;
      report({ ruleId: 'script-time-budget', file: 'script', offset: m.index, length: m[0].length, message: `${m[1]}(${arg}) waits${ms !== undefined ? ` ${ms / 1000} s` : ''}: the script must finish within 5 seconds, so avoid long waits and polling loops.` });
    }
  },
};

function scriptOperations(ctx: RuleContext): unknown[] | undefined {
  const props = ctx.properties?.value;
  if (!isObject(props) || !isObject(props.properties)) return undefined;
  const ops = props.properties.scriptOperations;
  return Array.isArray(ops) ? ops : undefined;
}

const scriptOperationsExist: Rule = {
  ids: ['script-operations-exist'],
  check(ctx) {
    const { index, script, report } = ctx;
    if (!ctx.definition) return;
    const ops = scriptOperations(ctx);
    ops?.forEach((id, i) => {
      if (typeof id === 'string' && !index.operationsById.has(id)) {
        report({ ruleId: 'script-operations-exist', file: 'properties', pointer: pathToPointer(['properties', 'scriptOperations', i]), target: 'value', message: `scriptOperations lists "${id}", which is not an operationId of the definition.` });
      }
    });
    if (!script || index.operationsById.size === 0) return;
    const code = blankComments(script.text);
    const re = /OperationId\s*(?:==|!=)\s*"([^"\\]*)"|"([^"\\]*)"\s*(?:==|!=)\s*[\w.]*OperationId\b|OperationId\s*\.\s*Equals\s*\(\s*"([^"\\]*)"/g;
    for (const m of code.matchAll(re)) {
      const id = m[1] ?? m[2] ?? m[3];
      if (id === undefined || index.operationsById.has(id)) continue;
      const at = m.index + m[0].indexOf(`"${id}"`);
      report({ ruleId: 'script-operations-exist', file: 'script', offset: at, length: id.length + 2, message: `The script compares the operation id with "${id}", which is not an operationId of the definition.` });
    }
  },
};

const scriptOperationsWithoutScript: Rule = {
  ids: ['script-operations-without-script'],
  check(ctx) {
    const ops = scriptOperations(ctx);
    if (!ops || ctx.script || !ctx.folderFiles || ctx.folderFiles.some((f) => /\.csx$/i.test(f))) return;
    ctx.report({ ruleId: 'script-operations-without-script', file: 'properties', pointer: '/properties/scriptOperations', message: 'scriptOperations is set but the connector has no script.csx: add the script or remove scriptOperations.' });
  },
};

const scriptNoGateway: Rule = {
  ids: ['script-no-gateway'],
  check({ script, properties, report }) {
    if (!script) return;
    const props = properties?.value;
    if (!isObject(props) || !isObject(props.properties) || !isObject(props.properties.connectionParameters)) return;
    for (const [name, p] of Object.entries(props.properties.connectionParameters)) {
      if (isObject(p) && p.type === 'gatewaySetting') {
        report({ ruleId: 'script-no-gateway', file: 'properties', pointer: pathToPointer(['properties', 'connectionParameters', name]), message: `Connection parameter "${name}" uses an on-premises data gateway, which custom code does not support.` });
      }
    }
  },
};

export const rules: Rule[] = [scriptSize, scriptSingleFile, scriptClassShape, scriptNamespaces, scriptSendAsync, scriptTimeBudget, scriptOperationsExist, scriptOperationsWithoutScript, scriptNoGateway];
