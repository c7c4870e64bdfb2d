// Writes the editor JSON Schemas (schemas/connector-definition.schema.json, schemas/apiProperties.schema.json)
// from the rule models (engine/src/languageService/schema/editorSchemas.ts). Run after changing the
// x-ms catalogue, the policy templates, the apiProperties rules or docs/rules.md:
//   node --import tsx scripts/gen-editor-schemas.mts
// test/unit/schema/editorSchemas.test.ts fails when the files are stale.
import * as fs from 'node:fs';
import { buildDefinitionSchema, buildPropertiesSchema, DEFINITION_SCHEMA_FILE, PROPERTIES_SCHEMA_FILE, schemaFileText } from '../engine/src/languageService/schema/editorSchemas';

fs.mkdirSync('schemas', { recursive: true });
fs.writeFileSync(DEFINITION_SCHEMA_FILE, schemaFileText(buildDefinitionSchema()));
fs.writeFileSync(PROPERTIES_SCHEMA_FILE, schemaFileText(buildPropertiesSchema()));
console.log(`wrote ${DEFINITION_SCHEMA_FILE} and ${PROPERTIES_SCHEMA_FILE}`);
