// Rule family 9 (certification), operation and parameter strings: see docs/rules.md, section 9,
// "Operation and parameter strings". One pass collects every user-facing string with its pointer.
import { isObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule, RuleContext } from './types';
import { endsAlphanumeric, isCamelCaseIdentifier, looksNonEnglish, MS_RESTRICTED_PRODUCTS, msRestrictedProductIn } from './util/certText';
import { walkSwagger } from './util/swaggerWalk';

const SUMMARY_MAX = 80;

type Owner = 'operation' | 'parameter' | 'property';
type Field = 'summary' | 'x-ms-summary' | 'description';

/**
 * One user-facing string. Its pointer is built on first read: most strings never get a finding, and
 * building one per string (a path copy and a joined string each) was the largest share of pointer
 * building in a corpus run (issue 19: 100 of 3,400 ms).
 */
class UserString {
  private built: string | undefined;
  constructor(
    readonly owner: Owner,
    readonly field: Field,
    readonly text: string,
    private readonly path: readonly (string | number)[],
    /** The sibling summary/description of the same item, for summary-description-differ. */
    readonly siblingDescription: string | undefined,
  ) {}

  get pointer(): string {
    return (this.built ??= pathToPointer([...this.path, this.field]));
  }
}

/** Operation summaries/descriptions, parameter and schema-property x-ms-summary/descriptions. */
function userStrings(ctx: RuleContext): UserString[] {
  const def = ctx.index.definitionValue;
  if (!def) return [];
  const out: UserString[] = [];
  const add = (owner: Owner, path: (string | number)[], obj: Record<string, unknown>) => {
    const description = typeof obj.description === 'string' ? obj.description : undefined;
    for (const field of (owner === 'operation' ? ['summary', 'description'] : ['x-ms-summary', 'description']) as Field[]) {
      const v = obj[field];
      if (typeof v !== 'string' || v.trim() === '') continue;
      out.push(new UserString(owner, field, v, path, field === 'description' ? undefined : description));
    }
  };
  for (const op of ctx.index.operations) add('operation', ['paths', op.path, op.method], op.operation);
  for (const node of walkSwagger(def).nodes) {
    if (node.kind === 'parameter') add('parameter', node.path, node.value);
    else if (node.kind === 'schema' && node.parent?.kind === 'schema' && node.path[node.path.length - 2] === 'properties') add('property', node.path, node.value);
  }
  return out;
}

const cache = new WeakMap<object, UserString[]>();
function stringsOf(ctx: RuleContext): UserString[] {
  const def = ctx.index.definitionValue;
  if (!def) return [];
  let hit = cache.get(def);
  if (!hit) cache.set(def, (hit = userStrings(ctx)));
  return hit;
}

const where = (s: UserString) => (s.owner === 'operation' ? `Operation ${s.field}` : `${s.owner === 'parameter' ? 'Parameter' : 'Property'} ${s.field}`);

const summaryLength: Rule = {
  ids: ['operation-summary-length'],
  check(ctx) {
    for (const s of stringsOf(ctx)) {
      if (s.owner === 'operation' && s.field === 'summary' && s.text.length > SUMMARY_MAX) {
        ctx.report({ ruleId: 'operation-summary-length', pointer: s.pointer, target: 'value', message: `Operation summary is ${s.text.length} characters long; certification allows at most ${SUMMARY_MAX}. Move details to the description.` });
      }
    }
  },
};

const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'to', 'for', 'in', 'on', 'at', 'and', 'or', 'by', 'with', 'from', 'as', 'into', 'per', 'via', 'vs', 'is', 'if', 'up']);

/** "Send An Email Message": every word of 4+ letters after the first is capitalised. */
function isTitleCase(text: string): boolean {
  const words = text.split(/\s+/).slice(1).filter((w) => /^[A-Za-z]{4,}$/.test(w));
  return words.length >= 2 && words.every((w) => /^[A-Z][a-z]+$/.test(w));
}

