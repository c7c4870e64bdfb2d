// Writes a package planned by the language server (`connectorStudio/packagePlan`): a folder in the
// repository layout, optional zip. No vscode import. Writes into a temporary sibling first and renames, so a failure never leaves
// a half-written package; an existing package is replaced only when the caller says so.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../../../shared/src/lifecycle/connectorFolder';
import { packageZip, type PackagePlan } from '../../../shared/src/lifecycle/packager';
import { sendStudioRequest, type RequestSender, type WirePackagePlan } from '../../../shared/src/protocol';

/** A plan and the connector folder it was made from (a package must never replace that folder). */
export type SourcedPlan = PackagePlan & { source?: string };

/** The server's plan of a folder, file contents decoded. */
export async function requestPackagePlan(client: RequestSender, folder: string): Promise<SourcedPlan> {
  return fromWirePlan(await sendStudioRequest(client, 'connectorStudio/packagePlan', { folder }));
}

export function fromWirePlan(wire: WirePackagePlan): SourcedPlan {
  return { ...wire, files: wire.files.map((f) => ({ name: f.name, data: Buffer.from(f.base64, 'base64') })) };
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
export function targetConflict(plan: SourcedPlan, outRoot: string, source: string | undefined = plan.source): string | undefined {
  if (!source) return undefined;
  const target = realPathSoFar(packageTargets(plan, outRoot, false).folder);
  const real = realPathSoFar(source);
  if (target === real) return `The package would go to ${target}, which is the connector folder itself: writing it would replace your files. Choose another output folder.`;
  if (isInside(target, real)) return `The package would go to ${target}, which contains the connector folder ${real}: writing it would delete your files. Choose another output folder.`;
  return undefined;
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

export function writePackage(plan: SourcedPlan, outRoot: string, opts: { zip: boolean; overwrite: boolean; source?: string }): WrittenPackage {
  if (!plan.ok) throw new Error(`the package has errors: ${plan.problems.filter((p) => p.severity === 'error').map((p) => p.message).join(' ')}`);
  // Checked before anything is written, with or without overwrite.
  const conflict = targetConflict(plan, outRoot, opts.source ?? plan.source);
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
