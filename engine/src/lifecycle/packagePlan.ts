// The package plan of a connector folder (what a package would hold, and its problems), made in
// the language server and sent to the client by `connectorStudio/packagePlan`; the client writes.
// Reads the folder's saved files (a package is what is on disk), never through a link out of it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findDefinition, isInside } from '../../../shared/src/lifecycle/connectorFolder';
import { planPackage, type PackagePlan, type PackageProblem } from '../../../shared/src/lifecycle/packager';
import type { WirePackagePlan } from '../../../shared/src/protocol';
import { parseDocument } from '../languageService/parseDocument';
import { independentPublisher } from '../rules/util/certText';

/** A plan and the folder it was made from (a package must never replace that folder). */
export type FolderPackagePlan = PackagePlan & { source: string };

/** Files of the folder that a package may use (editor-only files such as .connector-studio.json stay out). */
const PACKAGE_INPUTS = /^(apiDefinition\.swagger\.(json|ya?ml)|.*\.swagger\.(json|ya?ml)|apiProperties\.json|icon\.png|script\.csx|readme\.md|settings\.json)$/i;

/** Bytes read from one input file; the package limits are 1 MB, so more is never a package. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * The input files of a folder, read without following a symbolic link out of it: a link to a file
 * inside the folder is read, one that leads outside (readme.md -> /etc/passwd) is refused, and
 * anything that is not a regular file (FIFO, device, folder) is left out.
 */
function readInputs(folder: string): { files: Map<string, Buffer>; problems: PackageProblem[] } {
  const real = fs.realpathSync(folder);
  const files = new Map<string, Buffer>();
  const problems: PackageProblem[] = [];
  for (const name of fs.readdirSync(folder).filter((n) => PACKAGE_INPUTS.test(n))) {
    const full = path.join(folder, name);
    let target = full;
    const link = fs.lstatSync(full);
    if (link.isSymbolicLink()) {
      try {
        target = fs.realpathSync(full);
      } catch {
        problems.push({ severity: 'error', file: name, message: `${name} is a symbolic link to a file that does not exist; it was not packaged.` });
        continue;
      }
      if (!isInside(real, target)) {
        problems.push({ severity: 'error', file: name, message: `${name} is a symbolic link to ${target}, outside the connector folder; it was not packaged. Copy the file into the folder instead.` });
        continue;
      }
    }
    const stat = fs.statSync(target);
    if (!stat.isFile()) continue;
    if (stat.size > MAX_INPUT_BYTES) {
      problems.push({ severity: 'error', file: name, message: `${name} is ${(stat.size / (1024 * 1024)).toFixed(1)} MB; no connector file may be that large (the limits are 1 MB).` });
      continue;
    }
    files.set(name, fs.readFileSync(target));
  }
  return { files, problems };
}

export function planFromFolder(folder: string): FolderPackagePlan {
  const { files, problems } = readInputs(folder);
  const names = [...files.keys()];
  const def = findDefinition(folder, names);
  const parse = (name: string | undefined) => {
    const buf = name ? files.get(name) : undefined;
    if (!buf) return undefined;
    const doc = parseDocument(name!, buf.toString('utf8'));
    return doc.usable ? doc.value : undefined;
  };
  const independent = independentPublisher(parse(def && path.basename(def)), parse('apiProperties.json')).independent;
  const plan = planPackage({ folderName: path.basename(folder), files, independentPublisher: independent });
  if (problems.length) {
    plan.problems.unshift(...problems);
    plan.ok = !plan.problems.some((p) => p.severity === 'error');
  }
  return { ...plan, source: folder };
}

/** The plan as it crosses the wire (file contents in base64). */
export function toWirePlan(plan: FolderPackagePlan): WirePackagePlan {
  return { ...plan, files: plan.files.map((f) => ({ name: f.name, base64: f.data.toString('base64') })) };
}
