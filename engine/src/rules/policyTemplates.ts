// Rule family 8 (policy templates): see docs/rules.md, section 8. Findings land in apiProperties.json.
// Template parameter tables follow the repository schema (schemas/paconn-apiProperties.schema.json)
// and Microsoft Learn's policy template pages.
import { isObject, type JsonObject } from '../languageService/connectorIndex';
import type { PathSegment } from '../languageService/tree';
import type { Rule } from './types';
import { rules as expressionRules } from './policyExpressions';
import { instancesOf, label, OPERATION_NAME, P, POLICY_SECTION, reporter, type Instance } from './util/policyInstances';
import { decodePointerToken } from '../../../shared/src/swagger/pointer';

interface TemplateSpec {
  ruleId: string;
  required: string[];
  optional: string[];
  /** Whether x-ms-apimTemplate-policySection is accepted, and which values. */
  sections?: string[];
}

const REQ_RESP = ['Request', 'Response'];

/** Keyed by the lower-case template id. */
export const POLICY_TEMPLATES: Record<string, TemplateSpec> = {
  convertarraytoobject: { ruleId: 'policy-convertarraytoobject-params', required: ['propertyParentPath', 'keyWithinCollectionPath', 'newPropertyPath'], optional: ['propertySubPath', 'retainKey'], sections: REQ_RESP },
  convertobjecttoarray: { ruleId: 'policy-convertobjecttoarray-params', required: ['propertyParentPath', 'newPropertyPath'], optional: ['propertySubPath', 'keyName', 'valueName'], sections: REQ_RESP },
  dynamichosturl: { ruleId: 'policy-dynamichosturl-params', required: ['urlTemplate'], optional: [] },
  encodepropertyvalue: { ruleId: 'policy-encodepropertyvalue-params', required: ['propertyParentPath', 'newPropertyPath'], optional: ['propertySubPath'], sections: REQ_RESP },
  pollingtrigger: { ruleId: 'policy-pollingtrigger-params', required: ['triggerConfig', 'triggerDataPath'], optional: [] },
  routerequesttoendpoint: { ruleId: 'policy-routerequesttoendpoint-params', required: ['newPath'], optional: ['httpMethod'] },
  setheader: { ruleId: 'policy-setheader-params', required: ['name', 'value'], optional: ['existsAction'], sections: ['Request', 'Response', 'Failure'] },
  setproperty: { ruleId: 'policy-setproperty-params', required: ['newPropertyParentPathTemplate', 'newPropertySubPathTemplate', 'propertyValuePathTemplate'], optional: [], sections: REQ_RESP },
  setqueryparameter: { ruleId: 'policy-setqueryparameter-params', required: ['name', 'value'], optional: ['existsAction'] },
  setvaluefromurl: { ruleId: 'policy-setvaluefromurl-params', required: ['parameterTemplate', 'parameterValueUrl', 'parameterValuePathTemplate'], optional: ['httpMethod'], sections: REQ_RESP },
  stringreplace: { ruleId: 'policy-stringreplace-params', required: ['propertyParentPath', 'sourceString', 'replacementString', 'newPropertyPath'], optional: ['propertySubPath'], sections: REQ_RESP },
  stringtoarray: { ruleId: 'policy-stringtoarray-params', required: ['propertyParentPath', 'delimiterList', 'childPropertyName', 'newPropertyPath'], optional: ['propertySubPath'], sections: REQ_RESP },
  updatenextlink: { ruleId: 'policy-updatenextlink-params', required: ['nextLinkPropertyName'], optional: ['nextLinkParentPropertyPath'] },
  setconnectionstatustounauthenticated: { ruleId: 'policy-setconnectionstatus-params', required: ['statusCode'], optional: [] },
};

/** Seen in accepted connectors but absent from the schema: known, parameters not checked. */
const OTHER_KNOWN_TEMPLATES = new Set(['moveproperties', 'dynamicsubdomain']);


const templateIdKnown: Rule = {
  ids: ['policy-template-id-known'],
  check(ctx) {
    const report = reporter(ctx);
    for (const inst of instancesOf(ctx)) {
      if (inst.templateId === undefined) {
        report({ ruleId: 'policy-template-id-known', path: inst.path, message: `Policy template instance #${inst.index} has no "templateId"; add one of: ${Object.keys(POLICY_TEMPLATES).join(', ')}.` });
      } else if (!POLICY_TEMPLATES[inst.key!] && !OTHER_KNOWN_TEMPLATES.has(inst.key!)) {
        report({ ruleId: 'policy-template-id-known', path: [...inst.path, 'templateId'], target: 'value', message: `Unknown policy template "${inst.templateId}"; known templates: ${Object.keys(POLICY_TEMPLATES).join(', ')}.` });
      }
    }
  },
};

