/**
 * Every policy template id and parameter found in the corpus of accepted connectors is either
 * emulated or noted, and none makes the emulator throw.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'mocha';
import { applyPolicies, applyResponsePolicies, KNOWN_TEMPLATES, type PolicyTemplateInstance } from '../../../shared/src/request/policies';
import type { HttpRequest } from '../../../shared/src/request/types';
import { withUrl } from '../../../shared/src/request/url';
import { requireCorpus } from '../ruleTestKit';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/connectors');

/** Parameters each template reads (besides x-ms-apimTemplate-operationName / -policySection). */
const READS: Record<string, string[]> = {
  setheader: ['name', 'value', 'existsAction'],
  setqueryparameter: ['name', 'value', 'existsAction'],
  dynamichosturl: ['urlTemplate'],
  routerequesttoendpoint: ['newPath', 'httpMethod'],
  setproperty: ['newPropertyParentPathTemplate', 'newPropertySubPathTemplate', 'propertyValuePathTemplate'],
  stringtoarray: ['propertyParentPath', 'propertySubPath', 'delimiterList', 'childPropertyName', 'newPropertyPath'],
  convertarraytoobject: ['propertyParentPath', 'propertySubPath', 'keyWithinCollectionPath', 'newPropertyPath', 'retainKey'],
  convertobjecttoarray: ['propertyParentPath', 'propertySubPath', 'newPropertyPath', 'keyName', 'valueName'],
  stringreplace: ['propertyParentPath', 'propertySubPath', 'sourceString', 'replacementString', 'newPropertyPath'],
  encodepropertyvalue: ['propertyParentPath', 'propertySubPath', 'newPropertyPath'],
  setvaluefromurl: ['parameterTemplate', 'httpMethod', 'parameterValueUrl', 'parameterValuePathTemplate'],
  updatenextlink: ['nextLinkPropertyName'],
  setconnectionstatustounauthenticated: ['statusCode'],
  pollingtrigger: ['triggerConfig', 'triggerDataPath'], // noted, not emulated
};

function findFiles(dir: string, name: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findFiles(full, name, out);
    else if (entry.name === name) out.push(full);
  }
  return out;
}

function corpusInstances(): Array<{ connector: string; instance: PolicyTemplateInstance }> {
  const found: Array<{ connector: string; instance: PolicyTemplateInstance }> = [];
  for (const file of findFiles(corpus, 'apiProperties.json')) {
    let json: { properties?: { policyTemplateInstances?: PolicyTemplateInstance[] } };
    try {
      json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    } catch {
      continue; // a few corpus files are not valid JSON; the validator reports those elsewhere
    }
    for (const instance of json.properties?.policyTemplateInstances ?? []) found.push({ connector: path.basename(path.dirname(file)), instance });
  }
  return found;
}

function sampleRequest(): HttpRequest {
  return withUrl({
    method: 'POST',
    baseUrl: 'https://api.contoso.com',
    path: '/x',
    query: [],
    headers: { 'Content-Type': 'application/json' },
    body: '{"a":"1;2","references":[{"resourceLink":"l","alias":"a"}],"assignments":"u1;u2","value":[]}',
    contentType: 'application/json',
    pathParams: {},
    secrets: { headers: [], query: [] },
  });
}

describe('request/policies against the corpus', function () {
  this.timeout(20_000);
  const instances = existsSync(corpus) ? corpusInstances() : [];

  // Every check below loops over `instances`: without the corpus they would compare [] with [].
  before(function () {
    requireCorpus(corpus);
    assert.ok(instances.length > 100, `only ${instances.length} policy template instances found in ${corpus}`);
  });

  it('finds policy template instances in the corpus', function () {
    assert.ok(instances.length > 100, `only ${instances.length} instances found`);
  });

  it('knows every template id used', () => {
    const unknown = instances.filter(({ instance }) => !(KNOWN_TEMPLATES as readonly string[]).includes(instance.templateId.toLowerCase()));
    assert.deepEqual(unknown.map((u) => `${u.connector}: ${u.instance.templateId}`), []);
  });

  it('reads every parameter the corpus sets', () => {
    const unread: string[] = [];
    for (const { connector, instance } of instances) {
      const reads = READS[instance.templateId.toLowerCase()] ?? [];
      for (const key of Object.keys(instance.parameters ?? {})) {
        if (key === 'x-ms-apimTemplate-operationName' || key === 'x-ms-apimTemplate-policySection') continue;
        const name = key.replace(/^x-ms-apimTemplateParameter\./, '');
        if (!reads.includes(name)) unread.push(`${connector}: ${instance.templateId} ${key}`);
      }
    }
    assert.deepEqual(unread, []);
  });

  it('gives every instance an outcome with a clear message, never an unexpected error', async () => {
    const problems: string[] = [];
    for (const { connector, instance } of instances) {
      const operationId = (instance.parameters?.['x-ms-apimTemplate-operationName'] as string[] | undefined)?.[0];
      const context = { operationId, connectionParameters: new Proxy({}, { get: () => 'value' }) as Record<string, string> };
      const request = await applyPolicies(sampleRequest(), [instance], context);
      const response = applyResponsePolicies({ status: 401, headers: {}, body: '{"value":[],"nextLink":"n"}' }, [instance], context, request.request);
      for (const outcome of [...request.outcomes, ...response.outcomes]) {
        if (!outcome.message || /Unexpected error|unknown template/i.test(outcome.message)) {
          problems.push(`${connector}: ${instance.templateId} -> ${outcome.status}: ${outcome.message}`);
        }
      }
      // Each instance runs on exactly one section: the other side skips it for that reason.
      const ran = [...request.outcomes, ...response.outcomes].filter((o) => !/^(applies only to|runs on the)/.test(o.message));
      if (ran.length !== 1) problems.push(`${connector}: ${instance.templateId} ran ${ran.length} times`);
    }
    assert.deepEqual(problems, []);
  });
});
