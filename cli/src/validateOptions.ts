// The options of `validate` (node:util parseArgs), shared by the command and by cli.ts, which reads
// them before the engine loads to decide whether to start a worker thread at once (workerStart.ts).
export const VALIDATE_OPTIONS = {
  format: { type: 'string', default: 'stylish' },
  profile: { type: 'string' },
  'max-warnings': { type: 'string' },
  config: { type: 'string' },
  'stdin-filename': { type: 'string' },
  threads: { type: 'string' },
  base: { type: 'string' },
} as const;
