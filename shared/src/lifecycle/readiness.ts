// Certification readiness: one report with pass/fail per requirement. Validator findings (the
// certification profile, computed by the caller) are grouped under the requirement they belong
// to; the repository-level checks the validator cannot make (readme sections, the icon's
// pixels) are made here. Pure: the caller reads the files.
import { decodePng, hexToRgb, PngError, rgbToHex, type Rgb } from './png';
import { README_SECTIONS, REQUIRED_README_SECTIONS } from './readmeSections';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface ReadinessFinding {
  /** File name inside the connector folder. */
  file: string;
  /** 0-based position, when the finding has one. */
  line?: number;
  character?: number;
  severity: FindingSeverity;
  message: string;
  ruleId?: string;
}

export type RequirementStatus = 'pass' | 'fail';

export interface RequirementResult {
  id: string;
  title: string;
  /** What the requirement asks, in one sentence. */
  description: string;
  status: RequirementStatus;
  findings: ReadinessFinding[];
}

export interface ReadinessInput {
  folderName: string;
  /** Names of the files in the folder. */
  files: readonly string[];
  definitionFile?: string;
  readme?: string;
  /** icon.png's bytes, when present. */
  icon?: Uint8Array;
  iconBrandColor?: string;
  /** Operation summaries (or operationIds) of the definition, for the readme's operation list. */
  operations: readonly { operationId?: string; summary?: string }[];
  independentPublisher: boolean;
  /** Diagnostics of the certification profile, with the file name each belongs to. */
  findings: readonly ReadinessFinding[];
}

interface RuleGroup {
  id: string;
  title: string;
  description: string;
  rules: readonly string[];
}

/** Requirements judged from the validator's rules (ids from the rule catalogue). */
const RULE_GROUPS: readonly RuleGroup[] = [
  { id: 'title', title: 'Connector title', description: 'info.title has at most 30 characters, no "API"/"Connector" or product names, and ends with a letter or digit.', rules: ['title-max-length', 'title-restricted-words', 'title-ends-alphanumeric', 'title-independent-publisher-suffix', 'info-english'] },
  { id: 'description', title: 'Connector description', description: 'info.description has 30 to 500 characters and names no product and not the word API.', rules: ['description-length', 'description-restricted-words'] },
  { id: 'contact', title: 'Contact', description: 'info.contact has name, url and email.', rules: ['contact-required', 'contact-fields'] },
  { id: 'policy-urls', title: 'Website, privacy policy and categories', description: 'x-ms-connector-metadata lists "Website" and "Privacy policy" as absolute URLs and at most two allowed categories; every URL in the definition is absolute.', rules: ['connector-metadata-required', 'connector-metadata-entries', 'connector-metadata-urls', 'connector-category-valid', 'connector-category-count', 'connector-metadata-shape', 'url-valid'] },
  { id: 'publisher', title: 'Publisher and stack owner', description: 'apiProperties.json names the publisher and the stack owner.', rules: ['publisher-stackowner-required', 'publisher-stackowner-alphanumeric'] },
  { id: 'brand-color', title: 'Brand colour', description: 'iconBrandColor is a #rrggbb colour, not #ffffff or #007ee5 (#da3b01 for independent publishers).', rules: ['icon-brand-color-required', 'icon-brand-color-format', 'icon-brand-color-forbidden', 'icon-brand-color-independent-publisher'] },
  { id: 'secrets', title: 'No secrets', description: 'No live keys, tokens or client secrets in the files.', rules: ['no-secrets-in-submission', 'oauth-client-secret-not-committed'] },
];

const GROUPED = new Set(RULE_GROUPS.flatMap((g) => g.rules));
/** Rules whose findings belong to a repository-level requirement below. */
const REPO_RULES = new Set(['readme-present', 'icon-file']);

const FORBIDDEN_COLORS = ['#ffffff', '#007ee5'];
export const ICON_SIZE = 230;
/** Accepted width/height around the 230 px the guide asks for. */
const ICON_SIZE_TOLERANCE = 30;
/** Largest per-channel difference between the icon's background and iconBrandColor. */
const COLOR_TOLERANCE = 24;

