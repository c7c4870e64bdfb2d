// How the language server process is started: the V8 flags every host passes when it spawns
// dist/server/server.js (the VS Code client, the LSP tests and `npm run bench`), so the bench
// measures the process users run. A forked test server no longer inherits the test runner's own
// flags (mocha's `--import tsx`).
//
// A young generation of 2 x 4 MB instead of V8's default 2 x 16 MB (issue 19, target 6), on
// measurement (six largest corpus definitions open, Encodian edited in the middle):
// - with the trees of documents not in use let go (engine DocumentCache), RSS after opening the six
//   is 114-116 MB with this flag against 135-141 MB without, and 143-148 MB while editing against
//   172-178 MB (read after a full GC once RSS stops falling);
// - its cost, two servers edited in turn (110 edits each, one run each): edit-to-diagnostics median
//   +7% (25.7 -> 27.5 ms, 25.9 -> 27.8 ms), p90 +8-13%. 2 x 8 MB cost as much and saved less.
// And `--compact-on-every-full-gc`: a full GC moves the live objects out of every fragmented page
// instead of at most a few MB of them. Each version of an edited file promotes megabytes of
// short-lived objects, so after a GC the old space was half empty pages (old space 71-97 MB reserved
// for 41 MB live). Two servers edited in turn (issue 19, target 6; open documents already building
// no text per keystroke): RSS after a forced GC right after the edits with completion and hover
// 136-137 MB against 166-185 MB, old space 42/41 MB against 71-91/41; edit-to-diagnostics median
// 23.0 vs 24.3 ms and 23.0 vs 25.1 ms (no cost: full GCs are rare while editing). Once idle, V8's
// memory reducer still shrinks the heap (bench: 135 -> 126 MB). It was rejected before the open
// documents stopped making a 2 MB text per keystroke (idle 175 MB against 143 then).
// Measured and rejected: `--max-old-space-size=1400` / `1700` (V8 then grows the heap by at most
// ~1.75x / ~1.85x between full GCs instead of 4x: peak RSS 191-198 MB against 319-340 MB, but
// edit-to-diagnostics median +4 to +9% / +6%, over the 5% allowed).
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4', '--compact-on-every-full-gc'];
