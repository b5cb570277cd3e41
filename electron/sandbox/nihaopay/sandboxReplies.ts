import { nihaoPayErrorByLabel } from '../../../shared/gateway/nihaopay/nihaopayErrors';
import { writeCsv } from '../../../shared/csv/csv';

/** What an endpoint answers: a status and a JSON body, or text of a content type (the CSV downloads). */
export interface ApiReply {
  status: number;
  body: unknown;
  /** Set for non-JSON replies; the body is then a string sent as is. */
  contentType?: string;
}

/** An error object `{code, label, message}` with the catalogue's status and message. */
export function errorReply(label: string, field?: string): ApiReply {
  const entry = nihaoPayErrorByLabel(label);
  if (!entry) throw new Error(`no NihaoPay error with label ${label}`);
  const message = field === undefined ? entry.message : entry.message.replace('{0}', field);
  return { status: entry.httpStatus, body: { code: entry.httpStatus, label: entry.label, message } };
}

export function okReply(body: unknown): ApiReply {
  return { status: 200, body };
}

export function csvReply(text: string): ApiReply {
  return { status: 200, body: text, contentType: 'text/csv; charset=utf-8' };
}

/** A CSV file as NihaoPay sends it (RFC 4180, CRLF), written by the one CSV writer: the gateway's data as it is, no formula guard. */
export function csvText(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return writeCsv([header, ...rows], { formulaSafe: false });
}
