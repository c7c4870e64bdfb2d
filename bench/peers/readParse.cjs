// The baseline of the CLI's throughput: what node alone needs to read and JSON.parse the JSON files
// under the given files and folders (recursively), in one fresh process, one thread.
const fs = require('node:fs');
const path = require('node:path');

let files = 0;
let bytes = 0;
const visit = (p) => {
  if (fs.statSync(p).isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name));
  } else if (p.endsWith('.json')) {
    const data = fs.readFileSync(p);
    bytes += data.length;
    const text = data.toString('utf8');
    try {
      JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      /* counted all the same: it was read and parsed */
    }
    files++;
  }
};
for (const p of process.argv.slice(2)) visit(p);
process.stdout.write(`${files} ${bytes}\n`);
