// connector-studio: the command-line entry. Thin: a command table, each command loaded on use.
// To add a command: one entry below (name -> its module, loaded on use, and its function returning
// the exit code), the implementation in its own file.
// The build (esbuild.mjs) makes every module this table imports a bundle of its own
// (dist/cli/x.js), so starting one command compiles only that command's code.
import { isUsageError, USAGE, UsageError } from './usage';
import * as path from 'node:path';
import { preferShortRunTiering } from './jitBudget';
import { startWorkerEarly } from './workerStart';

/** Loads a command (given its arguments, for the little it may start early) and returns its entry. */
type Command = (argv: string[]) => Promise<(argv: string[]) => Promise<number>>;

const COMMANDS: Record<string, Command> = {
  // Before the bundle is loaded: its V8 code cache is made and read under the same flags.
  validate: async (argv) => {
    preferShortRunTiering();
    // A worker thread the run will use starts loading now, alongside the main thread (workerStart.ts).
    const early = startWorkerEarly(argv, path.join(__dirname, 'cli', 'validateWorker.js'));
    const { runValidate } = await import('./validateCommand');
    return (args) => runValidate(args, early);
  },
  'import-postman': async () => (await import('./importPostman')).importPostmanCommand,
  'import-openapi': async () => (await import('./importOpenApi')).importOpenApiCommand,
  mcp: async () => (await import('./mcpCommand')).mcpCommand,
  diff: async () => (await import('./diffCommand')).runDiff,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const load = command !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (load) return (await load(rest))(rest);
  switch (command) {
    case '--version':
    case '-v':
      process.stdout.write(`${CLI_VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

declare const __CLI_VERSION__: string | undefined;
const CLI_VERSION = typeof __CLI_VERSION__ === 'string' ? __CLI_VERSION__ : '0.0.0-dev';

// A reader that stops early (`validate … | head -1`) closes the pipe: the rest of the output has
// nowhere to go, which is not an error of ours. Other stream errors are reported without a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return;
    process.exitCode = 2;
    if (stream !== process.stderr) process.stderr.write(`connector-studio: cannot write the output: ${e.message}\n`);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (isUsageError(e)) {
      process.stderr.write(`connector-studio: ${e.message}\n\n${USAGE}`);
    } else {
      process.stderr.write(`connector-studio: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    }
    process.exitCode = 2;
  },
);
