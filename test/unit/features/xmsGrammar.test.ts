// Scopes of the x-ms TextMate injection grammar (syntaxes/x-ms.injection.tmLanguage.json), tokenized
// with vscode-textmate + vscode-oniguruma as VS Code does. Base grammars: the minimal ones in
// test/fixtures/grammar, and VS Code's real JSON/YAML grammars from the code-server that
// scripts/install-code-server.sh installs (npm test runs it first; without it the suite fails).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';

const ROOT = path.resolve(__dirname, '../../..');
const INJECTION = path.join(ROOT, 'syntaxes/x-ms.injection.tmLanguage.json');
const INJECTION_SCOPE = 'connector-studio.x-ms.injection';
const XMS = 'keyword.other.extension.x-ms.connector-studio';
const POLICY = 'entity.name.function.policy-template.connector-studio';

/** Base grammar files by scope name (a real grammar includes several, e.g. source.yaml.1.2). */
type BaseGrammars = Record<string, string>;

const FIXTURE_GRAMMARS: BaseGrammars = {
  'source.json': path.join(ROOT, 'test/fixtures/grammar/json.tmLanguage.json'),
  'source.yaml': path.join(ROOT, 'test/fixtures/grammar/yaml.tmLanguage.json'),
};

const CACHE = process.env.CONNECTOR_STUDIO_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'connector-studio');
const VSCODE_EXTENSIONS = path.join(process.env.VSCODE_E2E_TOOLS ?? path.join(CACHE, 'code-server-4.139.1'), 'cs/node_modules/code-server/lib/vscode/extensions');

/** VS Code's own grammars from the cached code-server of the e2e tier (npm test installs it). */
function realGrammars(): BaseGrammars | undefined {
  const ext = VSCODE_EXTENSIONS;
  const out: BaseGrammars = {};
  for (const dir of ['json/syntaxes', 'yaml/syntaxes'].map((d) => path.join(ext, d)).filter((d) => fs.existsSync(d))) {
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.tmLanguage.json'))) {
      const scope = (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { scopeName?: string }).scopeName;
      if (scope) out[scope] = path.join(dir, f);
    }
  }
  return out['source.json'] && out['source.yaml'] ? out : undefined;
}

let wasmLoaded: Promise<void> | undefined;
function onig() {
  wasmLoaded ??= loadWASM(fs.readFileSync(createRequire(__filename).resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  return wasmLoaded.then(() => ({ createOnigScanner: (s: string[]) => createOnigScanner(s), createOnigString: (s: string) => createOnigString(s) }));
}

async function loadGrammar(base: BaseGrammars, scope: 'source.json' | 'source.yaml'): Promise<IGrammar> {
  const registry = new Registry({
    onigLib: onig(),
    loadGrammar: async (scopeName) => {
      const file = scopeName === INJECTION_SCOPE ? INJECTION : base[scopeName];
      if (!file) return null;
      return parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
    // As package.json's "injectTo" does.
    getInjections: (scopeName) => (scopeName === 'source.json' || scopeName === 'source.yaml' ? [INJECTION_SCOPE] : undefined),
  });
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, `could not load ${scope}`);
  return grammar;
}

/** The scopes of each token, keyed by the token's text (the first token of that text wins). */
function tokenize(grammar: IGrammar, text: string): { text: string; scopes: string[] }[] {
  let state: StateStack = INITIAL;
  const out: { text: string; scopes: string[] }[] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  }
  return out;
}

function scopesOf(tokens: { text: string; scopes: string[] }[], text: string): string[] {
  const t = tokens.find((x) => x.text === text);
  assert.ok(t, `no token "${text}" in ${JSON.stringify(tokens.map((x) => x.text))}`);
  return t.scopes;
}

const JSON_SAMPLE = `{
  "paths": {
    "/items": {
      "get": {
        "operationId": "ListItems",
        "x-ms-visibility": "important",
        "parameters": [
          { "name": "listId", "in": "path", "x-ms-summary": "List", "x-ms-dynamic-values": { "operationId": "GetLists" } }
        ]
      }
    }
  },
  "x-connector-studio-disable": ["operation-summary-required"],
  "templateId": "setheader",
  "title": "setheader"
}`;

const YAML_SAMPLE = `paths:
  /items:
    get:
      operationId: ListItems
      x-ms-visibility: important
      parameters:
        - name: listId
          x-ms-summary: List
        - x-ms-url-encoding: single
          "x-ms-trigger": batch
templateId: setheader
title: setheader
description: x-ms-summary is a key
`;

for (const [label, base] of [['fixture grammars', FIXTURE_GRAMMARS], ['VS Code grammars', realGrammars()]] as const) {
  describe(`x-ms injection grammar (${label})`, function () {
    before(function () {
      // A missing prerequisite is a failure that names it, never a skip.
      if (!base) assert.fail(`VS Code's JSON and YAML grammars are missing: no code-server in ${VSCODE_EXTENSIONS}. Install it with \`bash scripts/install-code-server.sh\` (npm test does this first).`);
    });

    it('marks x-ms keys and templateId values in JSON, not ordinary keys or values', async () => {
      const tokens = tokenize(await loadGrammar(base!, 'source.json'), JSON_SAMPLE);
      for (const key of ['x-ms-visibility', 'x-ms-summary', 'x-ms-dynamic-values', 'x-connector-studio-disable']) {
        assert.ok(scopesOf(tokens, key).includes(XMS), `${key}: ${scopesOf(tokens, key).join(' ')}`);
      }
      for (const key of ['paths', 'operationId', 'name', 'parameters', 'templateId']) {
        assert.ok(!scopesOf(tokens, key).includes(XMS), `${key} must keep its base scopes`);
      }
      assert.ok(tokens.some((t) => t.text === 'setheader' && t.scopes.includes(POLICY)), 'templateId value setheader');
      // The same word as the value of another key is ordinary text.
      const titleValue = tokens.filter((t) => t.text === 'setheader');
      assert.equal(titleValue.filter((t) => t.scopes.includes(POLICY)).length, 1, 'only the templateId value is a policy template id');
      assert.ok(!tokens.some((t) => t.text === 'GetLists' && t.scopes.includes(XMS)));
      assert.ok(!scopesOf(tokens, 'important').includes(XMS), 'values are not keys');
    });

    it('marks x-ms keys (plain, quoted, in sequences) and templateId values in YAML, not ordinary text', async () => {
      const tokens = tokenize(await loadGrammar(base!, 'source.yaml'), YAML_SAMPLE);
      for (const key of ['x-ms-visibility', 'x-ms-summary', 'x-ms-url-encoding', 'x-ms-trigger']) {
        assert.ok(scopesOf(tokens, key).includes(XMS), `${key}: ${scopesOf(tokens, key).join(' ')}`);
      }
      for (const key of ['paths', 'operationId', 'name', 'templateId']) {
        assert.ok(!scopesOf(tokens, key).includes(XMS), `${key} must keep its base scopes`);
      }
      assert.ok(scopesOf(tokens, 'setheader').includes(POLICY));
      assert.equal(tokens.filter((t) => t.text.includes('setheader') && t.scopes.includes(POLICY)).length, 1, 'only the templateId value is a policy template id');
      assert.ok(!tokens.some((t) => t.text.includes('x-ms-summary is') && t.scopes.includes(XMS)), 'x-ms text inside a value is not a key');
      assert.ok(!tokens.filter((t) => t.text === 'x-ms-summary').slice(1).some((t) => t.scopes.includes(XMS)), 'only the key occurrence of x-ms-summary');
    });
  });
}
