// The custom requests of shared/src/protocol.ts: readiness, the package plan, the Postman import
// plan and connector detection. The client shows and writes; the engine runs here, reading the
// connector through the publisher's reader (open buffers first) and applying the user's settings.
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { onStudioRequest } from '../../../shared/src/protocol';
import { normalizeConfig } from '../../../engine/src/languageService/config';
import { DEFINITION_FILE, isConnectorDefinition, isPropertiesName, PROPERTIES_FILE } from '../../../engine/src/languageService/connectorFolder';
import { toPath, type DiagnosticsPublisher, type ServerSettings } from './diagnostics';
import type { ValidationConfig } from '../../../engine/src/languageService/validateConnector';
import { diskFileAccess } from '../../../engine/node/diskFileAccess';
import type { BreakingChanges } from './breakingChanges';

/**
 * The Postman converter, loaded on the first import-plan request (the bundle keeps it out of
 * dist/server/server.js: esbuild.mjs maps this import to the separate dist/server/postman.js).
 */
let postman: Promise<typeof import('../../../engine/src/converters/postman/lazy')> | undefined;
function loadPostman(): Promise<typeof import('../../../engine/src/converters/postman/lazy')> {
  return (postman ??= import('../../../engine/src/converters/postman/lazy'));
}

/** Readiness and the package plan (pngjs, the packager): dist/server/lifecycle.js, loaded on first use. */
let lifecycle: Promise<typeof import('../../../engine/src/lifecycle/lazy')> | undefined;
function loadLifecycle(): Promise<typeof import('../../../engine/src/lifecycle/lazy')> {
  return (lifecycle ??= import('../../../engine/src/lifecycle/lazy'));
}

/** The OpenAPI import (converter, import plan, the reader of files and URLs): dist/server/openapi.js, loaded on first use. */
let openApi: Promise<typeof import('../openApiImport/lazy')> | undefined;
function loadOpenApi(): Promise<typeof import('../openApiImport/lazy')> {
  return (openApi ??= import('../openApiImport/lazy'));
}

/** Bytes of a document's start the detection looks at. */
const DETECT_HEAD = 200_000;

export function registerStudioRequests(connection: Connection, publisher: DiagnosticsPublisher, canPullConfiguration: () => boolean, breaking?: BreakingChanges): void {
  /** connectorStudio.validation as the user has it now (rules, profile, size limit). */
  async function userSettings(): Promise<ValidationConfig> {
    if (!canPullConfiguration()) return {};
    try {
      const raw = (await connection.workspace.getConfiguration('connectorStudio')) as ServerSettings | undefined;
      const v = raw?.validation ?? {};
      return normalizeConfig({ profile: v.profile, rules: v.rules, maxDefinitionBytes: v.maxDefinitionBytes }, [], 'connectorStudio.validation');
    } catch {
      return {};
    }
  }

  onStudioRequest(connection, 'connectorStudio/readiness', async ({ folder }) => {
    const settings = await userSettings();
    const { runReadiness } = await loadLifecycle();
    return runReadiness(folder, { files: publisher.filesFor(folder), settings });
  });

  onStudioRequest(connection, 'connectorStudio/packagePlan', async ({ folder }) => {
    const { planFromFolder, toWirePlan } = await loadLifecycle();
    return toWirePlan(planFromFolder(folder, diskFileAccess(folder)));
  });

  onStudioRequest(connection, 'connectorStudio/importPlan', async ({ collectionText, environmentText, target }) => {
    const { parseAndConvert, buildImportPlan } = await loadPostman();
    const converted = parseAndConvert(collectionText, { environmentText });
    if (!converted.ok) return { ok: false, stage: 'convert', message: converted.error.message, where: converted.error.where };
    const info = converted.definition.info;
    const title = typeof info === 'object' && info !== null ? String((info as { title?: unknown }).title ?? '') : '';
    if (target === undefined) return { ok: true, title };
    const files = publisher.filesFor(target);
    const read = (name: string) => {
      const r = files.read(path.join(target, name));
      return r.ok ? r.text : undefined;
    };
    const plan = buildImportPlan(converted, { definition: read(DEFINITION_FILE), properties: read(PROPERTIES_FILE), names: files.list(target) });
    return { ok: true, title, plan };
  });

  // "Compare with Published Version": the connector as the editor shows it against a git revision or a folder.
  onStudioRequest(connection, 'connectorStudio/compareReport', async ({ uri, base }) => {
    const view = publisher.connectorFor(uri);
    const current = { definition: view?.definition?.parsed, properties: view?.properties?.parsed };
    if (!breaking) return { baseLabel: '', findings: [], changedOperations: [], truncated: false, problem: 'Breaking-change comparison is not available.' };
    return breaking.report(current, base, await userSettings());
  });

  onStudioRequest(connection, 'connectorStudio/openApiImportPlan', async ({ source, target, includeTags, includePaths }) => {
    const { importOpenApi, formatOpenApiReport, buildImportPlan, readSource, refReaderFor, isUrl, SourceReadError } = await loadOpenApi();
    const location = isUrl(source) ? source : path.resolve(source);
    let text: string;
    try {
      text = await readSource(location);
    } catch (e) {
      if (e instanceof SourceReadError) return { ok: false, stage: 'read', kind: e.kind, message: e.message, where: e.location };
      throw e;
    }
    const converted = await importOpenApi(text, { location, read: refReaderFor(location), includeTags, includePaths });
    if (!converted.ok) return { ok: false, stage: 'convert', message: converted.error.message, where: converted.error.where };
    const report = converted.report;
    const info = converted.definition.info;
    const title = typeof info === 'object' && info !== null ? String((info as { title?: unknown }).title ?? '') : '';
    const base = { ok: true as const, title, tags: report.tags, sourceOperations: report.sourceOperations, overBudget: report.meters.some((m) => m.over), reportText: formatOpenApiReport(report) };
    if (target === undefined) return base;
    const files = publisher.filesFor(target);
    const read = (name: string) => {
      const r = files.read(path.join(target, name));
      return r.ok ? r.text : undefined;
    };
    const plan = buildImportPlan(converted, { definition: read(DEFINITION_FILE), properties: read(PROPERTIES_FILE), names: files.list(target) }, (merged) => formatOpenApiReport({ ...report, entries: merged.entries, stats: merged.stats }));
    return { ...base, plan };
  });

  onStudioRequest(connection, 'connectorStudio/detect', ({ uri, head }) => {
    const name = toPath(uri) ?? uri;
    if (isPropertiesName(name)) return { kind: 'properties' };
    return isConnectorDefinition(path.basename(name), head.slice(0, DETECT_HEAD)) ? { kind: 'definition' } : {};
  });
}
