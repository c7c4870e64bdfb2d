// Breaking-change comparison of two versions of a connector (docs/rules.md, "Breaking changes").
export { CHANGE_KINDS, type ChangeKind } from './kinds';
export { compareConnectors, DEFAULT_COMPARE_BUDGET, type ChangedOperation, type ChangeFinding, type CompareBudget, type Comparison, type ConnectorVersion } from './compareConnectors';
export { compareParsed, compareSources, type ComparisonReport, type ParsedVersion, type PositionedChange, type PositionedOperation, type VersionSources } from './compareSources';
