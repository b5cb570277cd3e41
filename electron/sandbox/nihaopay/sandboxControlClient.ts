import http from 'node:http';

/**
 * Talks to a running sandbox's control endpoints (the CLI's `qr pay` / `qr fail`).
 * Loopback only, like the sandbox: a control command must not carry the token elsewhere.
 */

export interface ControlReply {
  status: number;
  body: unknown;
}

const CONTROL_TIMEOUT_MS = 5_000;

export function isLoopbackUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost');
  } catch {
    return false;
  }
}

export function postControl(baseUrl: string, token: string, path: string, body?: unknown): Promise<ControlReply> {
  if (!isLoopbackUrl(baseUrl)) return Promise.reject(new Error('the sandbox URL must be http on loopback (127.0.0.1, [::1] or localhost)'));
  const text = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(path, baseUrl),
      {
        method: 'POST',
        agent: false,
        timeout: CONTROL_TIMEOUT_MS,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = raw;
          try {
            parsed = JSON.parse(raw);
          } catch {
            // Not JSON: kept as text for the message.
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`the sandbox did not answer within ${CONTROL_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(text);
  });
}
