// Schema-driven editing over LSP (issue 20): completion of every key valid at the cursor and not yet
// present (root, info, operation, parameter, schema, securityDefinitions, apiProperties), enum values,
// hover with description and docs link, formatting of the document and of a range keeping comments
// and key order, YAML folding and selection ranges: in a JSON definition (test/fixtures/features) and
// a YAML one (test/fixtures/features-yaml), each beside an apiProperties.json.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parse as parseJsonc } from 'jsonc-parser';
import {
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  FoldingRangeRequest,
  HoverRequest,
  SelectionRangeRequest,
  type CompletionItem,
  type CompletionList,
  type FoldingRange,
  type Hover,
  type MarkupContent,
  type Position,
  type SelectionRange,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { openFixtureConnector, type OpenedConnector } from './lspClient';
import { applyEdits, positionOf } from './textHelpers';

type Lang = 'json' | 'yaml';
const FIXTURES: Record<Lang, [string, string]> = {
  json: [path.resolve(__dirname, '../fixtures/features'), 'apiDefinition.swagger.json'],
  yaml: [path.resolve(__dirname, '../fixtures/features-yaml'), 'apiDefinition.yaml'],
};

/** Where to type in each language: replace `anchor` by `replacement`; the cursor is at "|". */
interface Case {
  anchor: string;
  replacement: string;
  includes: string[];
  excludes: string[];
}
const DEFINITION_CASES: Record<string, Record<Lang, Case>> = {
  root: {
    json: { anchor: '"basePath": "/api",', replacement: '"basePath": "/api",\n    "|",', includes: ['securityDefinitions', 'parameters', 'tags', 'externalDocs', 'consumes', 'x-ms-connector-metadata'], excludes: ['host', 'info', 'paths', 'swagger', 'x-ms-visibility'] },
    yaml: { anchor: 'basePath: /api\n', replacement: 'basePath: /api\n|\n', includes: ['securityDefinitions', 'parameters', 'tags', 'externalDocs', 'consumes', 'x-ms-connector-metadata'], excludes: ['host', 'info', 'paths', 'swagger', 'x-ms-visibility'] },
  },
  info: {
    json: { anchor: '"version": "1.0"', replacement: '"version": "1.0",\n        "|"', includes: ['contact', 'termsOfService', 'license', 'x-ms-api-annotation'], excludes: ['title', 'description', 'version', 'paths'] },
    yaml: { anchor: '  version: "1.0"\n', replacement: '  version: "1.0"\n  |\n', includes: ['contact', 'termsOfService', 'license', 'x-ms-api-annotation'], excludes: ['title', 'description', 'version', 'paths'] },
  },
  operation: {
    json: { anchor: '"x-ms-visibility": "internal",', replacement: '"x-ms-visibility": "internal",\n                "|",', includes: ['deprecated', 'consumes', 'produces', 'externalDocs', 'parameters', 'x-ms-trigger', 'x-ms-pageable'], excludes: ['operationId', 'summary', 'responses', 'x-ms-visibility', 'x-ms-summary'] },
    yaml: { anchor: '      x-ms-visibility: internal\n', replacement: '      x-ms-visibility: internal\n      |\n', includes: ['deprecated', 'consumes', 'produces', 'externalDocs', 'parameters', 'x-ms-trigger', 'x-ms-pageable'], excludes: ['operationId', 'summary', 'responses', 'x-ms-visibility', 'x-ms-summary'] },
  },
  parameter: {
    json: { anchor: '"x-ms-url-encoding": "single",', replacement: '"x-ms-url-encoding": "single",\n                        "|",', includes: ['description', 'format', 'default', 'enum', 'x-ms-visibility'], excludes: ['name', 'in', 'required', 'type', 'x-ms-summary', 'x-ms-trigger'] },
    yaml: { anchor: '          x-ms-url-encoding: single\n', replacement: '          x-ms-url-encoding: single\n          |\n', includes: ['description', 'format', 'default', 'enum', 'x-ms-visibility'], excludes: ['name', 'in', 'required', 'type', 'x-ms-summary', 'x-ms-trigger'] },
  },
  schema: {
    json: { anchor: '"ListCollection": {\n            "type": "object",', replacement: '"ListCollection": {\n            "type": "object",\n            "|",', includes: ['required', 'description', 'title', 'discriminator', 'x-ms-summary', 'x-ms-visibility'], excludes: ['type', 'properties', 'x-ms-trigger', 'in'] },
    yaml: { anchor: '  ListCollection:\n    type: object\n', replacement: '  ListCollection:\n    type: object\n    |\n', includes: ['required', 'description', 'title', 'discriminator', 'x-ms-summary', 'x-ms-visibility'], excludes: ['type', 'properties', 'x-ms-trigger', 'in'] },
  },
  securityDefinitions: {
    json: { anchor: '"basePath": "/api",', replacement: '"basePath": "/api",\n    "securityDefinitions": { "oauth": { "type": "oauth2", "|" } },', includes: ['flow', 'authorizationUrl', 'tokenUrl', 'scopes', 'description'], excludes: ['type', 'in: header'] },
    yaml: { anchor: 'basePath: /api\n', replacement: 'basePath: /api\nsecurityDefinitions:\n  oauth:\n    type: oauth2\n    |\n', includes: ['flow', 'authorizationUrl', 'tokenUrl', 'scopes', 'description'], excludes: ['type'] },
  },
};

function itemsOf(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return !result ? [] : Array.isArray(result) ? result : result.items;
}
const unquote = (s: string) => (s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);

for (const lang of ['json', 'yaml'] as const) {
  describe(`language server over IPC: schema-driven editing in a ${lang.toUpperCase()} definition`, function () {
    this.timeout(60_000);
    let opened: OpenedConnector;
    before(async () => {
      opened = await openFixtureConnector(FIXTURES[lang][0], FIXTURES[lang][1], `cs-lsp-schema-${lang}-`);
    });
    after(() => opened.dispose());

    const request = <R>(method: string, params: object) => opened.client.connection.sendRequest(method, params) as Promise<R>;

    /** Completion after typing (the anchor replaced); the original text is restored afterwards. */
    async function completeTyped(file: 'definition' | 'properties', anchor: string, replacement: string): Promise<{ items: CompletionItem[]; edited: string; cursor: Position }> {
      const [uri, original] = file === 'definition' ? [opened.defUri, opened.defText] : [opened.propsUri, opened.propsText];
      assert.ok(original.includes(anchor), `anchor ${JSON.stringify(anchor)} not found`);
      const edited = original.replace(anchor, replacement.replace('|', ''));
      const before = original.slice(0, original.indexOf(anchor)) + replacement.slice(0, replacement.indexOf('|'));
      const cursor = { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
      opened.client.change(uri, edited);
      try {
        return { items: itemsOf(await request(CompletionRequest.method, { textDocument: { uri }, position: cursor })), edited, cursor };
      } finally {
        opened.client.change(uri, original);
      }
    }

    for (const [where, cases] of Object.entries(DEFINITION_CASES)) {
      it(`completes the keys valid at ${where} and not yet present`, async () => {
        const c = cases[lang];
        const { items } = await completeTyped('definition', c.anchor, c.replacement);
        const labels = items.map((i) => unquote(i.label));
        for (const key of c.includes) assert.ok(labels.includes(key), `${where}: ${key} missing from ${labels.join()}`);
        for (const key of c.excludes) assert.ok(!labels.includes(key), `${where}: ${key} offered though present or not allowed`);
        assert.equal(new Set(labels).size, labels.length, `duplicates in ${labels.join()}`);
      });
    }

    it('inserts securityDefinitions at the root with a snippet for its object value, giving a valid document', async () => {
      const c = DEFINITION_CASES.root[lang];
      const { items, edited, cursor } = await completeTyped('definition', c.anchor, lang === 'json' ? c.replacement.replace('"|",', '"secu|"') : c.replacement.replace('|', 'secu|'));
      const item = items.find((i) => unquote(i.label) === 'securityDefinitions');
      assert.ok(item, 'securityDefinitions offered');
      // Without a textEdit VS Code replaces the word before the cursor with insertText.
      const edit = (item.textEdit as TextEdit | undefined) ?? { range: { start: { ...cursor, character: cursor.character - 'secu'.length }, end: cursor }, newText: item.insertText ?? item.label };
      assert.match(edit.newText, lang === 'json' ? /^"securityDefinitions": \{/ : /^securityDefinitions:\n/);
      const after = applyEdits(edited, [{ ...edit, newText: edit.newText.replace(/\$\{?\d+\}?/g, '') }]);
      const value = lang === 'json' ? parseJsonc(after) : parseYaml(after);
      assert.ok(value && 'securityDefinitions' in value, after);
      assert.equal(value.host, 'lists.contoso.com', 'the rest of the document is intact');
    });

    it('completes the enum values of securityDefinitions flow and of a parameter\'s collectionFormat', async () => {
      const flowCase = lang === 'json'
        ? ['"basePath": "/api",', '"basePath": "/api",\n    "securityDefinitions": { "oauth": { "type": "oauth2", "flow": "|" } },']
        : ['basePath: /api\n', 'basePath: /api\nsecurityDefinitions:\n  oauth:\n    type: oauth2\n    flow: |\n'];
      const flows = (await completeTyped('definition', flowCase[0], flowCase[1])).items.map((i) => unquote(i.label));
      assert.deepEqual(flows.sort(), ['accessCode', 'application', 'implicit', 'password']);
      const p = DEFINITION_CASES.parameter[lang];
      const formats = (await completeTyped('definition', p.anchor, lang === 'json' ? p.replacement.replace('"|",', '"collectionFormat": "|",') : p.replacement.replace('|', 'collectionFormat: |'))).items.map((i) => unquote(i.label));
      for (const v of ['csv', 'ssv', 'tsv', 'pipes', 'multi']) assert.ok(formats.includes(v), `${v} in ${formats.join()}`);
    });

    it('completes apiProperties keys not yet present, and a connection parameter\'s keys and types', async () => {
      const { items } = await completeTyped('properties', '"iconBrandColor": "#0f6cbd",', '"iconBrandColor": "#0f6cbd",\n        "|",');
      const labels = items.map((i) => unquote(i.label));
      for (const key of ['publisher', 'stackOwner', 'connectionParameterSets', 'scriptOperations']) assert.ok(labels.includes(key), `${key} missing from ${labels.join()}`);
      for (const key of ['iconBrandColor', 'capabilities', 'connectionParameters', 'policyTemplateInstances']) assert.ok(!labels.includes(key), `${key} is present`);
      const param = (await completeTyped('properties', '"connectionParameters": {}', '"connectionParameters": { "api_key": { "|" } }')).items.map((i) => unquote(i.label));
      for (const key of ['type', 'uiDefinition', 'oAuthSettings']) assert.ok(param.includes(key), `${key} missing from ${param.join()}`);
      const types = (await completeTyped('properties', '"connectionParameters": {}', '"connectionParameters": { "api_key": { "type": "|" } }')).items.map((i) => unquote(i.label));
      assert.deepEqual([...new Set(types)].sort(), ['bool', 'gatewaySetting', 'int', 'oauthSetting', 'securestring', 'string']);
    });

    it('hovers a standard key with its description and a link to the specification', async () => {
      const pos = lang === 'json' ? positionOf(opened.defText, '"basePath"', 0, 2) : positionOf(opened.defText, 'basePath:', 0, 1);
      const h = await request<Hover | null>(HoverRequest.method, { textDocument: { uri: opened.defUri }, position: pos });
      const md = (h?.contents as MarkupContent | undefined)?.value ?? '';
      assert.match(md, /base path on which the API is served/);
      assert.match(md, /\(https:\/\/swagger\.io\/specification\/v2\/#swagger-object\)/);
    });

    it('hovers an x-ms key once (ours), with the Microsoft text', async () => {
      const pos = lang === 'json' ? positionOf(opened.defText, '"x-ms-url-encoding"', 0, 3) : positionOf(opened.defText, 'x-ms-url-encoding:', 0, 3);
      const h = await request<Hover | null>(HoverRequest.method, { textDocument: { uri: opened.defUri }, position: pos });
      const md = (h?.contents as MarkupContent | undefined)?.value ?? '';
      assert.equal(md.split('How a path parameter value is encoded').length, 2, md);
    });

    it('formats the whole document and a range, keeping comments and key order', async () => {
      const messy = lang === 'json'
        ? opened.defText.replace('"basePath": "/api",', '// where the API lives\n  "basePath":    "/api"  ,').replace('"schemes": ["https"],', '"schemes": [  "https"   ],')
        : opened.defText.replace('basePath: /api\n', '# where the API lives\nbasePath:    /api   # base\n').replace('schemes:\n  - https\n', 'schemes:\n    -   https\n');
      opened.client.change(opened.defUri, messy);
      try {
        const options = { tabSize: lang === 'json' ? 4 : 2, insertSpaces: true };
        const whole = applyEdits(messy, await request<TextEdit[]>(DocumentFormattingRequest.method, { textDocument: { uri: opened.defUri }, options }));
        assert.notEqual(whole, messy, 'something was formatted');
        assert.match(whole, lang === 'json' ? /\/\/ where the API lives/ : /# where the API lives\nbasePath: \/api # base\n/);
        const keys = (text: string) => Object.keys(lang === 'json' ? parseJsonc(text) : parseYaml(text));
        assert.deepEqual(keys(whole), keys(opened.defText), 'key order');
        assert.deepEqual(lang === 'json' ? parseJsonc(whole) : parseYaml(whole), lang === 'json' ? parseJsonc(opened.defText) : parseYaml(opened.defText), 'same value');
        // A range over the schemes lines only: the basePath line stays as it was.
        const start = positionOf(messy, lang === 'json' ? '"schemes"' : 'schemes:');
        const range = { start: { line: start.line, character: 0 }, end: { line: start.line + (lang === 'json' ? 0 : 1), character: 200 } };
        const partial = applyEdits(messy, await request<TextEdit[]>(DocumentRangeFormattingRequest.method, { textDocument: { uri: opened.defUri }, range, options }));
        assert.ok(partial.includes(lang === 'json' ? '"basePath":    "/api"  ,' : 'basePath:    /api   # base'), 'outside the range: untouched');
        assert.ok(!partial.includes(lang === 'json' ? '[  "https"   ]' : '    -   https'), 'inside the range: formatted');
      } finally {
        opened.client.change(opened.defUri, opened.defText);
      }
    });

    it('answers folding and selection ranges', async () => {
      const folds = await request<FoldingRange[]>(FoldingRangeRequest.method, { textDocument: { uri: opened.defUri } });
      const pathsLine = positionOf(opened.defText, lang === 'json' ? '"paths"' : 'paths:').line;
      assert.ok(folds.some((f) => f.startLine === pathsLine), `a fold at paths (line ${pathsLine})`);
      const pos = lang === 'json' ? positionOf(opened.defText, '"GetLists"', 0, 3) : positionOf(opened.defText, 'GetLists', 0, 3);
      const [sel] = await request<SelectionRange[]>(SelectionRangeRequest.method, { textDocument: { uri: opened.defUri }, positions: [pos] });
      let depth = 0;
      for (let r: SelectionRange | undefined = sel; r; r = r.parent) depth++;
      assert.ok(depth >= 4, `selection expands through the tree (depth ${depth})`);
    });
  });
}

// Past SCHEMA_VIEW_MIN_CHARS (64 KB) the schema services read a view without the subtrees away from
// the cursor (server/src/handlers/schemaFeatures.ts schemaView): the same completions, and edits
// placed at the cursor of the real document.
for (const lang of ['json', 'yaml'] as const) {
  describe(`language server over IPC: schema-driven completion in a large ${lang.toUpperCase()} definition (300 KB)`, function () {
    this.timeout(60_000);
    let opened: OpenedConnector;
    let text: string;
    before(async () => {
      opened = await openFixtureConnector(FIXTURES[lang][0], FIXTURES[lang][1], `cs-lsp-schema-large-${lang}-`);
      const pad = Array.from({ length: 1500 }, (_, i) => (lang === 'json' ? `\n        "Pad${i}": { "type": "object", "description": "${'padding '.repeat(20)}" },` : `  Pad${i}:\n    type: object\n    description: ${'padding '.repeat(20)}\n`)).join('');
      const anchor = lang === 'json' ? '"definitions": {' : 'definitions:\n';
      assert.ok(opened.defText.includes(anchor));
      text = opened.defText.replace(anchor, anchor + pad);
      assert.ok(text.length > 300_000, `${text.length} characters`);
      opened.client.change(opened.defUri, text);
      await opened.client.waitForDiagnostics(opened.defUri);
    });
    after(() => opened.dispose());

    async function completeTyped(anchor: string, replacement: string): Promise<{ items: CompletionItem[]; edited: string; cursor: Position }> {
      const edited = text.replace(anchor, replacement.replace('|', ''));
      const before = text.slice(0, text.indexOf(anchor)) + replacement.slice(0, replacement.indexOf('|'));
      const cursor = { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
      opened.client.change(opened.defUri, edited);
      try {
        return { items: itemsOf(await opened.client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: opened.defUri }, position: cursor })), edited, cursor };
      } finally {
        opened.client.change(opened.defUri, text);
      }
    }

    for (const [where, cases] of Object.entries(DEFINITION_CASES)) {
      it(`completes the keys valid at ${where} and not yet present`, async () => {
        const c = cases[lang];
        const labels = (await completeTyped(c.anchor, c.replacement)).items.map((i) => unquote(i.label));
        for (const key of c.includes) assert.ok(labels.includes(key), `${where}: ${key} missing from ${labels.join()}`);
        for (const key of c.excludes) assert.ok(!labels.includes(key), `${where}: ${key} offered though present or not allowed`);
      });
    }

    it('inserts securityDefinitions where it was typed, after the 300 KB of definitions, giving a valid document', async () => {
      // Typed at the end of the document: the view's offsets there are far from the document's.
      const end = lang === 'json' ? text.lastIndexOf('}') : text.length;
      const typed = lang === 'json' ? ',\n  "secu|"\n' : 'secu|\n';
      const anchorText = text.slice(0, end);
      const replacement = anchorText + typed;
      const { items, edited, cursor } = await completeTyped(anchorText, replacement);
      const item = items.find((i) => unquote(i.label) === 'securityDefinitions');
      assert.ok(item, `securityDefinitions offered: ${items.map((i) => i.label).join()}`);
      const edit = item.textEdit as TextEdit | undefined;
      assert.ok(edit, 'the schema item carries its edit');
      // The edit replaces the word typed at the cursor of the real document (in JSON, with its quotes).
      const r = edit.range;
      assert.ok(r.start.line === cursor.line && r.end.line === cursor.line && r.start.character <= cursor.character && r.end.character >= cursor.character && r.end.character - r.start.character <= 'secu'.length + 2, `edit range ${JSON.stringify(edit.range)} around the cursor ${JSON.stringify(cursor)}`);
      const after = applyEdits(edited, [{ ...edit, newText: edit.newText.replace(/\$\{?\d+\}?/g, '') }]);
      const value = (lang === 'json' ? parseJsonc(after) : parseYaml(after)) as Record<string, unknown>;
      assert.ok('securityDefinitions' in value, after.slice(-300));
      assert.equal(Object.keys(value.definitions as object).length, Object.keys((lang === 'json' ? parseJsonc(text) : parseYaml(text)).definitions).length, 'the definitions are intact');
    });
  });
}
