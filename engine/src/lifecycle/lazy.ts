// Readiness and the package plan as a separately loaded module: with pngjs and the packager they
// would push dist/server/server.js over its 1 MB budget, and only the readiness and package
// requests need them. esbuild.mjs bundles this file as dist/server/lifecycle.js, which the server
// loads on the first of those requests.
export { runReadiness } from './readinessRunner';
export { planFromFolder, toWirePlan } from './packagePlan';
