// Finds pac/paconn on PATH and runs them, streaming output line by line. No vscode import:
// unit tests run it against recording stand-in scripts.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeployCommand, DeployTool } from '../../../shared/src/lifecycle/deploy';

export function findOnPath(tool: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase()) : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const file = path.join(dir, tool + ext);
      try {
        const st = fs.statSync(file);
        if (st.isFile() && (process.platform === 'win32' || (st.mode & 0o111) !== 0)) return file;
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}

/** The tools available, pac first (Microsoft's current CLI), then paconn. */
export function availableTools(env: NodeJS.ProcessEnv = process.env): { tool: DeployTool; path: string }[] {
  const out: { tool: DeployTool; path: string }[] = [];
  for (const tool of ['pac', 'paconn'] as const) {
    const p = findOnPath(tool, env);
    if (p) out.push({ tool, path: p });
  }
  return out;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  onLine: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Aborts the child (Cancel in the progress notification). */
  signal?: AbortSignal;
}

export interface RunResult {
  exitCode: number | null;
  /** Set when the process could not start. */
  error?: string;
  cancelled: boolean;
}

export function runDeployCommand(executable: string, cmd: DeployCommand, opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    // shell: false keeps arguments exactly as built (no quoting issues, no injection).
    const child = spawn(executable, cmd.args, { cwd: opts.cwd, env: opts.env ?? process.env, shell: false, windowsHide: true, signal: opts.signal });
    let cancelled = false;
    const pipe = (stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr') => {
      if (!stream) return;
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => {
        buf += d;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          opts.onLine(buf.slice(0, i).replace(/\r$/, ''), name);
          buf = buf.slice(i + 1);
        }
      });
      stream.on('end', () => buf && opts.onLine(buf, name));
    };
    pipe(child.stdout, 'stdout');
    pipe(child.stderr, 'stderr');
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.name === 'AbortError') cancelled = true;
      else resolve({ exitCode: null, error: e.message, cancelled });
    });
    child.on('close', (code) => resolve({ exitCode: code, cancelled }));
  });
}