export function checkReadiness(input: ReadinessInput): RequirementResult[] {
  const results: RequirementResult[] = [];
  const blocking = (fs: readonly ReadinessFinding[]) => fs.some((f) => f.severity === 'error');
  const make = (id: string, title: string, description: string, findings: ReadinessFinding[]): RequirementResult =>
    ({ id, title, description, status: blocking(findings) ? 'fail' : 'pass', findings });

  results.push(make('readme-sections', 'readme.md sections', 'readme.md has the sections: Publisher, Prerequisites, Supported Operations, Obtaining Credentials, Known Issues and Limitations.', readmeSections(input)));
  results.push(make('readme-operations', 'readme.md lists the operations', 'Every operation of the definition is described under Supported Operations.', readmeOperations(input)));
  const icon = iconChecks(input);
  results.push(make('icon-format', 'Icon file', input.independentPublisher ? 'Independent publishers ship no icon.png.' : 'icon.png is present and is a PNG image.', icon.format));
  results.push(make('icon-size', 'Icon size', `icon.png is square, about ${ICON_SIZE} x ${ICON_SIZE} px.`, icon.size));
  results.push(make('icon-background', 'Icon background', 'The icon background is opaque, not white or #007ee5, and matches iconBrandColor.', icon.background));
  // A checklist item fails on a warning too: the validator's severity says what Microsoft's checks
  // reject, while these items are also what the certification review asks for (docs/rules.md).
  for (const g of RULE_GROUPS) {
    const findings = input.findings.filter((f) => f.ruleId && g.rules.includes(f.ruleId));
    results.push({ ...make(g.id, g.title, g.description, findings), ...(findings.some((f) => f.severity === 'warning') ? { status: 'fail' as const } : {}) });
  }
  const rest = input.findings.filter((f) => !f.ruleId || (!GROUPED.has(f.ruleId) && !REPO_RULES.has(f.ruleId)));
  results.push(make('validator', 'Definition passes the certification profile', 'No other certification-profile errors in the definition, apiProperties.json or script.csx.', rest.filter((f) => f.severity === 'error' || f.severity === 'warning')));
  return results;
}

export function readinessSummary(results: readonly RequirementResult[]): { passed: number; failed: number } {
  const failed = results.filter((r) => r.status === 'fail').length;
  return { passed: results.length - failed, failed };
}

// --- readme --------------------------------------------------------------------------------------

interface Heading { text: string; line: number; level: number }

function headings(readme: string): Heading[] {
  const out: Heading[] = [];
  let fenced = false;
  readme.split(/\r?\n/).forEach((l, line) => {
    if (/^\s*(```|~~~)/.test(l)) fenced = !fenced;
    const m = !fenced && /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l);
    if (m) out.push({ level: m[1].length, text: m[2].replace(/[*_`]/g, '').trim(), line });
  });
  return out;
}

function readmeFile(input: ReadinessInput): string | undefined {
  return input.files.find((f) => f.toLowerCase() === 'readme.md');
}

