// Validation configuration: editor settings merged with a `.connector-studio.json` beside the
// connector (the file wins, so a team can share it in the repository).
import type { Profile, RuleOptions, SeveritySetting } from '../rules/types';
import type { ValidationConfig } from './validateConnector';

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

export interface ConfigProblem {
  message: string;
}

/** Reads a `.connector-studio.json` text; bad entries are reported, never thrown. */
export function parseConfigFile(text: string): { config: ValidationConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let raw: unknown;
  try {
    // Strict, not the tolerant loader (shared/src/swagger/load.ts): a broken file is reported.
    raw = JSON.parse(text);
  } catch (e) {
    return { config: {}, problems: [{ message: `.connector-studio.json is not valid JSON: ${(e as Error).message}` }] };
  }
  return { config: normalizeConfig(raw, problems, '.connector-studio.json'), problems };
}

export function normalizeConfig(raw: unknown, problems: ConfigProblem[] = [], where = 'settings'): ValidationConfig {
  const config: ValidationConfig = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    if (raw !== undefined) problems.push({ message: `${where}: expected an object.` });
    return config;
  }
  const r = raw as Record<string, unknown>;
  if (r.profile !== undefined) {
    if (r.profile === 'default' || r.profile === 'certification') config.profile = r.profile as Profile;
    else problems.push({ message: `${where}: "profile" must be "default" or "certification".` });
  }
  if (r.rules !== undefined) {
    if (typeof r.rules === 'object' && r.rules !== null && !Array.isArray(r.rules)) {
      config.rules = {};
      for (const [id, sev] of Object.entries(r.rules)) {
        if (typeof sev === 'string' && SEVERITIES.has(sev)) config.rules[id] = sev as SeveritySetting;
        else problems.push({ message: `${where}: severity of "${id}" must be one of error, warning, info, hint, off.` });
      }
    } else problems.push({ message: `${where}: "rules" must be an object of rule id -> severity.` });
  }
  if (r.options !== undefined && typeof r.options === 'object' && r.options !== null) {
    config.options = {};
    for (const [k, v] of Object.entries(r.options)) if (typeof v === 'number') (config.options as Record<string, number>)[k] = v;
  }
  if (typeof r.maxDefinitionBytes === 'number') config.options = { ...config.options, maxDefinitionBytes: r.maxDefinitionBytes } as Partial<RuleOptions>;
  return config;
}

/** Later configs win: settings first, then the folder's file. */
export function mergeConfigs(...configs: ValidationConfig[]): ValidationConfig {
  const out: ValidationConfig = {};
  for (const c of configs) {
    if (c.profile) out.profile = c.profile;
    if (c.rules) out.rules = { ...out.rules, ...c.rules };
    if (c.options) out.options = { ...out.options, ...c.options };
  }
  return out;
}
