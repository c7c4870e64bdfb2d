import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';
import { underlined } from './structureKit';

const defText = () => JSON.stringify(baseDefinition(), null, 4);

describe('rules: file and JSON well-formedness', () => {
  it('the base connector is clean for every family-1 rule, also under certification', () => {
    const r = validate({ definition: baseDefinition(), properties: baseProperties() }, { profile: 'certification' });
    for (const id of ['json-root-object', 'json-encoding-utf8', 'file-layout', 'format-whitespace', 'yaml-parse-error', 'json-parse-error']) assert.deepEqual(only(r.all, id), [], id);
  });

  it('json-root-object: an array root is an error in the definition and in apiProperties.json', () => {
    const r = validate({ definition: '[1, 2]', properties: '"text"' });
    const d = only(r.definition, 'json-root-object');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'error');
    assert.match(d[0].message, /apiDefinition\.swagger\.json is an array/);
    assert.deepEqual(d[0].range.start, { line: 0, character: 0 });
    assert.match(only(r.properties, 'json-root-object')[0].message, /apiProperties\.json is a string/);
  });

  it('json-root-object: object roots pass, and a syntax error is not doubled', () => {
    assert.deepEqual(only(validate({ definition: baseDefinition(), properties: baseProperties() }).all, 'json-root-object'), []);
    assert.deepEqual(only(validate({ definition: '[1,' }).all, 'json-root-object'), []);
  });

  it('json-encoding-utf8: U+FFFD from invalid bytes is reported at the first one, with a count', () => {
    const text = defText().replace('Manage tasks', 'Manage t\uFFFDsks caf\uFFFD');
    const r = validate({ definition: text });
    const d = only(r.definition, 'json-encoding-utf8');
    assert.equal(d.length, 1);
    // The repository pipeline and the portal decode with replacement (accepted, shown as U+FFFD): warning.
    assert.equal(d[0].severity, 'warning');
    assert.equal(underlined(text, d[0]), '\uFFFD');
    assert.match(d[0].message, /2 places/);
    assert.deepEqual(only(validate({ definition: defText().replace('Manage tasks', 'Gérer les tâches') }).all, 'json-encoding-utf8'), []);
  });

  it('file-layout: a YAML definition and a missing apiProperties.json are reported as info', () => {
    const yaml = 'swagger: "2.0"\ninfo:\n  title: T\n  version: "1.0"\npaths: {}\n';
    const y = only(validate({ definition: yaml, definitionName: 'apiDefinition.swagger.yaml', folderFiles: ['apiDefinition.swagger.yaml', 'apiProperties.json'], properties: baseProperties() }).definition, 'file-layout');
    assert.equal(y.length, 1);
    assert.equal(y[0].severity, 'info');
    assert.match(y[0].message, /YAML/);
    const m = only(validate({ definition: baseDefinition(), folderFiles: ['apiDefinition.swagger.json'] }).definition, 'file-layout');
    assert.equal(m.length, 1);
    assert.match(m[0].message, /No apiProperties\.json/);
    assert.deepEqual(only(validate({ definition: baseDefinition(), properties: baseProperties() }).all, 'file-layout'), []);
  });

  it('format-whitespace: tabs, trailing spaces and 2-space indents are certification info findings', () => {
    const text = defText().replace('    "info"', '\t"info"').replace('"host": "api.contoso.com",', '"host": "api.contoso.com",   ').replace('    "basePath"', '  "basePath"');
    const off = only(validate({ definition: text }).definition, 'format-whitespace');
    assert.deepEqual(off, [], 'off by default');
    const d = only(validate({ definition: text }, { profile: 'certification' }).definition, 'format-whitespace');
    assert.equal(d.length, 3);
    assert.ok(d.every((x) => x.severity === 'info'));
    const byMsg = (re: RegExp) => d.find((x) => re.test(x.message))!;
    assert.equal(underlined(text, byMsg(/Hard tab/)), '\t');
    assert.equal(byMsg(/Trailing whitespace/).range.start.line, text.split('\n').findIndex((l) => l.includes('"host"')));
    assert.equal(byMsg(/multiple of four/).range.start.line, text.split('\n').findIndex((l) => l.includes('"basePath"')));
  });
});
