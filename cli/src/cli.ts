// connector-studio: the command-line entry. Thin: argument dispatch over the shared engine.
import { runValidate } from './validateCommand';
import { USAGE, UsageError } from './usage';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return runValidate(rest);
    case 'import-postman': {
      const { importPostmanCommand } = await import('./importPostman');
      return importPostmanCommand(rest);
    }
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
    if (e instanceof UsageError) {
      process.stderr.write(`connector-studio: ${e.message}\n\n${USAGE}`);
    } else {
      process.stderr.write(`connector-studio: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    }
    process.exitCode = 2;
  },
);
