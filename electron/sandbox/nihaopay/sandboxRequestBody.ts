import type { IncomingMessage } from 'node:http';

/** A scan request is a few hundred bytes; this is generous and still keeps memory bounded. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/** Body fields as text, the way a form sends them; the API rules judge the values. */
export type BodyFields = Record<string, string>;

export type BodyBytes = { ok: true; bytes: Buffer } | { ok: false; problem: 'too_large' };
export type BodyReading = { ok: true; fields: BodyFields } | { ok: false; problem: 'unparseable' };

/**
 * Reads the whole body. Past the limit it keeps draining without keeping, so the client
 * still gets an error reply instead of a reset connection.
 */
export function readRequestBody(request: IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<BodyBytes> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? { ok: false, problem: 'too_large' } : { ok: true, bytes: Buffer.concat(chunks) }));
    request.on('error', reject);
  });
}

/**
 * Accepts what NihaoPay's own examples and common clients send: form-urlencoded (curl -d),
 * JSON, and multipart/form-data with text fields. Any other content type binds no fields,
 * so the request fails on its first required field, as a form-binding server would.
 */
export async function parseBodyFields(contentType: string | undefined, bytes: Uint8Array): Promise<BodyReading> {
  if (bytes.length === 0) return { ok: true, fields: {} };
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mime === 'application/x-www-form-urlencoded') return { ok: true, fields: fromEntries(new URLSearchParams(Buffer.from(bytes).toString('utf8'))) };
  if (mime === 'application/json' || mime.endsWith('+json')) return parseJsonFields(bytes);
  if (mime === 'multipart/form-data') return parseMultipartFields(contentType ?? '', bytes);
  return { ok: true, fields: {} };
}

function parseJsonFields(bytes: Uint8Array): BodyReading {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return { ok: false, problem: 'unparseable' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'unparseable' };
  const fields: BodyFields = {};
  for (const [name, field] of Object.entries(value)) {
    // Numbers keep their JSON spelling, so 12.34 stays "12.34" and fails the integer rule.
    if (typeof field === 'string') fields[name] = field;
    else if (typeof field === 'number' || typeof field === 'boolean') fields[name] = String(field);
    else if (field !== null && field !== undefined) fields[name] = JSON.stringify(field);
  }
  return { ok: true, fields };
}

/** Node's own multipart parser (undici, behind Response.formData) handles boundaries and quoting. */
async function parseMultipartFields(contentType: string, bytes: Uint8Array): Promise<BodyReading> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return { ok: false, problem: 'unparseable' };
  }
  const entries: Array<[string, string]> = [];
  for (const [name, value] of form.entries()) {
    // File parts are not text fields; NihaoPay has none, so they are ignored.
    if (typeof value === 'string') entries.push([name, value]);
  }
  return { ok: true, fields: fromEntries(entries) };
}

/** The first value of a repeated field wins, so a later duplicate cannot override it. */
function fromEntries(entries: Iterable<[string, string]>): BodyFields {
  const fields: BodyFields = {};
  for (const [name, value] of entries) {
    if (!Object.prototype.hasOwnProperty.call(fields, name)) fields[name] = value;
  }
  return fields;
}