function readmeSections(input: ReadinessInput): ReadinessFinding[] {
  const file = readmeFile(input);
  if (!file || input.readme === undefined) return [{ file: file ?? 'readme.md', severity: 'error', message: 'The folder has no readme.md; certification needs one with the sections listed above.' }];
  const hs = headings(input.readme);
  const findings: ReadinessFinding[] = [];
  for (const id of REQUIRED_README_SECTIONS) {
    const s = README_SECTIONS.find((x) => x.id === id)!;
    if (!hs.some((h) => h.level <= 3 && s.match.test(h.text))) {
      findings.push({ file, line: 0, severity: 'error', message: `readme.md has no "## ${s.heading}" section.` });
    }
  }
  const publisher = hs.find((h) => /^publisher\b/i.test(h.text));
  if (publisher && !/^publisher\s*:\s*\S/i.test(publisher.text)) {
    const lines = input.readme.split(/\r?\n/);
    const next = lines.slice(publisher.line + 1).find((l) => l.trim());
    if (!next || /^\s*#/.test(next)) findings.push({ file, line: publisher.line, severity: 'error', message: 'The Publisher section names no publisher ("## Publisher: Name").' });
  }
  return findings;
}

function readmeOperations(input: ReadinessInput): ReadinessFinding[] {
  const file = readmeFile(input);
  if (!file || input.readme === undefined) return [{ file: file ?? 'readme.md', severity: 'error', message: 'No readme.md to list the operations in.' }];
  const hs = headings(input.readme);
  const section = hs.find((h) => /^supported (operations|actions)|^(operations|actions)( and triggers)?$/i.test(h.text));
  if (!section) return [{ file, line: 0, severity: 'error', message: 'readme.md has no Supported Operations section to list the operations in.' }];
  const end = hs.find((h) => h.line > section.line && h.level <= section.level)?.line;
  const body = input.readme.split(/\r?\n/).slice(section.line + 1, end).join('\n').toLowerCase();
  const findings: ReadinessFinding[] = [];
  for (const op of input.operations) {
    const names = [op.summary, op.operationId].filter((n): n is string => !!n && !!n.trim());
    if (!names.length) continue;
    if (!names.some((n) => body.includes(n.toLowerCase()))) {
      findings.push({ file, line: section.line, severity: 'error', message: `Supported Operations does not describe "${names[0]}".` });
    }
  }
  return findings;
}

// --- icon ----------------------------------------------------------------------------------------

function iconChecks(input: ReadinessInput): { format: ReadinessFinding[]; size: ReadinessFinding[]; background: ReadinessFinding[] } {
  const file = input.files.find((f) => f.toLowerCase() === 'icon.png') ?? 'icon.png';
  const none = { format: [], size: [], background: [] };
  if (input.independentPublisher) {
    return input.icon ? { ...none, format: [{ file, severity: 'error', message: 'Independent-publisher connectors ship no icon.png (Microsoft supplies it); remove it from the submission.' }] } : none;
  }
  if (!input.icon) {
    const skipped: ReadinessFinding = { file, severity: 'error', message: 'No icon.png to check.' };
    return { format: [{ file, severity: 'error', message: 'The folder has no icon.png (a 230 x 230 px PNG with a 160 px logo on the brand colour).' }], size: [skipped], background: [skipped] };
  }
  let png;
  try {
    png = decodePng(input.icon);
  } catch (e) {
    const message = e instanceof PngError ? e.message : String(e);
    const skipped: ReadinessFinding = { file, severity: 'error', message: 'icon.png could not be read as a PNG.' };
    return { format: [{ file, severity: 'error', message: `icon.png is not a valid PNG: ${message}.` }], size: [skipped], background: [skipped] };
  }
  const size: ReadinessFinding[] = [];
  if (png.width !== png.height) size.push({ file, severity: 'error', message: `icon.png is ${png.width} x ${png.height} px; it must be square.` });
  else if (Math.abs(png.width - ICON_SIZE) > ICON_SIZE_TOLERANCE) size.push({ file, severity: 'error', message: `icon.png is ${png.width} x ${png.height} px; certification asks for about ${ICON_SIZE} x ${ICON_SIZE} px.` });

  const background: ReadinessFinding[] = [];
  if (!png.pixel) {
    background.push({ file, severity: 'warning', message: `The background colour of a ${png.width} x ${png.height} px PNG is not checked (too large to decode); compare it with iconBrandColor yourself.` });
  } else {
    const corners = [[0, 0], [png.width - 1, 0], [0, png.height - 1], [png.width - 1, png.height - 1]].map(([x, y]) => png.pixel!(x, y));
    const transparent = corners.some((c) => c[3] < 255);
    const bg: Rgb = [corners[0][0], corners[0][1], corners[0][2]];
    const hex = rgbToHex(bg);
    if (transparent) background.push({ file, severity: 'error', message: 'The icon background is transparent; certification needs an opaque background in the brand colour.' });
    else if (FORBIDDEN_COLORS.includes(hex)) background.push({ file, severity: 'error', message: `The icon background is ${hex}, which certification rejects (white and #007ee5).` });
    const brand = input.iconBrandColor ? hexToRgb(input.iconBrandColor) : undefined;
    if (!transparent) {
      if (!brand) background.push({ file: 'apiProperties.json', severity: 'error', message: `iconBrandColor is ${input.iconBrandColor ? `"${input.iconBrandColor}", not a #rrggbb colour` : 'missing'}; set it to the icon background (${hex}).` });
      else if (Math.max(...brand.map((v, i) => Math.abs(v - bg[i]))) > COLOR_TOLERANCE) {
        background.push({ file, severity: 'error', message: `The icon background ${hex} does not match iconBrandColor ${input.iconBrandColor}.` });
      }
    }
  }
  return { format: [], size, background };
}
