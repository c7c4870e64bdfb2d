// The package plan of a connector folder (what a package would hold, and its problems), made in
// the language server and sent to the client by `connectorStudio/packagePlan`; the client writes.
// Reads the folder's files through the host's reader (the server's reads what is saved: a package
// is what is on disk), never through a link out of it.
import * as path from 'node:path';
import { findDefinition } from '../../../shared/src/lifecycle/connectorFolder';
import type { FileAccess } from '../languageService/fileAccess';
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
 * The input files of a folder, read through the host's reader (the server gives a disk-only one:
 * a package is what is saved). The reader refuses a symbolic link that leads out of the folder
 * (readme.md -> /etc/passwd), anything that is not a regular file, and files over the cap; each
 * refusal of a package input is a problem that names the file.
 */
function readInputs(folder: string, files: FileAccess): { files: Map<string, Buffer>; problems: PackageProblem[] } {
  const inputs = new Map<string, Buffer>();
  const problems: PackageProblem[] = [];
  for (const name of files.list(folder).filter((n) => PACKAGE_INPUTS.test(n)).sort()) {
    const r = files.readBytes(path.join(folder, name), MAX_INPUT_BYTES);
    if (r.ok) {
      inputs.set(name, Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength));
      continue;
    }
    if (r.reason === 'not-a-file' || r.reason === 'missing') continue;
    const why = r.reason === 'outside'
      ? `${name} is a symbolic link that leads outside the connector folder (or to nothing); it was not packaged. Copy the file into the folder instead.`
      : r.reason === 'too-large'
        ? `${name} is over ${MAX_INPUT_BYTES / (1024 * 1024)} MB; no connector file may be that large (the limits are 1 MB).`
        : `${name} cannot be read; it was not packaged.`;
    problems.push({ severity: 'error', file: name, message: why });
  }
  return { files: inputs, problems };
}

export function planFromFolder(folder: string, reader: FileAccess): FolderPackagePlan {
  const { files, problems } = readInputs(folder, reader);
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
