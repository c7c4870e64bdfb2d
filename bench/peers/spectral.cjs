// Fresh-process peer of `connector-studio validate`: Spectral's `oas` ruleset over the given files,
// one after the other, as `spectral lint` does (spectral-core + spectral-rulesets, no CLI package).
const fs = require('node:fs');
const { Document, Spectral } = require('@stoplight/spectral-core');
const Parsers = require('@stoplight/spectral-parsers');
const { oas } = require('@stoplight/spectral-rulesets');

(async () => {
  const spectral = new Spectral();
  spectral.setRuleset(oas);
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    const text = fs.readFileSync(file, 'utf8');
    findings += (await spectral.run(new Document(text, /\.ya?ml$/i.test(file) ? Parsers.Yaml : Parsers.Json, file))).length;
  }
  process.stdout.write(`${findings}\n`);
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exitCode = 2;
});
