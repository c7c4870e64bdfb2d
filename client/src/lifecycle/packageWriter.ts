// Reads a connector folder and writes its package (folder in the repository layout, optional zip).
// No vscode import. Writes into a temporary sibling first and renames, so a failure never leaves
// a half-written package; an existing package is replaced only when the caller says so.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from '../../../server/src/languageService/parseDocument';
import { independentPublisher } from '../../../server/src/rules/util/certText';
import { packageZip, planPackage, type PackagePlan } from '../../../shared/src/lifecycle/packager';
import { findDefinition } from './connectorFolder';

/** Files of the folder that a package may use (editor-only files such as .connector-studio.json stay out). */
const PACKAGE_INPUTS = /^(apiDefinition\.swagger\.(json|ya?ml)|.*\.swagger\.(json|ya?ml)|apiProperties\.json|icon\.png|script\.csx|readme\.md|settings\.json)$/i;

export function planFromFolder(folder: string): PackagePlan {
  const names = fs.readdirSync(folder).filter((n) => PACKAGE_INPUTS.test(n) && fs.statSync(path.join(folder, n)).isFile());
  const files = new Map(names.map((n) => [n, fs.readFileSync(path.join(folder, n))]));
  const def = findDefinition(folder, names);
  const parse = (name: string | undefined) => {
    const buf = name ? files.get(name) : undefined;
    if (!buf) return undefined;
    const doc = parseDocument(name!, buf.toString('utf8'));
    return doc.usable ? doc.value : undefined;
  };
  const independent = independentPublisher(parse(def && path.basename(def)), parse('apiProperties.json')).independent;
  return planPackage({ folderName: path.basename(folder), files, independentPublisher: independent });
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

export function writePackage(plan: PackagePlan, outRoot: string, opts: { zip: boolean; overwrite: boolean }): WrittenPackage {
  if (!plan.ok) throw new Error(`the package has errors: ${plan.problems.filter((p) => p.severity === 'error').map((p) => p.message).join(' ')}`);
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
