// Every Error message Microsoft's validators gave on real connectors (the shared research file
// microsoft-verdicts.md, 2019 to 2026) that can be reproduced from its text: one minimal connector
// with the defect gives an error with the right rule id, Microsoft's words at the start of the
// message and Microsoft's code, in the profile where Microsoft gave it (pr-pipeline for certified
// connectors and paconn: certification; portal: default, hence also certification); the same
// connector without the defect gives no finding of that rule.
//
// Not reproducible from their text, so not here: breaking changes (level breaking-change, and
// test/unit/rules/certification.test.ts covers the comparison); "Encountered internal server error"
// appears as the hint in the unresolved-$ref message below; the API Management parse error for a
// securityDefinitions entry keyed 'undefined' (its content is not shown); the Dataverse
// 500,000-character limit when a connector is added to a solution (not a connector validation);
// the Test tab's live-response "type mismatch" (needs a call, level unknown); the generic
// certification-bot structure message (defect not stated); Partner Center's "not an OAuth
// connector" (a generated solution file, not ours).
import * as assert from 'node:assert/strict';
import { catalogueEntry, type ConnectorDiagnostic } from '../../../engine/src/languageService/validateConnector';
import { baseDefinition, baseProperties, validate } from '../ruleTestKit';

type D = Record<string, any>;
type Profile = 'default' | 'certification';

interface Verdict {
  /** Microsoft's message as it appeared (shortened where the ValuePath is only an example). */
  microsoft: string;
  where: 'pr-pipeline' | 'paconn' | 'portal' | 'certification' | 'unknown';
  source: string;
  ruleId: string;
  /** Microsoft's words our message starts with (quotes aside, see normalize). */
  words: string;
  /** Microsoft's code; null where Microsoft gives none (a deployment exception). */
  code: string | null;
  /** Profiles in which it must be an error. */
  profiles: Profile[];
  seed: (d: D) => void;
  /** The finding's JSON pointer, when Microsoft's ValuePath pins it. */
  pointer?: string | RegExp;
  /** More of Microsoft's words the message must contain. */
  includes?: string;
}

const CERT: Profile[] = ['certification'];
const EVERY: Profile[] = ['default', 'certification'];
const getOp = (d: D) => d.paths['/tasks/{taskId}'].get;
const postOp = (d: D) => d.paths['/tasks'].post;

/** A connector clean for every Microsoft check below, in both profiles. */
function cleanDefinition(): D {
  const d = baseDefinition();
  d.info.contact = { name: 'Contoso Support', url: 'https://contoso.com/support', email: 'support@contoso.com' };
  d['x-ms-connector-metadata'] = [
    { propertyName: 'Website', propertyValue: 'https://contoso.com' },
    { propertyName: 'Privacy policy', propertyValue: 'https://contoso.com/privacy' },
    { propertyName: 'Categories', propertyValue: 'Productivity' },
  ];
  d.paths['/tasks/{taskId}'].get.responses.default = { description: 'Error.' };
  d.paths['/tasks'].get = {
    operationId: 'ListTasks',
    summary: 'List tasks',
    description: 'Lists the tasks of a project.',
    parameters: [{ name: 'project', in: 'query', required: false, type: 'string', 'x-ms-summary': 'Project', description: 'The project to list tasks of.' }],
    responses: { '200': { description: 'The tasks.', schema: { type: 'array', items: { $ref: '#/definitions/Task' } } } },
  };
  return d;
}

