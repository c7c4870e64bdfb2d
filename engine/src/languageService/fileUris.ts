// File paths <-> URIs, in one place. The server keys documents by the exact URI string the client
// sent and publishes on that string: clients encode file URIs differently (VS Code and vscode-uri
// encode `+ @ ( ) ! $ & ' * , ; = :`, Node's pathToFileURL, Neovim, Helix and others do not), and
// a client only shows diagnostics whose URI equals, byte for byte, the one it opened.
// A file the client has not opened (apiProperties.json beside an open definition) gets a URI
// derived from an opened sibling's string: same prefix, last segment encoded in the same style.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'vscode-uri';

/** The file-system path of a `file:` URI (any encoding style); undefined for other schemes or bad URIs. */
export function uriToPath(uri: string): string | undefined {
  if (!/^file:/i.test(uri)) return undefined;
  try {
    return URI.parse(uri).fsPath;
  } catch {
    return undefined;
  }
}

/** A file path for a string that is either a `file:` URI or already a path (the CLI passes paths). */
export function uriOrPathToPath(uriOrPath: string): string | undefined {
  if (/^file:/i.test(uriOrPath)) return uriToPath(uriOrPath);
  // Another scheme (untitled:, vscode-vfs://): no file path. Windows drive paths (C:\) are paths.
  return /^[a-z][a-z0-9+.-]+:(?![\\/])/i.test(uriOrPath) || /^[a-z][a-z0-9+.-]+:\/\//i.test(uriOrPath) ? undefined : uriOrPath;
}

/** The file name of a `file:` URI or a path. */
export function baseNameOf(uriOrPath: string): string {
  const p = uriOrPathToPath(uriOrPath);
  if (p !== undefined) return path.basename(p);
  // Another scheme: the decoded last segment.
  const clean = uriOrPath.split(/[?#]/)[0];
  const last = clean.slice(clean.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The URI of a path when no client URI is known to copy the style from (VS Code's encoding). */
export function pathToUri(fsPath: string): string {
  return URI.file(fsPath).toString();
}

type UriStyle = 'vscode' | 'node';

/**
 * Which encoder produces this exact URI string from its path. Where both do (no `+ @ ( )` in it),
 * Node's minimal spelling wins: VS Code parses and re-normalises every URI it receives, so it
 * matches either spelling, while most other clients compare the strings.
 */
function styleOf(uri: string, fsPath: string): UriStyle | undefined {
  try {
    if (pathToFileURL(fsPath).href === uri) return 'node';
  } catch {
    /* not a path Node can express */
  }
  if (URI.file(fsPath).toString() === uri) return 'vscode';
  return undefined;
}

function lastSegment(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/**
 * The URI of `fileName` in the folder of `siblingUri`, spelled like the sibling: the sibling's string
 * up to its last `/`, then the new name encoded the way the sibling's own encoder would encode it.
 */
export function siblingUri(siblingUriString: string, fileName: string): string {
  const siblingPath = uriToPath(siblingUriString);
  if (siblingPath === undefined || /[?#]/.test(siblingUriString)) return siblingPath === undefined ? siblingUriString : pathToUri(path.join(path.dirname(siblingPath), fileName));
  const target = path.join(path.dirname(siblingPath), fileName);
  const style = styleOf(siblingUriString, siblingPath);
  let segment: string;
  if (style === 'vscode') segment = lastSegment(URI.file(target).toString());
  else {
    // Node's WHATWG encoding is the minimal valid one: the safest guess for an unknown client.
    try {
      segment = lastSegment(pathToFileURL(target).href);
    } catch {
      segment = encodeURIComponent(fileName);
    }
  }
  return siblingUriString.slice(0, siblingUriString.lastIndexOf('/') + 1) + segment;
}

/** The folder part of a URI string (everything up to and including its last `/`). */
export function uriFolderPrefix(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}
