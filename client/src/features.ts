// Feature modules activated after the language client is created. Each registers its own
// commands, views and listeners on the shared services; add one line per feature.
import type { ExtensionServices } from './services';
import { activateConnections } from './connections';
import { activatePostmanImport } from './postman';
import { activateTestOperation } from './testOperation';
import { activateLifecycle } from './lifecycle';

export type FeatureActivator = (services: ExtensionServices) => void | Promise<void>;

export const FEATURES: readonly FeatureActivator[] = [
  activateConnections,
  activatePostmanImport,
  activateTestOperation,
  activateLifecycle,
];