const VERDICTS: Verdict[] = [
  {
    microsoft: "The 'x-ms-summary' property is required. ValuePath: /paths/~1flights/get/parameters/15",
    where: 'pr-pipeline', source: 'PR 1658, 2022-05-18 (7 threads)',
    ruleId: 'x-ms-summary-required', words: "The 'x-ms-summary' property is required.", code: 'RequiredPropertyMissing', profiles: CERT,
    seed: (d) => void delete getOp(d).parameters[0]['x-ms-summary'], pointer: '/paths/~1tasks~1{taskId}/get/parameters/0',
  },
  {
    microsoft: '5000.2.6.2:The x-ms-summary property is required. Path: paths/~1forces~1{force}/get/parameters/0',
    where: 'certification', source: 'PR 4193, 2026-07-31',
    ruleId: 'x-ms-summary-required', words: 'The x-ms-summary property is required.', code: 'RequiredPropertyMissing', profiles: CERT,
    seed: (d) => void delete d.paths['/tasks'].get.parameters[0]['x-ms-summary'], pointer: '/paths/~1tasks/get/parameters/0',
  },
  {
    microsoft: "The 'description' property is required. ValuePath: /paths/~1matters~1{matterId}/get/parameters/0",
    where: 'pr-pipeline', source: 'PR 4160, 2026-04-02 (5 threads)',
    ruleId: 'parameter-description-required', words: "The 'description' property is required.", code: 'RequiredPropertyMissing', profiles: CERT,
    seed: (d) => void delete getOp(d).parameters[0].description, pointer: '/paths/~1tasks~1{taskId}/get/parameters/0',
  },
  {
    microsoft: "The 'description' property is required. ValuePath: /paths/~1/get",
    where: 'pr-pipeline', source: 'PR 4160 row, 2026-04-02',
    ruleId: 'operation-description-required', words: "The 'description' property is required.", code: 'RequiredPropertyMissing', profiles: CERT,
    seed: (d) => void delete getOp(d).description, pointer: '/paths/~1tasks~1{taskId}/get',
  },
  {
    microsoft: "The 'description' property is required. ValuePath: /info",
    where: 'pr-pipeline', source: 'PR 4160 row; PR 3841, 2025-05-13',
    ruleId: 'info-description-required', words: "The 'description' property is required.", code: 'RequiredPropertyMissing', profiles: CERT,
    seed: (d) => void delete d.info.description, pointer: '/info',
  },
  {
    microsoft: "The 'summary' property is required. ValuePath: /paths/~1instances~1{instanceId}~1manage~1hooks~1dataflow_refresh_fail/post",
    where: 'pr-pipeline', source: 'PR 609, 2020-12-11',
    ruleId: 'operation-summary-required', words: "The 'summary' property is required.", code: 'RequiredPropertyMissing', profiles: CERT,
    seed: (d) => void delete postOp(d).summary, pointer: '/paths/~1tasks/post',
  },
  {
    microsoft: "The 'contact' property is required. ValuePath: /info",
    where: 'pr-pipeline', source: 'PR 1095, 2021-09-09',
    ruleId: 'contact-required', words: "The 'contact' property is required.", code: 'RequiredPropertyMissing', profiles: CERT,
    seed: (d) => void delete d.info.contact, pointer: '/info',
  },
  {
    microsoft: "Error : info : The 'contact' property is required.",
    where: 'paconn', source: 'PR 683, 2021-02-06',
    ruleId: 'contact-required', words: "The 'contact' property is required.", code: 'RequiredPropertyMissing', profiles: CERT,
    seed: (d) => void delete d.info.contact, pointer: '/info',
  },
  {
    microsoft: "The 'x-ms-connector-metadata' property is required.",
    where: 'pr-pipeline', source: 'PR 1095, 2021-09-09',
    ruleId: 'connector-metadata-required', words: "The 'x-ms-connector-metadata' property is required.", code: 'RequiredPropertyMissing', profiles: CERT,
    seed: (d) => void delete d['x-ms-connector-metadata'], pointer: '',
  },
  {
    microsoft: "Error : The 'x-ms-connector-metadata' property is required.",
    where: 'paconn', source: 'PR 683, 2021-02-06',
    ruleId: 'connector-metadata-required', words: "The 'x-ms-connector-metadata' property is required.", code: 'RequiredPropertyMissing', profiles: CERT,
    seed: (d) => void delete d['x-ms-connector-metadata'], pointer: '',
  },
  {
    microsoft: "The connector metadata property 'Categories' is required. ValuePath: /x-ms-connector-metadata",
    where: 'pr-pipeline', source: 'PR 4077, 2026-02-10',
    ruleId: 'connector-metadata-required', words: "The connector metadata property 'Categories' is required.", code: 'ConnectorMetadataPropertiesMissing', profiles: CERT,
    seed: (d) => void d['x-ms-connector-metadata'].pop(), pointer: '/x-ms-connector-metadata',
  },
  {
    microsoft: "The 'title' value goes over the character limit '30' ValuePath: /info/title",
    where: 'pr-pipeline', source: 'PR 3407, 2024-04-23',
    ruleId: 'title-max-length', words: "The 'title' value goes over the character limit '30'", code: 'FieldLengthExceeded', profiles: CERT,
    seed: (d) => void (d.info.title = 'Contoso Tasks and Projects Planner'), pointer: '/info/title',
  },
  {
    microsoft: 'Maximum of 30 characters allowed in the connector title',
    where: 'certification', source: 'PR 3828, 2025-04-07',
    // The same defect in the pipeline's words first, then the certification bot's.
    ruleId: 'title-max-length', words: "The 'title' value goes over the character limit '30'", includes: 'Maximum of 30 characters allowed in the connector title', code: 'FieldLengthExceeded', profiles: CERT,
    seed: (d) => void (d.info.title = 'Contoso Tasks and Projects Planner (Europe)'), pointer: '/info/title',
  },
  {
    microsoft: "The value 'title' contains at least one of the restricted words: 'api, connector'. ValuePath: /info/title",
    where: 'pr-pipeline', source: 'PR 3407, 2024-04-23',
    ruleId: 'title-restricted-words', words: "The value 'title' contains at least one of the restricted words: 'api, connector'.", code: 'ValueContainsRestrictedWords', profiles: CERT,
    seed: (d) => void (d.info.title = 'Contoso Tasks API'), pointer: '/info/title',
  },
  {
    microsoft: 'Title cannot end in nonaplhanumberic character, including carriage return, new line, or blank space',
    where: 'certification', source: 'PR 3828, 2025-04-07',
    ruleId: 'title-ends-alphanumeric', words: 'Title cannot end in nonaplhanumberic character, including carriage return, new line, or blank space', code: 'ValueMustEndWithAlphanumeric', profiles: CERT,
    seed: (d) => void (d.info.title = 'Contoso Tasks '), pointer: '/info/title',
  },
  {
    microsoft: "The value 'description' contains at least one of the restricted words: 'power apps, power automate, logic apps'. ValuePath: /info/description",
    where: 'pr-pipeline', source: 'PR 550, 2020-11-10',
    ruleId: 'description-restricted-words', words: "The value 'description' contains at least one of the restricted words: 'power apps, power automate, logic apps'.", code: 'ValueContainsRestrictedWords', profiles: CERT,
    seed: (d) => void (d.info.description = 'Manage tasks and projects of the Contoso service from Power Automate.'), pointer: '/info/description',
  },
  {
    microsoft: "The 'description' value must be between '30' and '500' characters. ValuePath: /info/description",
    where: 'pr-pipeline', source: 'PR 550, 2020-11-10',
    ruleId: 'description-length', words: "The 'description' value must be between '30' and '500' characters.", code: 'FieldLengthNotInRange', profiles: CERT,
    seed: (d) => void (d.info.description = 'Manage Contoso tasks.'), pointer: '/info/description',
  },
  {
    microsoft: 'Summary string contains any of the restricted characters [/\\<>*%&?] ValuePath: /paths/~1api~1organizations~1{org}~1tasks~1{task}~1comment/post/summary',
    where: 'pr-pipeline', source: 'PR 1095, 2021-09-09',
    ruleId: 'summary-allowed-characters', words: 'Summary string contains any of the restricted characters [/\\<>*%&?]', code: 'RestrictedCharactersInSummary', profiles: CERT,
    seed: (d) => void (postOp(d).summary = 'Create a task/comment'), pointer: '/paths/~1tasks/post/summary',
  },
  {
    microsoft: '5000.2.6.2:The value description contains at least one of the restricted words: power apps, power automate, logic apps. Path: paths/~1forces~1{force}~1people/get/description',
    where: 'certification', source: 'PR 4193, 2026-07-31',
    ruleId: 'summary-restricted-words', words: 'The value description contains at least one of the restricted words: power apps, power automate, logic apps.', code: 'ValueContainsRestrictedWords', profiles: CERT,
    seed: (d) => void (getOp(d).description = 'Gets one task, for example to show it in Power Apps.'), pointer: '/paths/~1tasks~1{taskId}/get/description',
  },
  {
    microsoft: "The 'default' response should not have schema definition. Schemas should be defined on expected responses only. ValuePath: /paths/~1contacts/post/responses/default",
    where: 'pr-pipeline', source: 'PR 3841, 2025-05-13',
    ruleId: 'default-response-no-schema', words: "The 'default' response should not have schema definition. Schemas should be defined on expected responses only.", code: 'DefaultResponseHasSchema', profiles: CERT,
    seed: (d) => void (getOp(d).responses.default.schema = { type: 'object', properties: { message: { type: 'string' } } }), pointer: /^\/paths\/~1tasks~1\{taskId\}\/get\/responses\/default/,
  },
  {
    microsoft: "The 'operationId' could not be found in this swagger document. ValuePath: /paths/~1CSSAPI~1v2~1{entityName}~1Add…",
    where: 'pr-pipeline', source: 'PR 1595, 2022-06-22',
    ruleId: 'dynamic-operation-exists', words: "The 'operationId' could not be found in this swagger document.", code: 'OperationIdNotFound', profiles: EVERY,
    seed: (d) => void (getOp(d).parameters[0]['x-ms-dynamic-values'] = { operationId: 'ListTaskz', 'value-path': 'id', 'value-title': 'title' }), pointer: /^\/paths\/~1tasks~1\{taskId\}\/get\/parameters\/0\/x-ms-dynamic-values/,
  },
  {
    microsoft: "The schema reference '#/definitions/ExternalActivity' could not be found in the swagger document.",
    where: 'unknown', source: 'PR 2449, 2023-03-15',
    ruleId: 'ref-target-exists', words: "The schema reference '#/definitions/ExternalActivity' could not be found in the swagger document.", code: 'SchemaReferenceNotFound', profiles: EVERY,
    seed: (d) => void (getOp(d).responses['200'].schema = { $ref: '#/definitions/ExternalActivity' }), pointer: '/paths/~1tasks~1{taskId}/get/responses/200/schema/$ref',
  },
  {
    microsoft: "Encountered internal server error. The tracking Id is '61e92b1e-…' (HTTP 500 for a $ref to a missing definition)",
    where: 'paconn', source: 'issue 155, 2020-03-04',
    ruleId: 'ref-target-exists', words: "The schema reference '#/definitions/NotificationZZZZ' could not be found in the swagger document.", code: 'SchemaReferenceNotFound', profiles: EVERY,
    seed: (d) => void (postOp(d).responses['201'].schema = { $ref: '#/definitions/NotificationZZZZ' }), pointer: '/paths/~1tasks/post/responses/201/schema/$ref', includes: 'Encountered internal server error',
  },
  {
    microsoft: "Error : paths/~1api~1data~1v9.0~1{entityname} : The path '/api/data/v9.0/{entityname}' is defined multiple times with different capitalization. Paths must be unique when compared case-insensitively.",
    where: 'portal', source: 'powerapps-tools issue 222, 2020-04-14',
    ruleId: 'path-case-duplicate', words: "The path '/Tasks/{taskId}' is defined multiple times with different capitalization. Paths must be unique when compared case-insensitively.", code: 'PathRedefined', profiles: EVERY,
    seed: (d) => void (d.paths['/Tasks/{taskId}'] = { delete: { operationId: 'DeleteTask', summary: 'Delete a task', description: 'Deletes a task.', parameters: [{ name: 'taskId', in: 'path', required: true, type: 'string', 'x-ms-summary': 'Task ID', description: 'The task identifier.', 'x-ms-url-encoding': 'single' }], responses: { '204': { description: 'Deleted.' } } } }),
    pointer: '/paths/~1Tasks~1{taskId}',
  },
  {
    microsoft: "Error : paths/~1/securityDefinitions : The property 'securityDefinitions' is not valid. If this property is an extension, its name must begin with \"x-\".",
    where: 'portal', source: 'PowerPlatformConnectors issue 3930, 2025-07-10',
    ruleId: 'root-unknown-property', words: "The property 'securityDefinitions' is not valid. If this property is an extension, its name must begin with \"x-\".", code: 'ExtensionNameNotValid', profiles: EVERY,
    seed: (d) => void (d.paths['/tasks'].securityDefinitions = { api_key: { type: 'apiKey', in: 'header', name: 'X-API-Key' } }), pointer: '/paths/~1tasks/securityDefinitions',
  },
  {
    microsoft: "error ExtensionNameNotValid: The property 'scriptOperations' is not valid. If this property is an extension, its name must begin with \"x-\". ValuePath: 'scriptOperations'",
    where: 'certification', source: 'PR 3810, 2025-04-14',
    ruleId: 'root-unknown-property', words: "The property 'scriptOperations' is not valid. If this property is an extension, its name must begin with \"x-\".", code: 'ExtensionNameNotValid', profiles: EVERY,
    seed: (d) => void (d.scriptOperations = ['GetTask']), pointer: '/scriptOperations',
  },
  {
    microsoft: "Error : paths/~1{pageId}~1feed/get/parameters/0/x-ms-dynamic-values/parameters/Accept : The parameter could not be found in operation 'GetMyPages' in the swagger document.",
    where: 'portal', source: 'PowerPlatformConnectors issue 254, 2020-05-12',
    ruleId: 'dynamic-param-names-exist', words: "The parameter could not be found in operation 'ListTasks' in the swagger document.", code: 'OperationParameterNameNotFound', profiles: EVERY,
    seed: (d) => void (getOp(d).parameters[0]['x-ms-dynamic-values'] = { operationId: 'ListTasks', 'value-path': 'id', 'value-title': 'title', parameters: { Accept: 'application/json' } }),
    pointer: '/paths/~1tasks~1{taskId}/get/parameters/0/x-ms-dynamic-values/parameters/Accept',
  },
  {
    microsoft: "Error : paths/~1text~1analytics~1v2.0~1sentiment/post/parameters/0/schema/properties/documents/items/properties/id/default : The 'default' value is of type 'Integer', but should match the given type 'String'.",
    where: 'portal', source: 'BusinessApplicationPlatform-Connectors-public issue 70, 2020-04-28',
    ruleId: 'default-matches-type', words: "The 'default' value is of type 'Integer', but should match the given type 'String'.", code: 'DefaultValueMustMatchType', profiles: EVERY,
    seed: (d) => void (d.definitions.Task.properties.id.default = 1), pointer: '/definitions/Task/properties/id/default',
  },
  {
    microsoft: 'System.ArgumentException: Only reference paths with 3 segments are supported.',
    where: 'certification', source: 'PR 1074, 2021-10-06 (deployment after validation passed)',
    ruleId: 'ref-three-segments', words: 'Only reference paths with 3 segments are supported.', code: null, profiles: EVERY,
    seed: (d) => void (getOp(d).responses['200'].schema = { $ref: '#/definitions/Task/properties/title' }), pointer: '/paths/~1tasks~1{taskId}/get/responses/200/schema/$ref',
  },
  {
    microsoft: 'System.ArgumentException: Only reference paths with 3 segments are supported. (a #/components/schemas/X reference)',
    where: 'certification', source: 'PR 1074, 2021-10-06',
    ruleId: 'ref-target-section', words: 'Only reference paths with 3 segments are supported.', code: 'SchemaReferenceNotValid', profiles: EVERY,
    seed: (d) => void (getOp(d).responses['200'].schema = { $ref: '#/components/schemas/Task' }), pointer: '/paths/~1tasks~1{taskId}/get/responses/200/schema/$ref',
  },
];

