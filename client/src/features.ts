// Feature modules activated after the language client is created. Each registers its own
// commands, views and listeners on the shared services; add one line per feature.
import type { ExtensionServices } from './services';

export type FeatureActivator = (services: ExtensionServices) => void | Promise<void>;

export const FEATURES: readonly FeatureActivator[] = [];
