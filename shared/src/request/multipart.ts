/**
 * multipart/form-data (RFC 7578) for formData parameters: the parts go into a standard FormData
 * and form-data-encoder writes the body (WHATWG escaping of names, CRLF normalisation of values).
 * The body is built synchronously because the request is shown, redacted and copied before it is
 * sent; file bytes are already in memory.
 */
import { randomBytes } from 'node:crypto';
import { FormDataEncoder } from 'form-data-encoder';

export interface MultipartPart {
  name: string;
  value: string | Uint8Array;
  filename?: string;
  contentType?: string;
}

export function encodeMultipart(parts: MultipartPart[], boundary = `----ConnectorStudio${randomBytes(12).toString('hex')}`): {
  body: Uint8Array;
  contentType: string;
} {
  const form = new FormData();
  for (const part of parts) {
    if (part.filename === undefined && typeof part.value === 'string') form.append(part.name, part.value);
    else form.append(part.name, new Blob([typeof part.value === 'string' ? part.value : new Uint8Array(part.value)], { type: part.contentType ?? '' }), part.filename ?? part.name);
  }
  // The encoder yields file entries as File objects (read asynchronously); their bytes are ours,
  // in the same order as the form's entries.
  const fileBytes = new Map<unknown, Uint8Array>();
  let i = 0;
  for (const [, value] of form.entries()) {
    const part = parts[i++]!;
    if (typeof value !== 'string') fileBytes.set(value, typeof part.value === 'string' ? new TextEncoder().encode(part.value) : part.value);
  }
  const encoder = new FormDataEncoder(form, boundary);
  const chunks: Uint8Array[] = [];
  for (const chunk of encoder.values()) {
    const bytes = chunk instanceof Uint8Array ? chunk : fileBytes.get(chunk);
    if (!bytes) throw new Error('multipart: a file part has no bytes');
    chunks.push(bytes);
  }
  const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return { body, contentType: encoder.contentType };
}
