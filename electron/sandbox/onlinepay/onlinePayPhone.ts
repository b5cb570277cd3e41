/**
 * What a customer's phone does with the payment page's QR, over HTTP like a browser:
 * open the page, post the card form, answer 3-D Secure (or cancel). Training's "Customer
 * pays by card" and "Card is declined" buttons use it, so the app learns the outcome only
 * the way it does in production: by looking the payment up.
 */

export type PhoneAction = { kind: 'card'; pan: string; threeDS: 'success' | 'fail' } | { kind: 'decline' };

/** A card number of the sandbox that pays, once 3-D Secure passes. */
export const TRAINING_CARD = '4111111111111111';

export interface PhoneResult {
  ok: boolean;
  /** The last page's status (200 on the result page). */
  status: number;
}

const TIMEOUT_MS = 5_000;

async function post(url: string, form: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
}

/** Acts on the page at `processingUrl` (the sandbox's own address: training only). */
export async function actOnPaymentPage(processingUrl: string, action: PhoneAction): Promise<PhoneResult> {
  const page = new URL(processingUrl);
  if (page.hostname !== '127.0.0.1' && page.hostname !== '[::1]' && page.hostname !== 'localhost') {
    // Never post a card anywhere but the built-in sandbox on this computer.
    return { ok: false, status: 0 };
  }
  const opened = await fetch(page, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  await opened.text();
  if (opened.status !== 200) return { ok: false, status: opened.status };
  if (action.kind === 'decline') {
    const declined = await post(`${page.href}/decline`, {});
    return { ok: declined.status === 303, status: declined.status };
  }
  const card = await post(`${page.href}/card`, { pan: action.pan, holder: 'TRAINING CUSTOMER', expiry: '12/30', cvv: '123' });
  if (card.status !== 303) return { ok: false, status: card.status };
  const threeDS = await post(`${page.href}/3ds`, { outcome: action.threeDS });
  return { ok: threeDS.status === 303, status: threeDS.status };
}
