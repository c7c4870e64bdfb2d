// Rule family 4 (x-ms extensions): see docs/rules.md, section "x-ms extensions". One file per topic.
import type { Rule } from './types';
import { rules as display } from './xmsExtensionsDisplay';
import { rules as operations } from './xmsExtensionsOperations';
import { rules as triggers } from './xmsExtensionsTriggers';
import { rules as metadata } from './xmsExtensionsMetadata';

export const rules: Rule[] = [...display, ...operations, ...triggers, ...metadata];
