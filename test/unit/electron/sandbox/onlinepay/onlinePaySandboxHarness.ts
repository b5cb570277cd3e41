import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Helpers shared by the OnlinePay sandbox tests: JSON calls over real HTTP and a callback receiver. */

export const KEY = 'op-sandbox-test-key-4b1d';

export interface Reply {
  status: number;
  json: any;
  text: string;
  headers: Headers;
}

export async function call(base: string, method: string, path: string, body?: unknown, authorization: string | null = `Bearer ${KEY}`): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (authorization !== null) headers['authorization'] = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(base + path, { method, headers, body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), redirect: 'manual' });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}

/** Posts an HTML form as a phone's browser would, without following the redirect. */
export async function postForm(base: string, path: string, fields: Record<string, string>): Promise<Reply> {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: response.status, json: undefined, text: await response.text(), headers: response.headers };
}

let serial = 0;
export const nextOrderNumber = (): string => `${Date.now()}${String(++serial).padStart(4, '0')}`;

export function paymentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { product: 'Green tea', amount: 1020, currency: 'CNY', orderNumber: nextOrderNumber(), extraReturnParam: 'till 1', locale: 'en', ...overrides };
}

export interface CallbackReceiver {
  url: string;
  bodies: any[];
  close(): Promise<void>;
}

/** A merchant's callback endpoint on loopback that records every notification. */
export async function startCallbackReceiver(status = 200): Promise<CallbackReceiver> {
  const bodies: any[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
