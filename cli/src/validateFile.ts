// One definition validated from the disk, as the CLI reports it: the unit of work of `validate`,
// run on the main thread or on a worker (cli/src/validateWorker.ts). Pure of output and state, so
// the result does not depend on where it ran.
import * as path from 'node:path';
import { diskFileAccess, loadConnectorFromDisk } from '../../engine/node/diskFileAccess';
import { mergeConfigs } from '../../engine/src/languageService/config';
import { loadFolderConfig } from '../../engine/src/languageService/connectorSources';
import { validateConnector, type ValidationConfig } from '../../engine/src/languageService/validateConnector';
import type { CliDiagnostic } from './formatters';

/** What every file of one `validate` run shares (structured-clonable: it is sent to the workers). */
export interface ValidateJob {
  cliConfig: ValidationConfig;
  profileConfig: ValidationConfig;
  /** Keep each finding's JSON pointer (the paconn format prints it). */
  withPointer: boolean;
}

/** One file's findings; `uri` is the absolute path (or `<stdin>`), the caller shows it as typed. */
export interface FileResult {
  uri: string;
  diagnostics: CliDiagnostic[];
}

export function validateDefinition(definitionPath: string, job: ValidateJob, text?: string): FileResult[] {
  const sources = loadConnectorFromDisk(definitionPath, text);
  const folderConfig = loadFolderConfig(path.dirname(definitionPath), diskFileAccess(path.dirname(definitionPath))).config;
  // The command line wins over the folder's file, which wins over defaults.
  const config = mergeConfigs(folderConfig, job.cliConfig, job.profileConfig);
  return validateConnector(sources, config).map((fd) => ({
    uri: fd.uri,
    diagnostics: fd.diagnostics.map((d) => ({ ruleId: d.ruleId, severity: d.severity, message: d.message, range: d.range, ...(job.withPointer && d.pointer !== undefined ? { pointer: d.pointer } : {}), ...(d.msCode ? { microsoftCode: d.msCode } : {}) })),
  }));
}
