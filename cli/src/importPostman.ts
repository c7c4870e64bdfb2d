// `connector-studio import-postman <collection> [--environment env.json] --out <dir> [--force]`
// Converts with the pure converter in shared/, merges into a connector already in <dir>
// (unless --force), and writes both files atomically: all or nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, importTargetProblem, parseAndConvert, parseJsonText } from '../../engine/src/converters/postman';
import { DEFINITION_FILE, PROPERTIES_FILE } from '../../engine/src/languageService/connectorFolder';
import { writeImportedConnector } from './atomicWrite';

const COMMAND_USAGE = `Usage: connector-studio import-postman <collection.json> --out <dir> [--environment env.json] [--force]
  --out <dir>            folder for apiDefinition.swagger.json and apiProperties.json (created if missing)
  --environment <file>   Postman environment whose variables resolve {{baseUrl}} and friends
  --force                replace a connector already in <dir> instead of merging into it
`;

type Io = { stdout: (s: string) => void; stderr: (s: string) => void };
const defaultIo: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

/** Exit code: 0 written, 1 conversion or write failure, 2 bad usage. */
export async function importPostmanCommand(argv: string[], io: Io = defaultIo): Promise<number> {
  const fail = (code: number, message: string): number => {
    io.stderr(`connector-studio import-postman: ${message}\n`);
    if (code === 2) io.stderr(`\n${COMMAND_USAGE}`);
    return code;
  };
  let values: { out?: string; environment?: string; force?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, environment: { type: 'string', short: 'e' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    return fail(2, (e as Error).message);
  }
  if (values.help) {
    io.stdout(COMMAND_USAGE);
    return 0;
  }
  if (positionals.length !== 1) return fail(2, positionals.length ? `expected one collection file, got ${positionals.length}.` : 'missing the collection file.');
  if (!values.out) return fail(2, 'missing --out <dir>.');

  const collectionPath = positionals[0]!;
  const collectionText = readFile(collectionPath);
  if (collectionText === undefined) return fail(2, `cannot read collection file ${collectionPath}.`);
  let environmentText: string | undefined;
  if (values.environment !== undefined) {
    environmentText = readFile(values.environment);
    if (environmentText === undefined) return fail(2, `cannot read environment file ${values.environment}.`);
  }

  const outDir = path.resolve(values.out);
  if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) return fail(2, `--out ${values.out} is a file, not a folder.`);
  if (fs.existsSync(outDir)) {
    // Even with --force: --force replaces apiDefinition.swagger.json, never a definition in another file.
    const conflict = importTargetProblem(fs.readdirSync(outDir));
    if (conflict) return fail(1, conflict);
  }
  const definitionPath = path.join(outDir, DEFINITION_FILE);
  const propertiesPath = path.join(outDir, PROPERTIES_FILE);

  // A connector already there is merged into, so the author's edits survive.
  let existing: { definition?: object; properties?: object } | undefined;
  if (!values.force && (fs.existsSync(definitionPath) || fs.existsSync(propertiesPath))) {
    existing = {};
    if (fs.existsSync(definitionPath)) {
      const def = parseJsonText(fs.readFileSync(definitionPath, 'utf8'));
      if (!def.ok) return fail(1, `${definitionPath} is not valid JSON (${def.message}); fix it, or pass --force to replace it.`);
      if (typeof def.value !== 'object' || def.value === null || Array.isArray(def.value)) return fail(1, `${definitionPath} does not hold a JSON object; fix it, or pass --force to replace it.`);
      existing.definition = def.value;
    }
    if (fs.existsSync(propertiesPath)) {
      const props = parseJsonText(fs.readFileSync(propertiesPath, 'utf8'));
      if (!props.ok) return fail(1, `${propertiesPath} is not valid JSON (${props.message}); fix it, or pass --force to replace it.`);
      if (typeof props.value === 'object' && props.value !== null && !Array.isArray(props.value)) existing.properties = props.value;
    }
  }

  const result = parseAndConvert(collectionText, { environmentText, existing });
  if (!result.ok) return fail(1, `${result.error.message} (at ${result.error.where})`);

  let written: string;
  try {
    written = writeImportedConnector(definitionPath, propertiesPath, result, existing !== undefined);
  } catch (e) {
    return fail(1, `could not write the connector: ${(e as Error).message}`);
  }
  io.stdout(formatReport(result.report));
  io.stdout(written);
  return 0;
}

function readFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
