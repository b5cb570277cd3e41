import type { IncomingMessage } from 'node:http';

/**
 * A request's body, or undefined as soon as it passes the cap (the rest is drained, not
 * kept). Rejects when the request fails or closes before its end (a peer gone, or a caller
 * that cut it for being too slow), so a reader never waits for ever. Used by every local
 * endpoint that takes a body from outside: the IPN and notification receivers, the register.
 */
export function readCapped(request: IncomingMessage, cap: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > cap) {
      request.resume();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        request.removeAllListeners('data');
        request.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(size > cap ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
    // After 'end' this settles nothing (a promise settles once); before it, the body is lost.
    request.on('close', () => reject(new Error('the request closed before its body ended')));
  });
}
