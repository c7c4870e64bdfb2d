// The editor JSON Schemas (issue 20): the files in schemas/ are what the builder makes from the rule
// models (no drift), every x-ms extension sits at each position the catalogue allows with Microsoft's
// text, values and a docs link, apiProperties follows the rules' keys, capabilities, types and policy
// templates, and an independent validator (ajv) compiles both and accepts the accepted connectors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import Ajv from 'ajv';
import {
  buildDefinitionSchema,
  buildPropertiesSchema,
  DEFINITION_SCHEMA_FILE,
  POSITION_DEFINITIONS,
  PROPERTIES_SCHEMA_FILE,
  schemaFileText,
} from '../../../engine/src/languageService/schema/editorSchemas';
import { EXTENSIONS } from '../../../engine/src/languageService/features/xmsCatalog';
import { POLICY_TEMPLATES } from '../../../engine/src/languageService/features/policyCatalog';
import { APIPROPERTIES_KEYS, CAPABILITIES, CONNECTION_PARAMETER_TYPES } from '../../../engine/src/rules/security';
import { CATALOGUE } from '../../../engine/src/rules/catalogue';
import swaggerBase from '../../../engine/src/rules/schemas/swagger2-connector.json';
import { corpusConnectorNames, readCorpusConnector, REPO_ROOT, requireCorpus } from '../ruleTestKit';

type S = Record<string, any>;
const definition = buildDefinitionSchema() as S;
const properties = buildPropertiesSchema() as S;

describe('editor schemas: generated from the rule models', () => {
  it('schemas/*.json are exactly what the builder makes (run node --import tsx scripts/gen-editor-schemas.mts)', () => {
    for (const [file, schema] of [[DEFINITION_SCHEMA_FILE, definition], [PROPERTIES_SCHEMA_FILE, properties]] as const) {
      const p = path.join(REPO_ROOT, file);
      assert.ok(fs.existsSync(p), `${file} is missing`);
      assert.equal(fs.readFileSync(p, 'utf8'), schemaFileText(schema), `${file} is stale`);
    }
  });

  it('every x-ms extension is at each position the catalogue allows, with its text, link and values', () => {
    let checked = 0;
    for (const ext of EXTENSIONS) {
      for (const position of ext.positions) {
        const defName = POSITION_DEFINITIONS[position];
        const owner = defName === '' ? definition : definition.definitions[defName];
        const p = owner?.properties?.[ext.key];
        assert.ok(p, `${ext.key} missing at ${position}`);
        assert.equal(p.markdownDescription.split('\n\n')[0], ext.doc, `${ext.key} text at ${position}`);
        assert.match(p.markdownDescription, /\]\(https:\/\/[^)]+\)$/, `${ext.key} has a docs link`);
        assert.ok(!p.description.includes('`'), 'the plain description has no markdown');
        if (ext.values) assert.deepEqual((p.enum ?? p.anyOf?.[0]?.enum ?? []).map(String), ext.values, `${ext.key} values complete`);
        checked++;
      }
    }
    assert.ok(checked >= 60, `only ${checked} extension positions`);
  });

  it('x-ms keys are not offered where the catalogue does not allow them (x-ms-trigger is not a parameter key)', () => {
    assert.equal(definition.definitions.parameter.properties['x-ms-trigger'], undefined);
    assert.equal(definition.properties['x-ms-visibility'], undefined);
  });

  it('standard Swagger keys are described with a link to the specification', () => {
    for (const key of ['swagger', 'host', 'basePath', 'securityDefinitions', 'parameters', 'tags', 'externalDocs', 'consumes']) {
      assert.match(definition.properties[key].markdownDescription ?? '', /swagger\.io\/specification\/v2/, key);
    }
    for (const key of ['description', 'contact']) assert.ok(definition.definitions.info.properties[key], `info.${key}`);
    for (const key of ['required', 'description', 'in']) assert.ok(definition.definitions.parameter.properties[key].description, `parameter.${key}`);
    assert.deepEqual(definition.definitions.securityScheme.properties.type.enum, ['basic', 'apiKey', 'oauth2']);
  });

  it('x-connector-studio-disable completes exactly "*" and the rule ids of the catalogue', () => {
    assert.deepEqual(definition.definitions.connectorStudioRuleIds.items.anyOf[0].enum, ['*', ...CATALOGUE.map((r) => r.id)]);
  });

  it('apiProperties: the keys, capabilities, connection parameter types and policy templates of the rules', () => {
    const p = properties.properties.properties.properties;
    assert.deepEqual(Object.keys(p), [...APIPROPERTIES_KEYS]);
    for (const key of APIPROPERTIES_KEYS) assert.ok(p[key].markdownDescription, `${key} is described`);
    assert.deepEqual(p.capabilities.items.anyOf[0].enum, [...CAPABILITIES]);
    assert.deepEqual(properties.definitions.connectionParameter.properties.type.anyOf[0].enum, [...CONNECTION_PARAMETER_TYPES]);
    const instance = p.policyTemplateInstances.items;
    assert.deepEqual(instance.properties.templateId.anyOf[0].enum, POLICY_TEMPLATES.map((t) => t.id));
    for (const [i, t] of POLICY_TEMPLATES.entries()) {
      assert.equal(instance.allOf[i].if.properties.templateId.const, t.id);
      assert.deepEqual(Object.keys(instance.allOf[i].then.properties.parameters.properties), t.parameters.map((x) => x.name));
    }
  });

  it('no external $ref: an editor needs no network', () => {
    for (const text of [schemaFileText(definition), schemaFileText(properties)]) {
      assert.ok(!/"\$ref": "http/.test(text));
    }
  });
});

