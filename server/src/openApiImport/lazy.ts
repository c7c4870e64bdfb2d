// The OpenAPI import as a separately loaded module of the language server: the converter, the
// import plan and the reader of files and URLs (with undici). The production build bundles this
// file as dist/server/openapi.js (esbuild.mjs), loaded on the first `connectorStudio/openApiImportPlan`.
export { importOpenApi, formatOpenApiReport } from '../../../engine/src/converters/openapi3';
export { buildImportPlan } from '../../../engine/src/converters/postman/importPlan';
export { readSource, refReaderFor, isUrl, SourceReadError } from '../../../shared/src/openapi/readSource';
