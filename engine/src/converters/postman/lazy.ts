// The Postman converter as a separately loaded module: postman-collection (with faker, iconv-lite and
// lodash) is about 1.2 MB minified, so the production build bundles this file as
// dist/server/postman.js and the server loads it on the first `connectorStudio/importPlan` request
// (esbuild.mjs). Everything the import plan needs from the converter goes through here.
export { parseAndConvert } from './';
export { buildImportPlan } from './importPlan';