const summaryStyle: Rule = {
  ids: ['summary-allowed-characters', 'summary-ends-alphanumeric', 'summary-restricted-words', 'summary-case', 'strings-english', 'strings-not-camel-case'],
  check(ctx) {
    for (const s of stringsOf(ctx)) {
      const text = s.text.trim();
      const isSummary = s.field !== 'description';
      const report = (ruleId: string, message: string) => ctx.report({ ruleId, pointer: s.pointer, target: 'value', message });
      if (isSummary) {
        // Microsoft's RestrictedCharactersInSummary: only these, only in an operation's summary.
        const bad = s.owner === 'operation' ? [...new Set(text.replace(/[^/\\<>*%&?]/g, ''))] : [];
        if (bad.length) report('summary-allowed-characters', `Summary string contains any of the restricted characters [/\\<>*%&?] Operation summary "${text}" contains ${bad.map((c) => JSON.stringify(c)).join(', ')}; reword it (for example "Get a file or folder" instead of "Get file/folder").`);
        if (s.owner === 'operation' && !endsAlphanumeric(s.text) && !s.text.endsWith(')')) report('summary-ends-alphanumeric', `Operation summary "${s.text}" ends with "${s.text.slice(-1)}"; end it with a letter or digit (no trailing period or space).`);
        if (s.owner === 'operation' && isTitleCase(text)) report('summary-case', `Operation summary "${text}" is in Title Case; use sentence case ("${text[0]}${text.slice(1).replace(/\b([A-Z])([a-z]{3,})\b/g, (_, a: string, b: string) => a.toLowerCase() + b)}").`);
        // Only an all-lower-case first word: "iMIS ID" is a brand, "vehicleNumber" is strings-not-camel-case's.
        if (s.owner !== 'operation' && /^[a-z]+(\s|$)/.test(text)) report('summary-case', `x-ms-summary "${text}" starts in lower case; display names use Title Case ("${text[0].toUpperCase()}${text.slice(1)}").`);
        if (isCamelCaseIdentifier(text)) report('strings-not-camel-case', `${where(s)} "${text}" is a camelCase identifier; write words the user reads ("${text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase())}").`);
      }
      if (s.owner === 'operation') {
        const product = msRestrictedProductIn(text);
        if (product) report('summary-restricted-words', `The value ${s.field} contains at least one of the restricted words: ${MS_RESTRICTED_PRODUCTS}. Operation ${s.field} names "${product}"; describe what the operation does in the service instead.`);
      }
      if (looksNonEnglish(text)) report('strings-english', `${where(s)} "${text.slice(0, 60)}" does not look like English; certified connectors are submitted in English.`);
    }
  },
};

const descriptionPunctuation: Rule = {
  ids: ['description-ends-with-punctuation', 'summary-description-differ'],
  check(ctx) {
    for (const s of stringsOf(ctx)) {
      const text = s.text.trim();
      if (s.field === 'description' && s.owner !== 'property' && /\s/.test(text) && !/[.!?)"'`:;…。]$/.test(text)) {
        ctx.report({ ruleId: 'description-ends-with-punctuation', pointer: s.pointer, target: 'value', message: `${where(s)} "${text.length > 60 ? text.slice(0, 57) + '...' : text}" should be a full sentence ending with punctuation (add a period).` });
      }
      if (s.field !== 'description' && s.siblingDescription !== undefined && normalise(s.siblingDescription) === normalise(text)) {
        ctx.report({ ruleId: 'summary-description-differ', pointer: s.pointer.replace(/\/[^/]+$/, '/description'), target: 'value', message: `The description repeats the ${s.field} "${text}"; say more than the display name (what it does, accepted values, defaults).` });
      }
    }
  },
};

const normalise = (t: string) => t.trim().toLowerCase().replace(/[.!?\s]+$/, '');

const operationIdPascalCase: Rule = {
  ids: ['operation-id-pascal-case', 'operation-visibility-declared'],
  check(ctx) {
    for (const op of ctx.index.operations) {
      const id = op.operationId;
      // A "_V2"-style version suffix is Microsoft's own convention for versioned operations.
      if (id !== undefined && !/^[A-Z][A-Za-z0-9]*(_V\d+)?$/.test(id)) {
        const suggestion = id.split(/[-_\s]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
        ctx.report({ ruleId: 'operation-id-pascal-case', pointer: `${op.pointer}/operationId`, target: 'value', message: `operationId "${id}" is not PascalCase; prefer "${suggestion}".` });
      }
      if (!isObject(op.operation) || op.operation['x-ms-visibility'] === undefined) {
        ctx.report({ ruleId: 'operation-visibility-declared', pointer: op.pointer, message: `${op.method.toUpperCase()} ${op.path} declares no "x-ms-visibility"; set "important", "advanced" or "internal" so its place in the designer is deliberate.` });
      }
    }
  },
};

export const rules: Rule[] = [summaryLength, summaryStyle, descriptionPunctuation, operationIdPascalCase];
