// Reads a file as it was at a git revision (`git show <ref>:<path>`), for the breaking-change
// comparison of the CLI (`validate --base`) and the language server (connectorStudio.breakingChanges.base).
// Runs the user's `git` with arguments only (no shell), a refused-looking ref never reaches it,
// and the output and the time are bounded.
import { execFile } from 'node:child_process';
import { realpath as fsRealpath } from 'node:fs/promises';
import * as path from 'node:path';

export const GIT_MAX_BYTES = 64 * 1024 * 1024;
export const GIT_TIMEOUT_MS = 10_000;

export type GitShowResult = { ok: true; text: string } | { ok: false; reason: 'bad-ref' | 'not-a-repo' | 'missing' | 'too-large' | 'failed'; message: string };

/** A ref we pass to git: branch, tag, hash, HEAD~2, origin/main, @{u}; never an option look-alike, a path (":") or a space. */
export function isSafeRef(ref: string): boolean {
  return ref.length <= 256 && /^[A-Za-z0-9@][A-Za-z0-9._/@{}~^+-]*$/.test(ref) && !ref.includes('..');
}

function git(cwd: string, args: string[], maxBytes = GIT_MAX_BYTES): Promise<{ ok: true; stdout: string } | { ok: false; code?: string | number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: maxBytes, timeout: GIT_TIMEOUT_MS, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' } }, (err, stdout, stderr) => {
      if (err) resolve({ ok: false, code: (err as NodeJS.ErrnoException).code ?? undefined, stderr: String(stderr ?? '') });
      else resolve({ ok: true, stdout });
    });
  });
}

/** The work tree root holding `dir`, or undefined when it is not in a git repository (or git is missing). */
export async function gitToplevel(dir: string): Promise<string | undefined> {
  const r = await git(dir, ['rev-parse', '--show-toplevel'], 64 * 1024);
  return r.ok ? r.stdout.trim() : undefined;
}

/**
 * The base a branch is compared with by default: its merge base with origin/main when there is
 * one, else HEAD. Undefined outside a repository or before the first commit.
 */
export async function defaultBaseRef(dir: string): Promise<string | undefined> {
  const mb = await git(dir, ['merge-base', 'HEAD', 'origin/main'], 64 * 1024);
  if (mb.ok && /^[0-9a-f]{7,64}$/.test(mb.stdout.trim())) return mb.stdout.trim();
  const head = await git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD'], 64 * 1024);
  return head.ok ? 'HEAD' : undefined;
}

/** A short name of a revision for messages ("HEAD", "origin/main", or 7 hex digits of a hash). */
export function shortRef(ref: string): string {
  return /^[0-9a-f]{40,64}$/.test(ref) ? ref.slice(0, 7) : ref;
}

/** The text of `file` (absolute) at `ref`. */
export async function gitShowFile(file: string, ref: string, maxBytes = GIT_MAX_BYTES): Promise<GitShowResult> {
  if (!isSafeRef(ref)) return { ok: false, reason: 'bad-ref', message: `"${ref}" is not a git revision name Connector Studio passes to git.` };
  const dir = path.dirname(file);
  const top = await gitToplevel(dir);
  if (top === undefined) return { ok: false, reason: 'not-a-repo', message: `${dir} is not inside a git repository.` };
  // git prints the real path of the top; compare with the real path of the file's folder.
  const realDir = await realpath(dir);
  const rel = path.relative(top, path.join(realDir, path.basename(file))).split(path.sep).join('/');
  if (rel.startsWith('../') || path.isAbsolute(rel)) return { ok: false, reason: 'not-a-repo', message: `${file} is outside the repository ${top}.` };
  const verify = await git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], 64 * 1024);
  if (!verify.ok) return { ok: false, reason: 'bad-ref', message: `There is no revision "${ref}" in ${top}.` };
  const r = await git(top, ['show', `${ref}:${rel}`], maxBytes);
  if (r.ok) return { ok: true, text: r.stdout.replace(/^\uFEFF/, '') };
  if (r.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return { ok: false, reason: 'too-large', message: `${rel} at ${shortRef(ref)} is over the ${maxBytes}-byte read limit: not read.` };
  if (/does not exist|exists on disk, but not in/.test(r.stderr)) return { ok: false, reason: 'missing', message: `${rel} does not exist at ${shortRef(ref)}.` };
  return { ok: false, reason: 'failed', message: `git show ${shortRef(ref)}:${rel} failed: ${r.stderr.trim().split('\n')[0] ?? ''}` };
}

async function realpath(p: string): Promise<string> {
  try {
    return await fsRealpath(p);
  } catch {
    return p;
  }
}
