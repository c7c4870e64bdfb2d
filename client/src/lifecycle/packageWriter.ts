// Reads a connector folder and writes its package (folder in the repository layout, optional zip).
// No vscode import. Writes into a temporary sibling first and renames, so a failure never leaves
// a half-written package; an existing package is replaced only when the caller says so.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from '../../../server/src/languageService/parseDocument';
import { independentPublisher } from '../../../server/src/rules/util/certText';
import { packageZip, planPackage, type PackagePlan, type PackageProblem } from '../../../shared/src/lifecycle/packager';
import { findDefinition } from './connectorFolder';

/** Files of the folder that a package may use (editor-only files such as .connector-studio.json stay out). */
const PACKAGE_INPUTS = /^(apiDefinition\.swagger\.(json|ya?ml)|.*\.swagger\.(json|ya?ml)|apiProperties\.json|icon\.png|script\.csx|readme\.md|settings\.json)$/i;

/** Bytes read from one input file; the package limits are 1 MB, so more is never a package. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** The real folder a plan was made from, so writePackage can refuse to replace it. */
const sources = new WeakMap<PackagePlan, string>();

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
      if (!isInside(target, real)) {
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

/** True when `child` is `parent` or inside it (both absolute, resolved). */
function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** An absolute path with symbolic links resolved as far as it exists (the rest appended). */
function realPathSoFar(p: string): string {
  const abs = path.resolve(p);
  let existing = abs;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  try {
    return path.join(fs.realpathSync(existing), ...rest);
  } catch {
    return abs;
  }
}

/**
 * Why a package cannot go under `outRoot`: its folder would be the connector folder itself, or a
 * folder holding it, so replacing it would delete the author's files. Undefined when it can.
 */
export function targetConflict(plan: PackagePlan, outRoot: string, source: string | undefined = sources.get(plan)): string | undefined {
  if (!source) return undefined;
  const target = realPathSoFar(packageTargets(plan, outRoot, false).folder);
  const real = realPathSoFar(source);
  if (target === real) return `The package would go to ${target}, which is the connector folder itself: writing it would replace your files. Choose another output folder.`;
  if (isInside(real, target)) return `The package would go to ${target}, which contains the connector folder ${real}: writing it would delete your files. Choose another output folder.`;
  return undefined;
}

export function planFromFolder(folder: string): PackagePlan {
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
  sources.set(plan, folder);
  return plan;
}

export interface WrittenPackage {
  /** Folder holding the deployable files (…/<repositoryFolder>/<connector>). */
  folder: string;
  zip?: string;
  files: string[];
}

export class PackageExistsError extends Error {}

/** Where a plan lands under an output root. */
export function packageTargets(plan: PackagePlan, outRoot: string, zip: boolean): { folder: string; zip?: string } {
  return {
    folder: path.join(outRoot, plan.repositoryFolder, plan.connectorName),
    zip: zip ? path.join(outRoot, `${plan.connectorName}.zip`) : undefined,
  };
}

export class PackageTargetError extends Error {}

export function writePackage(plan: PackagePlan, outRoot: string, opts: { zip: boolean; overwrite: boolean; source?: string }): WrittenPackage {
  if (!plan.ok) throw new Error(`the package has errors: ${plan.problems.filter((p) => p.severity === 'error').map((p) => p.message).join(' ')}`);
  // Checked before anything is written, with or without overwrite.
  const conflict = targetConflict(plan, outRoot, opts.source ?? sources.get(plan));
  if (conflict) throw new PackageTargetError(conflict);
  const target = packageTargets(plan, outRoot, opts.zip);
  const exists = fs.existsSync(target.folder) || (target.zip !== undefined && fs.existsSync(target.zip));
  if (exists && !opts.overwrite) throw new PackageExistsError(`${target.folder} already exists`);
  fs.mkdirSync(path.dirname(target.folder), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(path.dirname(target.folder), `.${plan.connectorName}.tmp-`));
  try {
    for (const f of plan.files) fs.writeFileSync(path.join(tmp, f.name), f.data);
    let zipTmp: string | undefined;
    if (target.zip) {
      zipTmp = `${target.zip}.tmp-${process.pid}`;
      fs.writeFileSync(zipTmp, packageZip(plan));
    }
    if (fs.existsSync(target.folder)) fs.rmSync(target.folder, { recursive: true, force: true });
    fs.renameSync(tmp, target.folder);
    if (target.zip && zipTmp) fs.renameSync(zipTmp, target.zip);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return { folder: target.folder, zip: target.zip, files: plan.files.map((f) => f.name) };
}
