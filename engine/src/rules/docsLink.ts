// Where each rule's documentation lives (the repository's copy of the catalogue, anchored by id).
export const RULES_DOC_URL = 'https://github.com/connector-studio/connector-studio/blob/main/docs/rules.md';

export function ruleDocUrl(ruleId: string): string {
  return `${RULES_DOC_URL}#${ruleId}`;
}

/** Microsoft's reference of its Swagger Validator codes (each code with its meaning and fix). */
export const MICROSOFT_CODES_URL = 'https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules';

/** Microsoft's description of one validator code: its reference page, scrolled to the code (a text fragment). */
export function microsoftCodeUrl(code: string): string {
  return `${MICROSOFT_CODES_URL}#:~:text=${encodeURIComponent(code)}`;
}
