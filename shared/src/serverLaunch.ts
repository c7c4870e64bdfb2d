// How the language server process is started: the V8 flags every host passes when it spawns
// dist/server/server.js (the VS Code client, the LSP tests and `npm run bench`), so the bench
// measures the process users run (issue 19, target 6: RSS with the six largest open).
//
// Measured with the six largest corpus definitions open, 120 edits of Encodian interleaved between
// two servers (one with the flags, one without), RSS read 300 ms after a full GC:
// - `--compact-on-every-full-gc`: a full GC also compacts, so the old-generation pages left sparse
//   by the trees of replaced versions are given back instead of waiting for V8's idle memory reducer
//   (about 10 s without allocation): 242 -> 187 MB, edit-to-diagnostics median 28 / 28 ms.
// - `--max-semi-space-size=8`: V8 lets the young generation grow to 2 x 16 MB; the documents live in
//   the old generation, so 2 x 8 MB is enough: with the flag above 237 -> 170 MB, median 34 / 34 ms.
//   4 saves 8 MB more but its p90 was 54 against 43 ms, 2 cost 13% of the median (31 -> 35 ms).
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=8', '--compact-on-every-full-gc'];
