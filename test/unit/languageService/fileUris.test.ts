// fileUris: the one place that maps client URIs and file paths. Checked against the two
// independent encoders real clients use (Node's pathToFileURL and vscode-uri).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'vscode-uri';
import { baseNameOf, siblingUri, uriOrPathToPath, uriToPath } from '../../../engine/src/languageService/fileUris';

const FOLDERS = ['/tmp/my connectors', '/tmp/c++ (v2)', '/tmp/@contoso', '/tmp/issue#15', '/tmp/100% %25 done', '/tmp/Café ü 日本', "/tmp/a'b;c=d,e&f$g!h~i*[j]"];
const NAMES = ['apiProperties.json', 'script.csx', 'my+api (2)@v#1 %20é.swagger.json'];

describe('fileUris', () => {
  it('decodes a URI of either spelling to the same path', () => {
    for (const folder of FOLDERS) {
      const p = path.join(folder, 'apiDefinition.swagger.json');
      assert.equal(uriToPath(pathToFileURL(p).href), p);
      assert.equal(uriToPath(URI.file(p).toString()), p);
    }
  });

  it('spells a sibling the way the client spelled the opened file (pathToFileURL and vscode-uri)', () => {
    let distinct = 0;
    for (const folder of FOLDERS) {
      for (const name of NAMES) {
        const opened = path.join(folder, 'apiDefinition.swagger.json');
        const target = path.join(folder, name);
        const label = `${folder} / ${name}`;
        const fromNode = siblingUri(pathToFileURL(opened).href, name);
        assert.equal(fromNode, pathToFileURL(target).href, `${label} (pathToFileURL)`);
        const vscodeOpened = URI.file(opened).toString();
        const fromVscode = siblingUri(vscodeOpened, name);
        assert.equal(uriToPath(fromVscode), target, label);
        // VS Code's client parses every URI it receives (Uri.parse) and compares normalised forms.
        assert.equal(URI.parse(fromVscode).toString(), URI.file(target).toString(), `${label} (vscode-uri, normalised)`);
        // Where the opened URI shows the vscode-uri spelling, the sibling has it byte for byte too.
        if (vscodeOpened !== pathToFileURL(opened).href) {
          distinct++;
          assert.equal(fromVscode, URI.file(target).toString(), `${label} (vscode-uri)`);
        }
      }
    }
    assert.ok(distinct >= 3 * NAMES.length, `folders that the two encoders spell differently: ${distinct / NAMES.length}`);
  });

  it('keeps the folder part of the client string as sent (other hex case, Windows drive spelling)', () => {
    assert.equal(siblingUri('file:///tmp/caf%c3%a9/apiDefinition.swagger.json', 'apiProperties.json'), 'file:///tmp/caf%c3%a9/apiProperties.json');
    assert.equal(siblingUri('file:///c%3A/Users/me/a%2Bb/apiDefinition.swagger.json', 'apiProperties.json'), 'file:///c%3A/Users/me/a%2Bb/apiProperties.json');
    assert.equal(siblingUri('file:///C:/Users/me/a+b/apiDefinition.swagger.json', 'apiProperties.json'), 'file:///C:/Users/me/a+b/apiProperties.json');
    assert.equal(uriToPath('file:///tmp/caf%c3%a9/x.json'), '/tmp/café/x.json');
  });

  it('takes CLI paths as paths: # and % are characters of the name, not URI syntax', () => {
    assert.equal(baseNameOf('/tmp/issue#15/my#api %20.swagger.json'), 'my#api %20.swagger.json');
    assert.equal(baseNameOf(pathToFileURL('/tmp/issue#15/my#api %20.swagger.json').href), 'my#api %20.swagger.json');
    assert.equal(uriOrPathToPath('/tmp/100%25/x.json'), '/tmp/100%25/x.json');
    assert.equal(uriOrPathToPath('untitled:Untitled-1'), undefined);
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
    assert.equal(uriToPath('https://example.com/x.json'), undefined);
  });
});
