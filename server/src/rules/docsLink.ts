// Where each rule's documentation lives (the repository's copy of the catalogue, anchored by id).
export const RULES_DOC_URL = 'https://github.com/connector-studio/connector-studio/blob/main/docs/rules.md';

export function ruleDocUrl(ruleId: string): string {
  return `${RULES_DOC_URL}#${ruleId}`;
}