const policyTitle: Rule = {
  ids: ['policy-title'],
  check(ctx) {
    const report = reporter(ctx);
    for (const inst of instancesOf(ctx)) {
      if (typeof inst.value.title !== 'string' || inst.value.title.trim() === '') {
        report({ ruleId: 'policy-title', path: inst.path, message: `${label(inst)} has no "title"; add one so the policy is recognisable in the wizard's policy list.` });
      }
    }
  },
};

const parameterUnknown: Rule = {
  ids: ['policy-parameter-unknown'],
  check(ctx) {
    const report = reporter(ctx);
    for (const inst of instancesOf(ctx)) {
      const spec = inst.key ? POLICY_TEMPLATES[inst.key] : undefined;
      if (!spec || !inst.params) continue;
      const allowed = new Set([OPERATION_NAME, ...[...spec.required, ...spec.optional].map((n) => P + n)]);
      if (spec.sections) allowed.add(POLICY_SECTION);
      for (const key of Object.keys(inst.params)) {
        if (allowed.has(key)) continue;
        const close = [...allowed].find((a) => a.toLowerCase() === key.toLowerCase());
        report({ ruleId: 'policy-parameter-unknown', path: [...inst.path, 'parameters', key], message: `"${key}" is not a parameter of the ${inst.key} template${close ? ` (did you mean "${close}"?)` : `; it accepts ${[...allowed].join(', ')}`}.` });
      }
    }
  },
};

function operationNames(inst: Instance): unknown {
  return inst.params?.[OPERATION_NAME];
}

const operationNamesExist: Rule = {
  ids: ['policy-operation-names-exist', 'policy-operation-scope-all'],
  check(ctx) {
    const report = reporter(ctx);
    const haveDefinition = !!ctx.index.definitionValue;
    for (const inst of instancesOf(ctx)) {
      if (!inst.params && !inst.templateId) continue;
      const names = operationNames(inst);
      if (names === undefined || (Array.isArray(names) && names.length === 0)) {
        report({ ruleId: 'policy-operation-scope-all', path: inst.params ? [...inst.path, 'parameters'] : inst.path, message: `${label(inst)} lists no operations in "${OPERATION_NAME}", so it applies to every operation; list operationIds if that is not intended.` });
        continue;
      }
      if (!haveDefinition) continue;
      if (!Array.isArray(names)) {
        report({ ruleId: 'policy-operation-names-exist', path: [...inst.path, 'parameters', OPERATION_NAME], target: 'value', message: `"${OPERATION_NAME}" must be an array of operationIds.` });
        continue;
      }
      names.forEach((name, i) => {
        if (typeof name === 'string' && ctx.index.operationsById.has(name)) return;
        report({ ruleId: 'policy-operation-names-exist', path: [...inst.path, 'parameters', OPERATION_NAME, i], target: 'value', message: `${label(inst)} targets operation ${JSON.stringify(name)}, which is not an operationId of the definition; the policy is silently skipped for it. Fix the name or remove it.` });
      });
    }
  },
};

const sectionValid: Rule = {
  ids: ['policy-section-valid', 'policy-exists-action'],
  check(ctx) {
    const report = reporter(ctx);
    for (const inst of instancesOf(ctx)) {
      if (!inst.params) continue;
      // An empty string is the legacy way of writing "not set" (accepted by Microsoft).
      const section = inst.params[POLICY_SECTION];
      if (section !== undefined && section !== '') {
        const allowed = inst.key === 'setheader' ? ['Request', 'Response', 'Failure'] : REQ_RESP;
        if (typeof section !== 'string' || !allowed.includes(section)) {
          report({ ruleId: 'policy-section-valid', path: [...inst.path, 'parameters', POLICY_SECTION], target: 'value', message: `"${POLICY_SECTION}" is ${JSON.stringify(section)}; use ${allowed.map((a) => `"${a}"`).join(' or ')}.` });
        }
      }
      const action = inst.params[P + 'existsAction'];
      if (action !== undefined && action !== '' && (inst.key === 'setheader' || inst.key === 'setqueryparameter')) {
        if (typeof action !== 'string' || !['override', 'skip', 'append'].includes(action)) {
          report({ ruleId: 'policy-exists-action', path: [...inst.path, 'parameters', P + 'existsAction'], target: 'value', message: `"existsAction" is ${JSON.stringify(action)}; use "override", "skip" or "append".` });
        }
      }
    }
  },
};

