// Package Connector: from a connector folder's files, the deployable set that pac/paconn take and
// the public connectors repository expects (YAML definitions become JSON; sizes checked;
// script.csx included; editor-only files left out). Pure: the caller reads and writes files.
import { ConvertError, parseOrdered, toJsonText, yamlToJson } from './convert';
import { PngError, readPngHeader } from './png';
import { ICON_SIZE } from './readiness';
import { writeZip } from './zip';
import { definitionFileName, DEFINITION_FILE, PROPERTIES_FILE } from './connectorFolder';

export const MAX_DEFINITION_BYTES = 1024 * 1024;
export const MAX_SCRIPT_BYTES = 1024 * 1024;
/** The maker portal's limit for the connector icon. */
export const MAX_ICON_BYTES = 1024 * 1024;

export interface PackageInput {
  /** Folder name (the connector's name in the repository layout). */
  folderName: string;
  /** File name -> bytes, for the files directly in the folder. */
  files: ReadonlyMap<string, Buffer>;
  /** True for independent-publisher connectors (they go to another repository folder, without icon). */
  independentPublisher?: boolean;
}

export interface PackageProblem {
  severity: 'error' | 'warning';
  file?: string;
  message: string;
}

export interface PackagePlan {
  /** Files to write, in order, by name. */
  files: { name: string; data: Buffer }[];
  /** certified-connectors or independent-publisher-connectors. */
  repositoryFolder: string;
  connectorName: string;
  problems: PackageProblem[];
  /** True when no problem is an error. */
  ok: boolean;
}

export function planPackage(input: PackageInput): PackagePlan {
  const problems: PackageProblem[] = [];
  const out: { name: string; data: Buffer }[] = [];
  const names = [...input.files.keys()];
  const definitionName = definitionFileName(names);
  if (!definitionName) problems.push({ severity: 'error', message: 'The folder has no apiDefinition.swagger.json (or .yaml).' });
  else {
    const raw = input.files.get(definitionName)!;
    let json: Buffer | undefined;
    if (/\.ya?ml$/i.test(definitionName)) {
      try {
        json = Buffer.from(yamlToJson(raw.toString('utf8')), 'utf8');
      } catch (e) {
        problems.push({ severity: 'error', file: definitionName, message: `The YAML definition could not be converted: ${e instanceof ConvertError ? e.message : String(e)}` });
      }
    } else {
      // Keep the author's JSON byte for byte, minus a BOM, which pac/paconn and the pipeline reject.
      json = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.subarray(3) : raw;
      try {
        // Validity only (JSON.parse is fast; key order does not matter here: the bytes are kept).
        JSON.parse(json.toString('utf8'));
      } catch (e) {
        problems.push({ severity: 'error', file: definitionName, message: `The definition is not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    if (json) {
      if (json.length > MAX_DEFINITION_BYTES) problems.push({ severity: 'error', file: DEFINITION_FILE, message: `The definition is ${kib(json.length)} after conversion; the limit is ${kib(MAX_DEFINITION_BYTES)}. Split the connector.` });
      out.push({ name: DEFINITION_FILE, data: json });
    }
  }
  const props = input.files.get(PROPERTIES_FILE);
  if (!props) problems.push({ severity: 'error', message: 'The folder has no apiProperties.json.' });
  else out.push({ name: PROPERTIES_FILE, data: props });

  const icon = input.files.get('icon.png');
  if (input.independentPublisher) {
    if (icon) problems.push({ severity: 'warning', file: 'icon.png', message: 'Independent-publisher connectors ship no icon.png; it is left out of the package.' });
  } else if (!icon) problems.push({ severity: 'warning', file: 'icon.png', message: 'No icon.png: pac/paconn create the connector with the default icon, and certification needs one.' });
  else {
    if (icon.length > MAX_ICON_BYTES) problems.push({ severity: 'error', file: 'icon.png', message: `icon.png is ${kib(icon.length)}; the limit is ${kib(MAX_ICON_BYTES)}.` });
    else {
      // A file named icon.png that is not a PNG is refused when the connector is created.
      try {
        const png = readPngHeader(icon);
        // The size is a certification matter (Check Readiness makes it an error there); pac/paconn accept any.
        if (png.width !== png.height || Math.abs(png.width - ICON_SIZE) > 30) problems.push({ severity: 'warning', file: 'icon.png', message: `icon.png is ${png.width} x ${png.height} px; certification asks for a square icon of about ${ICON_SIZE} x ${ICON_SIZE} px.` });
      } catch (e) {
        problems.push({ severity: 'error', file: 'icon.png', message: `icon.png is not a valid PNG image: ${e instanceof PngError ? e.message : String(e)}.` });
      }
    }
    out.push({ name: 'icon.png', data: icon });
  }

  const script = input.files.get('script.csx');
  if (script) {
    if (script.length > MAX_SCRIPT_BYTES) problems.push({ severity: 'error', file: 'script.csx', message: `script.csx is ${kib(script.length)}; the limit is ${kib(MAX_SCRIPT_BYTES)}.` });
    out.push({ name: 'script.csx', data: script });
  }
  const readmeName = names.find((n) => n.toLowerCase() === 'readme.md');
  if (readmeName) out.push({ name: 'readme.md', data: input.files.get(readmeName)! });
  else problems.push({ severity: 'warning', message: 'No readme.md: the connectors repository requires one.' });

  out.push({ name: 'settings.json', data: Buffer.from(packagedSettings(input.files.get('settings.json'), out.map((f) => f.name), problems), 'utf8') });
  const ok = !problems.some((p) => p.severity === 'error');
  return { files: out, repositoryFolder: input.independentPublisher ? 'independent-publisher-connectors' : 'certified-connectors', connectorName: input.folderName, problems, ok };
}

/** settings.json pointing at the packaged files (other keys such as environment and connectorId kept). */
function packagedSettings(existing: Buffer | undefined, files: readonly string[], problems: PackageProblem[]): string {
  let settings = new Map<string, unknown>();
  if (existing) {
    try {
      const v = parseOrdered(existing.toString('utf8'));
      if (v instanceof Map) settings = v as Map<string, unknown>;
    } catch (e) {
      problems.push({ severity: 'warning', file: 'settings.json', message: `settings.json is not valid JSON and was rewritten: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  settings.set('apiDefinition', DEFINITION_FILE);
  settings.set('apiProperties', PROPERTIES_FILE);
  if (files.includes('icon.png')) settings.set('icon', 'icon.png');
  else settings.delete('icon');
  if (files.includes('script.csx')) settings.set('script', 'script.csx');
  else settings.delete('script');
  return toJsonText(settings);
}

/** The zip of a plan: entries under `<repositoryFolder>/<connectorName>/`, the repository layout. */
export function packageZip(plan: PackagePlan): Buffer {
  return writeZip(plan.files.map((f) => ({ name: `${plan.repositoryFolder}/${plan.connectorName}/${f.name}`, data: f.data })));
}

function kib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`;
}