/** Microsoft quotes names in some doors and not in others ('x-ms-summary' vs x-ms-summary). */
const normalize = (s: string) => s.replace(/['"]/g, '');

const FOLDER = ['apiDefinition.swagger.json', 'apiProperties.json', 'readme.md', 'icon.png'];

function run(definition: D, profile: Profile): ConnectorDiagnostic[] {
  return validate({ definition, properties: baseProperties(), folderFiles: FOLDER }, { profile }).all;
}

/** The diagnostic's Microsoft code: its own, else the catalogue row's only code. */
function codeOf(d: ConnectorDiagnostic): string | null {
  if (d.msCode) return d.msCode;
  const codes = catalogueEntry(d.ruleId)?.msCodes ?? [];
  return codes.length === 1 ? codes[0] : null;
}

describe("Microsoft's real verdicts, reproduced", () => {
  it('the clean connector has no error in either profile', () => {
    for (const profile of EVERY) {
      const errors = run(cleanDefinition(), profile).filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => `${d.ruleId}: ${d.message}`), [], profile);
    }
  });

  it('the table covers every Microsoft rule id it names and each row is distinct', () => {
    assert.equal(new Set(VERDICTS.map((v) => v.microsoft)).size, VERDICTS.length);
    for (const v of VERDICTS) assert.ok(catalogueEntry(v.ruleId), `${v.ruleId} is not in the catalogue`);
  });

  for (const v of VERDICTS) {
    describe(`${v.where} (${v.source}): ${v.microsoft.slice(0, 90)}`, () => {
      for (const profile of v.profiles) {
        it(`${profile}: an error of ${v.ruleId} with Microsoft's words and code`, () => {
          const d = cleanDefinition();
          v.seed(d);
          const found = run(d, profile).filter((x) => x.ruleId === v.ruleId && x.severity === 'error');
          assert.ok(found.length >= 1, `no ${v.ruleId} error; got: ${run(d, profile).map((x) => `${x.severity} ${x.ruleId}`).join(', ')}`);
          const hit = found.find((x) => normalize(x.message).startsWith(normalize(v.words)));
          assert.ok(hit, `no message starts with Microsoft's words "${v.words}":\n${found.map((x) => x.message).join('\n')}`);
          assert.ok(normalize(hit.message).length > normalize(v.words).length + 10, `the message adds what to change: ${hit.message}`);
          assert.equal(codeOf(hit), v.code);
          if (v.includes) assert.ok(hit.message.includes(v.includes), hit.message);
          if (typeof v.pointer === 'string') assert.equal(hit.pointer, v.pointer);
          else if (v.pointer) assert.match(hit.pointer ?? '', v.pointer);
        });
      }
      it('without the defect: no finding of that rule in any profile', () => {
        for (const profile of EVERY) assert.deepEqual(run(cleanDefinition(), profile).filter((x) => x.ruleId === v.ruleId).map((x) => x.message), [], profile);
      });
      if (!v.profiles.includes('default')) {
        it('default profile (portal import, custom-connectors pipeline): not an error', () => {
          const d = cleanDefinition();
          v.seed(d);
          assert.deepEqual(run(d, 'default').filter((x) => x.ruleId === v.ruleId && x.severity === 'error').map((x) => x.message), []);
        });
      }
    });
  }
});
