// Every rule family, in catalogue order. Each family file exports `rules`.
import type { Rule } from './types';
import { rules as unusedDefinitions } from './unusedDefinitions';
import { rules as wellFormedness } from './wellFormedness';
import { rules as swaggerStructure } from './swaggerStructure';
import { rules as swaggerHost } from './swaggerHost';
import { rules as swaggerSchema } from './swaggerSchema';
import { rules as references } from './references';
import { rules as schemaKeywords } from './schemaKeywords';
import { rules as operations } from './operations';
import { rules as paths } from './paths';
import { rules as parameters } from './parameters';
import { rules as responses } from './responses';
import { rules as xmsExtensions } from './xmsExtensions';
import { rules as mcpConnector } from './mcpConnector';
import { rules as dynamicExtensions } from './dynamicExtensions';
import { rules as dynamicShapes } from './dynamicShapes';
import { rules as triggersWebhooks } from './triggersWebhooks';
import { rules as security } from './security';
import { rules as securityDefinitions } from './securityDefinitions';
import { rules as securityOAuth } from './securityOAuth';
import { rules as policyTemplates } from './policyTemplates';
import { rules as certification } from './certification';
import { rules as sizeLimits } from './sizeLimits';
import { rules as script } from './script';

export const ALL_RULES: readonly Rule[] = [
  ...unusedDefinitions,
  ...wellFormedness,
  ...swaggerStructure,
  ...swaggerHost,
  ...swaggerSchema,
  ...references,
  ...schemaKeywords,
  ...operations,
  ...paths,
  ...parameters,
  ...responses,
  ...xmsExtensions,
  ...mcpConnector,
  ...dynamicExtensions,
  ...dynamicShapes,
  ...triggersWebhooks,
  ...security,
  ...securityDefinitions,
  ...securityOAuth,
  ...policyTemplates,
  ...certification,
  ...sizeLimits,
  ...script,
];
