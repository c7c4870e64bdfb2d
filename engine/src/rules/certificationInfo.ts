// Rule family 9 (certification), connector title and description: see docs/rules.md, section 9.
import { isObject } from '../languageService/connectorIndex';
import type { Rule } from './types';
import { apiWordIn, baseTitle, connectorWordIn, endsAlphanumeric, independentPublisher, IP_SUFFIX_RE, looksNonEnglish, MS_RESTRICTED_PRODUCTS, msRestrictedProductIn, productNameIn } from './util/certText';

const TITLE_MAX = 30;
const DESCRIPTION_MIN = 30;
const DESCRIPTION_MAX = 500;

function infoOf(value: unknown) {
  return isObject(value) && isObject(value.info) ? value.info : undefined;
}

const titleRules: Rule = {
  ids: ['title-max-length', 'title-restricted-words', 'title-ends-alphanumeric', 'title-independent-publisher-suffix', 'info-wording'],
  check(ctx) {
    const info = infoOf(ctx.index.definitionValue);
    if (!info || typeof info.title !== 'string') return;
    const title = info.title;
    const pointer = '/info/title';
    const name = baseTitle(title);
    if (name.length > TITLE_MAX) {
      report('title-max-length', `The 'title' value goes over the character limit '${TITLE_MAX}'. Maximum of ${TITLE_MAX} characters allowed in the connector title. "${title}" is ${name.length} characters long${name !== title ? ' (without the "(Independent Publisher)" suffix)' : ''}; shorten it.`);
    }
    const restricted = apiWordIn(name) ?? connectorWordIn(name);
    if (restricted) {
      report('title-restricted-words', `The value 'title' contains at least one of the restricted words: 'api, connector'. The connector title contains "${restricted}"; use the service's name only.`);
    }
    const product = productNameIn(name);
    if (product) report('info-wording', `The connector title names the product "${product}"; the certification review asks for the service's name only.`);
    // A closing parenthesis is accepted: "(Independent Publisher)" titles end with it by design, and
    // accepted connectors use region qualifiers such as "Asite (Canada)".
    if (!endsAlphanumeric(title) && !/\S\)$/.test(title)) {
      report('title-ends-alphanumeric', `Title cannot end in nonaplhanumberic character, including carriage return, new line, or blank space. The connector title "${title}" must end with a letter or digit; remove the trailing "${title.slice(-1).replace(/\n/, '\\n')}".`);
    }
    const ip = independentPublisher(ctx.index.definitionValue, ctx.index.propertiesValue);
    if (ip.independent && !IP_SUFFIX_RE.test(title)) {
      report('title-independent-publisher-suffix', `This looks like an independent-publisher connector (${ip.reason}); it is listed as "${title.trim()} (Independent Publisher)", so keep the title short enough for the suffix.`);
    }
    function report(ruleId: string, message: string) {
      ctx.report({ ruleId, pointer, target: 'value', message });
    }
  },
};

const descriptionRules: Rule = {
  ids: ['description-length', 'description-restricted-words', 'info-wording'],
  check(ctx) {
    const info = infoOf(ctx.index.definitionValue);
    if (!info) return;
    const d = info.description;
    // A missing or empty description is info-description-required's finding.
    if (typeof d !== 'string' || d.trim() === '') return;
    const len = d.trim().length;
    if (len < DESCRIPTION_MIN || len > DESCRIPTION_MAX) {
      ctx.report({ ruleId: 'description-length', pointer: '/info/description', target: 'value', message: `The 'description' value must be between '${DESCRIPTION_MIN}' and '${DESCRIPTION_MAX}' characters. The connector description is ${len} characters long; certification requires ${DESCRIPTION_MIN} to ${DESCRIPTION_MAX}. ${len < DESCRIPTION_MIN ? 'Describe what the service does and what the connector offers.' : 'Shorten it.'}` });
    }
    const restricted = msRestrictedProductIn(d);
    if (restricted) {
      ctx.report({ ruleId: 'description-restricted-words', pointer: '/info/description', target: 'value', message: `The value 'description' contains at least one of the restricted words: '${MS_RESTRICTED_PRODUCTS}'. The connector description names "${restricted}"; describe the service instead.` });
    } else {
      const advice = productNameIn(d) ?? apiWordIn(d);
      if (advice) ctx.report({ ruleId: 'info-wording', pointer: '/info/description', target: 'value', message: `The connector description contains "${advice}"; the string guidance asks to describe the service without the word API or Power Platform product names.` });
    }
  },
};

const infoEnglish: Rule = {
  ids: ['info-english'],
  check(ctx) {
    const info = infoOf(ctx.index.definitionValue);
    if (!info) return;
    for (const key of ['title', 'description'] as const) {
      const v = info[key];
      if (typeof v === 'string' && looksNonEnglish(v)) {
        ctx.report({ ruleId: 'info-english', pointer: `/info/${key}`, target: 'value', message: `info.${key} does not look like English text; certified connectors are submitted in English.` });
      }
    }
  },
};

const contactRequired: Rule = {
  ids: ['contact-required', 'contact-fields'],
  check(ctx) {
    const info = infoOf(ctx.index.definitionValue);
    if (!info) return;
    const contact = info.contact;
    if (!isObject(contact)) {
      ctx.report({ ruleId: 'contact-required', pointer: '/info', message: `The 'contact' property is required. Add "contact": { "name": ..., "url": ..., "email": ... } to "info" (the publisher's support contact).` });
      return;
    }
    const missing = ['name', 'url', 'email'].filter((k) => typeof contact[k] !== 'string' || (contact[k] as string).trim() === '');
    if (missing.length) {
      ctx.report({ ruleId: 'contact-fields', pointer: '/info/contact', message: `info.contact has no ${missing.map((m) => `"${m}"`).join(', ')}; the certification templates fill in name, url and email so makers can reach the publisher.` });
    }
  },
};

const NON_PRODUCTION_HOST = /(^|[.-])(dev|develop|development|test|testing|staging|stage|sandbox|qa|uat|localhost)([.-]|$)|^127\.|^localhost$|(^|\.)example\.(com|org|net)$|(^|\.)contoso\.com$/i;

const hostProduction: Rule = {
  ids: ['host-production'],
  check(ctx) {
    const def = ctx.index.definitionValue;
    if (!def || typeof def.host !== 'string') return;
    const host = def.host.replace(/:\d+$/, '');
    if (NON_PRODUCTION_HOST.test(host)) {
      ctx.report({ ruleId: 'host-production', pointer: '/host', target: 'value', message: `host "${def.host}" looks like a development, test or example host; certified connectors point at the production service.` });
    }
  },
};

export const rules: Rule[] = [titleRules, descriptionRules, infoEnglish, contactRequired, hostProduction];
