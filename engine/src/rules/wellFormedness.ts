// Rule family 1 (file and JSON well-formedness): see docs/rules.md, section 1. The parser itself
// reports syntax (json-parse-error, json-bom, ...); these rules look at the parsed files and folder.
import { isObject } from '../languageService/connectorIndex';
import { baseNameOf } from '../languageService/fileUris';
import { hasRoot, type ParsedDocument } from '../languageService/parseDocument';
import type { ConnectorFileKind, Rule, RuleContext } from './types';
import { DEFINITION_FILE, PROPERTIES_FILE } from '../../../shared/src/lifecycle/connectorFolder';


const jsonRootObject: Rule = {
  ids: ['json-root-object'],
  check({ rawDefinition, properties, report }) {
    const check = (doc: ParsedDocument | undefined, file: ConnectorFileKind, name: string) => {
      // Only when the parse succeeded: a broken file already has its syntax finding.
      if (!doc || !hasRoot(doc) || doc.syntax.some((s) => s.ruleId.endsWith('parse-error'))) return;
      if (isObject(doc.value)) return;
      const kind = Array.isArray(doc.value) ? 'an array' : doc.value === null ? 'null' : `a ${typeof doc.value}`;
      // A root that is not an object (rare): the tree gives its place.
      const root = doc.root;
      if (!root) return;
      report({ ruleId: 'json-root-object', file, offset: root.offset, length: Math.min(root.length, 1), message: `The root of ${name} is ${kind}; it must be a JSON object ({ ... }).` });
    };
    check(rawDefinition, 'definition', DEFINITION_FILE);
    check(properties, 'properties', PROPERTIES_FILE);
  },
};

const jsonEncodingUtf8: Rule = {
  ids: ['json-encoding-utf8'],
  check({ rawDefinition, properties, report }) {
    // Files are decoded as UTF-8 before we see them; invalid bytes become U+FFFD.
    const check = (doc: ParsedDocument | undefined, file: ConnectorFileKind) => {
      // UTF-16 read as UTF-8 already has its one finding from the parser ("UTF-16: save as UTF-8").
      if (!doc || doc.syntax.some((f) => f.ruleId === 'json-encoding-utf8' || f.ruleId === 'json-encoding-utf16')) return;
      const first = doc.text.indexOf('\uFFFD');
      if (first < 0) return;
      let count = 0;
      for (let i = first; i >= 0; i = doc.text.indexOf('\uFFFD', i + 1)) count++;
      const more = count > 1 ? ` (${count} places in the file)` : '';
      report({ ruleId: 'json-encoding-utf8', file, offset: first, length: 1, message: `Invalid UTF-8 here${more}: the file was saved in a legacy encoding such as Latin-1 (or characters were already lost as U+FFFD in an earlier conversion). Re-save it as UTF-8 and restore the original characters.` });
    };
    check(rawDefinition, 'definition');
    check(properties, 'properties');
  },
};

const fileLayout: Rule = {
  ids: ['file-layout'],
  check({ rawDefinition, properties, folderFiles, report }) {
    if (rawDefinition) {
      const name = baseNameOf(rawDefinition.uri);
      if (rawDefinition.language === 'yaml') {
        report({ ruleId: 'file-layout', message: `The definition is YAML (${name}); paconn, pac and certification read ${DEFINITION_FILE} as JSON, so save it as JSON before you deploy.` });
      } else if (folderFiles && !sameName(name, DEFINITION_FILE) && !folderFiles.some((f) => sameName(f, DEFINITION_FILE))) {
        report({ ruleId: 'file-layout', message: `The definition is named "${name}"; paconn and pac expect ${DEFINITION_FILE} in the connector folder.` });
      }
      if (folderFiles && !folderFiles.some((f) => sameName(f, PROPERTIES_FILE))) {
        report({ ruleId: 'file-layout', message: `No ${PROPERTIES_FILE} beside the definition: connection parameters and policies cannot be checked, and paconn/pac need it to deploy the connector.` });
      }
    } else if (properties && folderFiles && !folderFiles.some((f) => sameName(f, DEFINITION_FILE) || /\.ya?ml$/i.test(f))) {
      report({ ruleId: 'file-layout', file: 'properties', message: `No ${DEFINITION_FILE} beside ${PROPERTIES_FILE}: cross-file rules cannot run.` });
    }
  },
};

const formatWhitespace: Rule = {
  ids: ['format-whitespace'],
  check(ctx: RuleContext) {
    const doc = ctx.definition;
    if (!doc || doc.language !== 'json') return;
    const text = doc.text;
    let tab: number | undefined;
    let trailing: number | undefined;
    let badIndent: number | undefined;
    let tabs = 0;
    let trailings = 0;
    let badIndents = 0;
    // One pass over the characters, tracking the current line's state.
    let atLineStart = true;
    let indent = 0;
    let lineStart = 0;
    let lineHasTab = false;
    let lastNonBlank = -1;
    const endLine = (end: number) => {
      if (lineHasTab) tabs++;
      if (end > lineStart && lastNonBlank < end - 1) {
        trailings++;
        trailing ??= Math.max(lastNonBlank + 1, lineStart);
      }
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        endLine(i > 0 && text.charCodeAt(i - 1) === 13 ? i - 1 : i);
        atLineStart = true;
        indent = 0;
        lineStart = i + 1;
        lineHasTab = false;
        lastNonBlank = -1;
        continue;
      }
      if (c === 9) {
        lineHasTab = true;
        tab ??= i;
      }
      if (c === 32 || c === 9 || c === 13) {
        if (atLineStart && c === 32) indent++;
        else if (atLineStart) atLineStart = false;
        continue;
      }
      if (atLineStart) {
        atLineStart = false;
        if (indent % 4 !== 0) {
          badIndents++;
          badIndent ??= lineStart;
        }
      }
      lastNonBlank = i;
    }
    endLine(text.length);
    const times = (n: number) => (n > 1 ? ` (${n} lines)` : '');
    if (tab !== undefined) ctx.report({ ruleId: 'format-whitespace', offset: tab, length: 1, message: `Hard tab in the definition${times(tabs)}: indent with four spaces per level.` });
    if (trailing !== undefined) ctx.report({ ruleId: 'format-whitespace', offset: trailing, length: 1, message: `Trailing whitespace${times(trailings)}: remove spaces at the end of lines.` });
    if (badIndent !== undefined) ctx.report({ ruleId: 'format-whitespace', offset: badIndent, length: 1, message: `Indentation is not a multiple of four spaces${times(badIndents)}: format the file with four spaces per level.` });
  },
};

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export const rules: Rule[] = [jsonRootObject, jsonEncodingUtf8, fileLayout, formatWhitespace];
