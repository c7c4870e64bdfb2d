// Public surface of the Postman import.
export { convertPostmanCollection, parseAndConvert, DEFAULT_ICON_BRAND_COLOR, type ConvertOptions, type ConvertResult, type JsonObject } from './convert';
export { mergeIntoExisting, type Imported } from './merge';
export { formatReport, type ImportReport, type ReportEntry, type ReportSeverity } from './report';
export { serializeJson, DEFINITION_SIZE_LIMIT } from './serialize';
export { parseJsonText } from './parseJson';
export { importTargetProblem, otherDefinitionFiles } from './targetFolder';
