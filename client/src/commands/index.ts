import type { CommandSpec } from './registry';
import { showOutput } from './showOutput';
import { restartServer } from './restartServer';

export const COMMANDS: readonly CommandSpec[] = [showOutput, restartServer];