describe('editor schemas: checked by an independent validator (ajv)', function () {
  this.timeout(120_000);

  it('both compile (draft-04 and draft-07); value lists complete without rejecting (the rules judge values), unknown keys of the Swagger structure are rejected', () => {
    const ajv04 = new Ajv04({ strict: false, allErrors: true, logger: false });
    ajv04.addKeyword('markdownDescription').addKeyword('defaultSnippets').addKeyword('markdownEnumDescriptions');
    const checkDef = ajv04.compile(definition);
    assert.equal(checkDef({ swagger: '2.0', info: { title: 't', version: '1' }, paths: {}, secuirtyDefinitions: {} }), false, 'a misspelt root key');
    assert.equal(checkDef({ swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { 'x-ms-visibility': 'important', responses: { 200: { description: 'ok' } } } } } }), true, JSON.stringify(checkDef.errors));
    assert.equal(checkDef({ swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { 'x-ms-trigger': 'sometimes', responses: {} } } } }), false, 'x-ms-trigger values are an enum of the validator schema');
    const check = new Ajv({ strict: false, allErrors: true, logger: false }).compile(properties);
    assert.equal(check({ properties: { capabilities: ['actions'], connectionParameters: { api_key: { type: 'securestring' } } } }), true, JSON.stringify(check.errors));
    assert.equal(check({ properties: { capabilities: ['cloud'] } }), true, 'capabilities-values is an info rule, not the schema\'s business');
  });

  it('the editor schemas reject no accepted corpus connector that the validator schema (swagger-schema rule) accepts', () => {
    requireCorpus();
    const ajv04 = new Ajv04({ strict: false, allErrors: false, logger: false });
    ajv04.addKeyword('markdownDescription').addKeyword('defaultSnippets').addKeyword('markdownEnumDescriptions');
    const checkDef = ajv04.compile(definition);
    const checkBase = new Ajv04({ strict: false, allErrors: false, logger: false }).compile(structuredClone(swaggerBase));
    const checkProps = new Ajv({ strict: false, logger: false }).compile(properties);
    const names = corpusConnectorNames();
    assert.ok(names.length > 250, `corpus has ${names.length} connectors`);
    const failures: string[] = [];
    let parsed = 0;
    for (const name of names) {
      const files = readCorpusConnector(name);
      let def: unknown;
      try {
        def = JSON.parse(files.definition.replace(/^\uFEFF/, ''));
      } catch {
        continue; // not strict JSON: json-parse-error is its own rule
      }
      parsed++;
      if (!checkDef(def) && checkBase(def)) failures.push(`${name} definition: ${ajv04.errorsText(checkDef.errors)}`);
      if (files.properties) {
        try {
          const props = JSON.parse(files.properties.replace(/^\uFEFF/, ''));
          if (!checkProps(props)) failures.push(`${name} apiProperties: ${JSON.stringify(checkProps.errors?.[0])}`);
        } catch {
          /* not strict JSON */
        }
      }
    }
    assert.ok(parsed > 250, `only ${parsed} corpus definitions parsed`);
    assert.deepEqual(failures.slice(0, 15), [], `${failures.length} of ${parsed} accepted connectors fail the editor schema`);
  });
});

describe('editor schemas: contributed by the extension (package.json)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const globToRegExp = (g: string) => new RegExp('^' + g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*') + '$');
  const matches = (entry: { fileMatch: string | string[] }, name: string) => [entry.fileMatch].flat().some((g) => globToRegExp(g).test(name));

  it('jsonValidation and yamlValidation point at the generated files and match every definition name and apiProperties.json', () => {
    const json: { fileMatch: string | string[]; url: string }[] = pkg.contributes.jsonValidation ?? [];
    const yaml: { fileMatch: string | string[]; url: string }[] = pkg.contributes.yamlValidation ?? [];
    for (const e of [...json, ...yaml]) assert.ok(fs.existsSync(path.join(REPO_ROOT, e.url)), `${e.url} exists`);
    const def = `./${DEFINITION_SCHEMA_FILE}`;
    for (const name of ['apiDefinition.swagger.json', 'contoso.swagger.json']) assert.ok(json.some((e) => e.url === def && matches(e, name)), `json: ${name}`);
    for (const name of ['apiDefinition.swagger.yaml', 'apiDefinition.swagger.yml', 'apiDefinition.yaml', 'contoso.swagger.yaml']) assert.ok(yaml.some((e) => e.url === def && matches(e, name)), `yaml: ${name}`);
    assert.ok(json.some((e) => e.url === `./${PROPERTIES_SCHEMA_FILE}` && matches(e, 'apiProperties.json')));
    assert.ok(!json.some((e) => e.url === def && matches(e, 'package.json')), 'no other JSON file gets the definition schema');
    const ignore = fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!schemas\/\*\.json$/m, 'the schemas ship in the vsix');
  });
});
