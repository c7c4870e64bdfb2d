// Rule family 9 (certification-only style rules): see docs/rules.md, section 9. Split by topic;
// the breaking-change rules need the previous version of the connector and live in
// engine/src/compare (compareConnectors) as a pure comparison, outside ALL_RULES.
import type { Rule } from './types';
import { rules as info } from './certificationInfo';
import { rules as strings } from './certificationStrings';
import { rules as artifacts } from './certificationArtifacts';

export const rules: Rule[] = [...info, ...strings, ...artifacts];