// --- Per-template parameters ---------------------------------------------------------------------

const isTrueFalse = (v: unknown) => v === 'true' || v === 'false' || v === true || v === false;

/** True when the value evaluates to an absolute URL: a scheme, or an expression that supplies one. */
function looksAbsoluteUrl(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s.trim()) || /^@/.test(s.trim());
}

/** Required parameters for which an empty string is a meaningful value. */
const EMPTY_IS_A_VALUE = new Set(['value', 'replacementString']);

const templateParams: Rule = {
  ids: [...Object.values(POLICY_TEMPLATES).map((t) => t.ruleId), 'policy-parameter-empty', 'policy-expression-syntax'],
  check(ctx) {
    const report = reporter(ctx);
    const def = ctx.index.definitionValue;
    for (const inst of instancesOf(ctx)) {
      const spec = inst.key ? POLICY_TEMPLATES[inst.key] : undefined;
      if (!spec) continue;
      const ruleId = spec.ruleId;
      const paramsPath = [...inst.path, 'parameters'];
      if (!inst.params) {
        report({ ruleId, path: inst.value.parameters === undefined ? inst.path : paramsPath, message: `${label(inst)} has no "parameters" object; the ${inst.key} template requires ${spec.required.map((r) => P + r).join(', ')}.` });
        continue;
      }
      const params = inst.params;
      const missing = spec.required.filter((r) => params[P + r] === undefined || params[P + r] === null);
      if (missing.length) {
        report({ ruleId, path: paramsPath, message: `${label(inst)} (${inst.key}) is missing required parameter${missing.length > 1 ? 's' : ''} ${missing.map((r) => `"${P + r}"`).join(', ')}.` });
      }
      // "" is the legacy "not set": accepted by Microsoft, so a required one is a warning (an empty
      // replacement or header value is a real value and not reported).
      for (const r of spec.required) {
        if (params[P + r] === '' && !EMPTY_IS_A_VALUE.has(r)) report({ ruleId: 'policy-parameter-empty', path: [...paramsPath, P + r], target: 'value', message: `${label(inst)} (${inst.key}) leaves the required parameter "${P + r}" empty, so the policy has nothing to work with; fill it in or remove the policy.` });
      }
      const at = (name: string): PathSegment[] => [...paramsPath, P + name];
      const str = (name: string) => (params[P + name] === '' ? undefined : params[P + name]);
      switch (inst.key) {
        case 'convertarraytoobject':
          if (str('retainKey') !== undefined && !isTrueFalse(str('retainKey'))) report({ ruleId, path: at('retainKey'), target: 'value', message: `"retainKey" must be "true" or "false".` });
          break;
        case 'dynamichosturl': {
          const url = str('urlTemplate');
          if (url !== undefined && (typeof url !== 'string' || (url !== '' && !looksAbsoluteUrl(url)))) {
            report({ ruleId, path: at('urlTemplate'), target: 'value', message: `"urlTemplate" ${JSON.stringify(url)} must be an absolute URL with scheme and host, e.g. "https://@connectionParameters('instance').example.com/api".` });
          }
          break;
        }
        case 'pollingtrigger': {
          const cfg = str('triggerConfig');
          if (cfg !== undefined && !isObject(cfg)) report({ ruleId, path: at('triggerConfig'), target: 'value', message: `"triggerConfig" must be an object mapping query parameter names to value expressions.` });
          const dp = str('triggerDataPath');
          if (dp !== undefined && typeof dp !== 'string') report({ ruleId, path: at('triggerDataPath'), target: 'value', message: `"triggerDataPath" must be a string expression such as "@triggerBody().value".` });
          if (inst.value.type !== undefined && inst.value.type !== 'PollingTrigger') report({ ruleId, path: [...inst.path, 'type'], target: 'value', message: `A pollingtrigger instance has "type": "PollingTrigger".` });
          const names = operationNames(inst);
          if (Array.isArray(names)) {
            names.forEach((n, i) => {
              const ops = typeof n === 'string' ? ctx.index.operationsById.get(n) : undefined;
              if (ops && ops.every((o) => o.operation['x-ms-trigger'] === undefined)) {
                report({ ruleId, path: [...paramsPath, OPERATION_NAME, i], target: 'value', message: `Operation "${n}" is polled by a pollingtrigger policy but has no "x-ms-trigger"; mark it as a trigger.` });
              }
            });
          }
          break;
        }
        case 'routerequesttoendpoint': {
          const m = str('httpMethod');
          const verbs = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', '@Request.OriginalHTTPMethod'];
          if (m !== undefined && (typeof m !== 'string' || !verbs.includes(m))) report({ ruleId, path: at('httpMethod'), target: 'value', message: `"httpMethod" ${JSON.stringify(m)} must be one of ${verbs.join(', ')}.` });
          const newPath = str('newPath');
          const names = operationNames(inst);
          if (typeof newPath === 'string' && Array.isArray(names)) {
            const vars = [...newPath.replace(/@[A-Za-z]+\([^)]*\)/g, '').matchAll(/\{([^{}]+)\}/g)].map((x) => x[1]);
            for (const n of names) {
              for (const op of typeof n === 'string' ? ctx.index.operationsById.get(n) ?? [] : []) {
                const declared = new Set<string>();
                for (const list of [op.pathItem.parameters, op.operation.parameters]) {
                  if (!Array.isArray(list)) continue;
                  for (const p of list) {
                    const resolved = isObject(p) && typeof p.$ref === 'string' && def ? resolveParam(def, p.$ref) : p;
                    if (isObject(resolved) && typeof resolved.name === 'string') declared.add(resolved.name);
                  }
                }
                for (const v of vars) {
                  if (!declared.has(v) && ![...declared].some((d) => d.toLowerCase() === v.toLowerCase())) {
                    report({ ruleId, path: at('newPath'), target: 'value', message: `"newPath" uses {${v}}, which is not a parameter of operation "${n}"; declare it on the operation or fix the name.` });
                  }
                }
              }
            }
          }
          break;
        }
        case 'setproperty': {
          // Learn: expressions in the value are wrapped in {...} and @body() is supported there; accepted
          // connectors also use @item() (each element under an array parent path). The value is only
          // evaluated at run time, so these are expression warnings, not a broken template.
          const v = str('propertyValuePathTemplate');
          if (typeof v !== 'string') break;
          for (const m of v.matchAll(/@([A-Za-z_]\w*)\s*\(/g)) {
            const wrapped = v[(m.index ?? 0) - 1] === '{';
            const fn = m[1].toLowerCase();
            if (fn !== 'body' && fn !== 'item') report({ ruleId: 'policy-expression-syntax', path: at('propertyValuePathTemplate'), target: 'value', message: `"propertyValuePathTemplate" uses @${m[1]}(); the set property template evaluates {@body()...} (and {@item()...} under an array) references in its value.` });
            else if (!wrapped) report({ ruleId: 'policy-expression-syntax', path: at('propertyValuePathTemplate'), target: 'value', message: `Wrap the expression in braces: "{@${m[1]}()...}"; without them the value is taken literally.` });
          }
          break;
        }
        case 'setvaluefromurl': {
          const m = str('httpMethod');
          if (m !== undefined && !(typeof m === 'string' && ['GET', 'POST', 'PUT'].includes(m))) report({ ruleId, path: at('httpMethod'), target: 'value', message: `"httpMethod" ${JSON.stringify(m)} must be GET, POST or PUT.` });
          break;
        }
        case 'setconnectionstatustounauthenticated': {
          const code = str('statusCode');
          const n = typeof code === 'number' ? code : typeof code === 'string' && /^\d+$/.test(code.trim()) ? Number(code) : NaN;
          if (code !== undefined && !(Number.isInteger(n) && n >= 100 && n <= 599)) report({ ruleId, path: at('statusCode'), target: 'value', message: `"statusCode" must be an integer HTTP status code such as 401.` });
          const caps = isObject(def) ? def['x-ms-capabilities'] : undefined;
          if (def && !(isObject(caps) && caps.testConnection !== undefined)) {
            report({ ruleId, path: inst.path, message: `${label(inst)} needs a test connection: add "x-ms-capabilities": { "testConnection": { "operationId": ... } } to the definition.` });
          }
          break;
        }
      }
    }
  },
};

function resolveParam(def: JsonObject, ref: string): unknown {
  const m = /^#\/parameters\/(.+)$/.exec(ref);
  return m && isObject(def.parameters) ? def.parameters[decodePointerToken(m[1])] : undefined;
}

export const rules: Rule[] = [templateIdKnown, policyTitle, parameterUnknown, operationNamesExist, sectionValid, ...expressionRules, templateParams];
