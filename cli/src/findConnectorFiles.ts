// Expands the CLI's file and folder arguments into connector definitions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connectorPathsFor, isConnectorDefinition, isPropertiesName } from '../../engine/src/languageService/connectorFolder';
import { diskFileAccess } from '../../engine/node/diskFileAccess';
import { isDefinitionCandidate, SKIP_DIRS } from './definitionCandidates';

/**
 * Definitions under the given paths, in a stable order, each once. Paths keep the form the user
 * typed (relative stays relative, a symlinked folder stays the link): no realpath.
 */
export function findDefinitions(inputs: string[]): { files: string[]; missing: string[]; empty: string[] } {
  const found = new Map<string, string>();
  const missing: string[] = [];
  /** Folders given on the command line that hold no definition (a typo, or the wrong folder). */
  const empty: string[] = [];
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      missing.push(input);
      continue;
    }
    if (stat.isDirectory()) {
      const mine = new Map<string, string>();
      walk(input, mine);
      for (const [k, v] of mine) if (!found.has(k)) found.set(k, v);
      if (mine.size === 0) empty.push(input);
    }
    else if (isPropertiesName(input)) {
      // A properties file stands for its connector's definition (the one definition discovery).
      add(found, connectorPathsFor(input, { list: listFolder }).definition ?? input);
    } else add(found, input);
  }
  return { files: [...found.values()].sort(), missing, empty };
}

function listFolder(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}

/** Keyed by the absolute path, so `a/x.json` and `./a/x.json` count once; the typed form is kept. */
function add(out: Map<string, string>, file: string): void {
  const key = path.resolve(file);
  if (!out.has(key)) out.set(key, path.normalize(file));
}

function walk(dir: string, out: Map<string, string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(full, out);
    } else if (e.isFile() && isDefinitionCandidate(e.name)) {
      // By name: apiDefinition.swagger.* and *.swagger.*; apiDefinition.yaml and the rest by content.
      if (/\.swagger\.(json|ya?ml)$/i.test(e.name)) add(out, full);
      else if (isConnectorDefinition(e.name, readHead(full))) add(out, full);
    }
  }
}

/** The first 64 KB, through the engine's one reader (regular files in the file's folder only). */
function readHead(file: string): string {
  return diskFileAccess(path.dirname(path.resolve(file))).head(path.resolve(file), 64 * 1024);
}
