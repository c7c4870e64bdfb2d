// How the language server process is started: the V8 flags every host passes when it spawns
// dist/server/server.js (the VS Code client, the LSP tests and `npm run bench`), so the bench
// measures the process users run. A forked test server no longer inherits the test runner's own
// flags (mocha's `--import tsx`).
//
// None, on measurement (issue 19, target 6; six largest corpus definitions open, Encodian edited in
// the middle, the servers' edits interleaved, 150 each, RSS read 200 ms after a full GC and again
// each second while idle):
// - `--max-semi-space-size=8` (V8's default young generation is 2 x 16 MB): -12 MB RSS while busy,
//   but edit-to-diagnostics median +15% (27.2 -> 31.3 ms); 2 cost the same, 4 raised the p90.
// - `--compact-on-every-full-gc`: -35 MB while busy at no latency cost, but V8's memory reducer then
//   no longer shrinks the heap once the server is idle: 175 MB idle against 143 MB without it.
// Without flags the server is at ~195-210 MB right after validating and at ~143 MB about 9 s after
// the last edit, when V8's memory reducer has run.
export const SERVER_EXEC_ARGV: readonly string[] = [];
