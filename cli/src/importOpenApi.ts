// `connector-studio import-openapi <file|url> --out <dir> [--include-tags a,b] [--include-paths /x,/y] [--force]`
// Reads an OpenAPI 3.0/3.1 or Swagger 2.0 document (file or URL, external $refs too), converts it
// with the pure converter in engine/, merges into a connector already in <dir> (unless --force)
// with the Postman import's merge rules, and writes both files atomically: all or nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatOpenApiReport, importOpenApi } from '../../engine/src/converters/openapi3';
import { importTargetProblem, parseJsonText } from '../../engine/src/converters/postman';
import { DEFINITION_FILE, PROPERTIES_FILE } from '../../engine/src/languageService/connectorFolder';
import { isUrl, readSource, refReaderFor, SourceReadError } from '../../shared/src/openapi/readSource';
import { writeImportedConnector } from './atomicWrite';

const COMMAND_USAGE = `Usage: connector-studio import-openapi <file|url> --out <dir> [--include-tags a,b] [--include-paths /x,/y] [--force]
  <file|url>             OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML (external $refs are bundled)
  --out <dir>            folder for apiDefinition.swagger.json and apiProperties.json (created if missing)
  --include-tags a,b     import only the operations with one of these tags
  --include-paths /x,/y  import only the operations under these paths
  --force                replace a connector already in <dir> instead of merging into it
  --timeout <seconds>    time limit of each download (default 30)
Exit codes: 0 written, 1 the document could not be read or converted (nothing written), 2 bad usage.
`;

type Io = { stdout: (s: string) => void; stderr: (s: string) => void };
const defaultIo: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

function list(v: string | undefined): string[] | undefined {
  const items = v?.split(',').map((s) => s.trim()).filter(Boolean);
  return items?.length ? items : undefined;
}

/** Exit code: 0 written, 1 read, conversion or write failure, 2 bad usage. */
export async function importOpenApiCommand(argv: string[], io: Io = defaultIo): Promise<number> {
  const fail = (code: number, message: string): number => {
    io.stderr(`connector-studio import-openapi: ${message}\n`);
    if (code === 2) io.stderr(`\n${COMMAND_USAGE}`);
    return code;
  };
  let values: { out?: string; 'include-tags'?: string; 'include-paths'?: string; force?: boolean; help?: boolean; timeout?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        'include-tags': { type: 'string' },
        'include-paths': { type: 'string' },
        force: { type: 'boolean' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return fail(2, (e as Error).message);
  }
  if (values.help) {
    io.stdout(COMMAND_USAGE);
    return 0;
  }
  if (positionals.length !== 1) return fail(2, positionals.length ? `expected one OpenAPI file or URL, got ${positionals.length}.` : 'missing the OpenAPI file or URL.');
  if (!values.out) return fail(2, 'missing --out <dir>.');
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) return fail(2, `--timeout ${values.timeout} is not a positive number of seconds.`);

  const source = positionals[0]!;
  const location = isUrl(source) ? source : path.resolve(source);
  const outDir = path.resolve(values.out);
  if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) return fail(2, `--out ${values.out} is a file, not a folder.`);
  if (fs.existsSync(outDir)) {
    const conflict = importTargetProblem(fs.readdirSync(outDir));
    if (conflict) return fail(1, `${conflict} (at ${outDir})`);
  }
  const definitionPath = path.join(outDir, DEFINITION_FILE);
  const propertiesPath = path.join(outDir, PROPERTIES_FILE);

  let existing: { definition?: object; properties?: object } | undefined;
  if (!values.force && (fs.existsSync(definitionPath) || fs.existsSync(propertiesPath))) {
    existing = {};
    for (const [file, key] of [[definitionPath, 'definition'], [propertiesPath, 'properties']] as const) {
      if (!fs.existsSync(file)) continue;
      const parsed = parseJsonText(fs.readFileSync(file, 'utf8'));
      if (!parsed.ok) return fail(1, `${file} is not valid JSON (${parsed.message}); fix it, or pass --force to replace it.`);
      if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return fail(1, `${file} does not hold a JSON object; fix it, or pass --force to replace it.`);
      existing[key] = parsed.value;
    }
  }

  let text: string;
  try {
    text = await readSource(location, { timeoutMs });
  } catch (e) {
    if (e instanceof SourceReadError) return fail(isUrl(source) || e.kind !== 'file' ? 1 : 2, `cannot read ${source}: ${e.message} (at ${e.location})`);
    throw e;
  }
  const result = await importOpenApi(text, {
    location,
    read: refReaderFor(location, { timeoutMs }),
    includeTags: list(values['include-tags']),
    includePaths: list(values['include-paths']),
    existing,
  });
  if (!result.ok) return fail(1, `${result.error.message} (at ${result.error.where.startsWith('#') ? `${source} ${result.error.where}` : result.error.where})`);

  let written: string;
  try {
    written = writeImportedConnector(definitionPath, propertiesPath, result, existing !== undefined);
  } catch (e) {
    return fail(1, `could not write the connector: ${(e as Error).message}`);
  }
  io.stdout(formatOpenApiReport(result.report));
  io.stdout(written);
  return 0;
}
