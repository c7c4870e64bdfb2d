// Fresh-process peer of `connector-studio validate`: @apidevtools/swagger-parser's validate (schema
// and $refs) over the given JSON files, one after the other.
const fs = require('node:fs');
const SwaggerParser = require('@apidevtools/swagger-parser');

(async () => {
  let invalid = 0;
  for (const file of process.argv.slice(2)) {
    try {
      await SwaggerParser.validate(JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')));
    } catch {
      invalid++;
    }
  }
  process.stdout.write(`${invalid}\n`);
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exitCode = 2;
});
