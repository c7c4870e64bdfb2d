// The rule contract. A rule is an id from the catalogue (docs/rules.md) plus a check over the
// connector's parsed files; everything else (severity, profile, suppression, ranges) is the engine's.
import type { FileAccess } from '../languageService/fileAccess';
import type { ParsedDocument } from '../languageService/parseDocument';
import type { ConnectorIndex } from '../languageService/connectorIndex';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export type Profile = 'default' | 'certification';
export type ConnectorFileKind = 'definition' | 'properties' | 'script';

export interface CatalogueEntry {
  id: string;
  family: string;
  msCodes: string[];
  defaultSeverity: SeveritySetting;
  certificationSeverity: SeveritySetting;
  summary: string;
}

export interface Finding {
  ruleId: string;
  message: string;
  /** Which file must change. Defaults to the definition. */
  file?: ConnectorFileKind;
  /** RFC 6901 pointer into that file; omit together with offset for the file's start. */
  pointer?: string;
  /** Underline the member's key (default) or its value. */
  target?: 'key' | 'value';
  /** Raw text position, for findings not tied to a tree node (script.csx, syntax). */
  offset?: number;
  length?: number;
  /**
   * Microsoft's validator code for this finding (e.g. `RequiredPropertyMissing`), when the rule's
   * catalogue row lists several and the finding is one of them; otherwise the row's only code applies.
   */
  msCode?: string;
  /**
   * A generic schema-shape finding (from the Swagger schema validator): dropped when a specific
   * rule reports at the same pointer, so one defect yields one diagnostic.
   */
  generic?: boolean;
}

export interface ScriptFile {
  uri: string;
  text: string;
}

export interface RuleOptions {
  /** Size limit of apiDefinition.swagger.json in bytes (catalogue: 1 MB). */
  maxDefinitionBytes: number;
  maxOperationIdLength: number;
  maxOperations: number;
  maxSchemaDepth: number;
  maxSchemasPerObject: number;
  maxSchemasPerOperation: number;
  maxSchemasTotal: number;
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = {
  maxDefinitionBytes: 1024 * 1024,
  maxOperationIdLength: 128,
  maxOperations: 512,
  maxSchemaDepth: 64,
  maxSchemasPerObject: 512,
  maxSchemasPerOperation: 4096,
  maxSchemasTotal: 65536,
};

export interface RuleContext {
  /** The definition, when the connector has one that parsed usably. */
  definition?: ParsedDocument;
  /** apiProperties.json, when present and usable. */
  properties?: ParsedDocument;
  script?: ScriptFile;
  /** Index of operations, refs and references; built once per validation. */
  index: ConnectorIndex;
  profile: Profile;
  options: RuleOptions;
  /** Name of the connector folder (for independent-publisher style checks). */
  folderName?: string;
  /** Other files in the folder (names only), e.g. readme.md, icon.png. */
  folderFiles?: readonly string[];
  /** The definition as parsed even when unusable (only size-style rules should read it). */
  rawDefinition?: ParsedDocument;
  /** The one file reader (connector folder only, size-capped, open buffers first): `$ref` targets. */
  files?: FileAccess;
  report(finding: Finding): void;
}

export interface Rule {
  /** Rule ids this check may report (each must exist in the catalogue). */
  ids: readonly string[];
  check(ctx: RuleContext): void;
}
