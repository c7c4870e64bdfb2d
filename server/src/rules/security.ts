// Rule family: see docs/rules.md.
import type { Rule } from './types';

export const rules: Rule[] = [];
