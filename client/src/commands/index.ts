import type { CommandSpec } from './registry';
import { showOutput } from './showOutput';
import { restartServer } from './restartServer';
import { showReferences } from './showReferences';

export const COMMANDS: readonly CommandSpec[] = [showOutput, restartServer, showReferences];
