// Public surface of the OpenAPI 3.0/3.1 (and Swagger 2.0) import. Pure: the host passes the text
// and, for external $refs and OpenID Connect discovery documents, a reader.
import { isRecord } from './context';
import { bundleExternalRefs, type RefReader } from './bundle';
import { convertOpenApiDocument, type OpenApiConvertOptions, type OpenApiConvertResult } from './convert';
import { parseSourceText } from './parse';

export { convertOpenApiDocument, type OpenApiConvertOptions, type OpenApiConvertResult } from './convert';
export { formatOpenApiReport, type OpenApiReport, type Meter, type DroppedOperation } from './report';
export { parseSourceText, MAX_SOURCE_CHARS } from './parse';
export { bundleExternalRefs, resolveLocation, type RefReader } from './bundle';

export interface ImportOpenApiOptions extends Omit<OpenApiConvertOptions, 'discovery' | 'sourceUrl'> {
  /** File name or URL of the source (for messages, relative refs and relative server URLs). */
  location: string;
  /** Reads referenced documents and OpenID discovery documents; without it they are reported, not read. */
  read?: RefReader;
}

/** Parses, bundles external refs, reads OpenID discovery documents, converts. Never throws. */
export async function importOpenApi(text: string, options: ImportOpenApiOptions): Promise<OpenApiConvertResult> {
  const parsed = parseSourceText(text, options.location);
  if (!parsed.ok) return { ok: false, error: { message: parsed.message, where: parsed.where } };
  if (!isRecord(parsed.value)) return { ok: false, error: { message: 'Not an OpenAPI document: the file must hold an object.', where: options.location } };
  let value = parsed.value;
  const notes: { ref: string; message: string }[] = [];
  const discovery = new Map<string, unknown>();
  if (options.read) {
    try {
      const bundled = await bundleExternalRefs(value, options.location, options.read);
      value = bundled.value;
      for (const p of bundled.problems) notes.push({ ref: p.ref, message: `${p.message} (in ${p.where})` });
    } catch (e) {
      return { ok: false, error: { message: `External references could not be bundled: ${(e as Error).message}`, where: options.location } };
    }
    const schemes = isRecord(value.components) && isRecord(value.components.securitySchemes) ? value.components.securitySchemes : {};
    for (const s of Object.values(schemes)) {
      if (!isRecord(s) || s.type !== 'openIdConnect' || typeof s.openIdConnectUrl !== 'string') continue;
      try {
        const t = await options.read(s.openIdConnectUrl);
        if (t !== undefined && t.length < 1_000_000) discovery.set(s.openIdConnectUrl, JSON.parse(t));
      } catch {
        /* offline or not JSON: the URLs are left for the user (reported) */
      }
    }
  }
  const result = convertOpenApiDocument(value, { ...options, sourceUrl: options.location, discovery });
  if (result.ok) {
    for (const n of notes) result.report.entries.push({ severity: 'warning', code: 'ref-external', message: `External $ref ${n.ref} was not bundled: ${n.message}.` });
  }
  return result;
}
