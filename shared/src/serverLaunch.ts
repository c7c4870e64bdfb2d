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
// Measured and rejected: `--compact-on-every-full-gc` (-35 MB while busy at no latency cost, but V8's
// memory reducer then no longer shrinks the heap once the server is idle: 175 MB idle against 143 MB).
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];
