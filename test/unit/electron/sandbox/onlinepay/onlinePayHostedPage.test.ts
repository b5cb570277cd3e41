import { startOnlinePaySandbox, type OnlinePaySandbox } from '../../../../../electron/sandbox/onlinepay/onlinePaySandboxServer';
import { KEY, call, paymentBody, postForm, startCallbackReceiver, type CallbackReceiver } from './onlinePaySandboxHarness';

let sandbox: OnlinePaySandbox;
let receiver: CallbackReceiver;

beforeAll(async () => {
  receiver = await startCallbackReceiver();
  sandbox = await startOnlinePaySandbox({ privateKey: KEY, callbackUrl: receiver.url });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
afterEach(() => {
  sandbox.reset();
  receiver.bodies.length = 0;
});

async function createPayment(overrides: Record<string, unknown> = {}): Promise<{ token: string; processingUrl: string; orderNumber: string }> {
  const body = paymentBody(overrides);
  const reply = await call(sandbox.url, 'POST', '/api/v1/payments', body);
  return { token: reply.json.token, processingUrl: reply.json.processingUrl, orderNumber: String(body['orderNumber']) };
}
const page = async (path: string) => {
  const response = await fetch(sandbox.url + path, { redirect: 'manual' });
  return { status: response.status, html: await response.text(), location: response.headers.get('location'), type: response.headers.get('content-type') };
};
const status = async (token: string): Promise<string> => (await call(sandbox.url, 'GET', `/api/v1/payments/${token}`)).json.payment.status;
const card = (pan: string) => ({ pan, holder: 'Li Lei', expiry: '12/39', cvv: '123' });

describe('the checkout page', () => {
  it('shows product and amount, labels every control, and moves the payment to pending', async () => {
    const { token, processingUrl } = await createPayment({ product: 'Oolong <b>tea</b>', amount: 123456 });
    const response = await fetch(processingUrl);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('Oolong &lt;b&gt;tea&lt;/b&gt;');
    expect(html).toContain('1,234.56 CNY');
    expect(html).toMatch(/<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|src="http/);
    for (const id of ['pan', 'holder', 'expiry', 'cvv', 'phone']) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(`<input id="${id}"`);
    }
    expect(html).toContain(`action="/p/${token}/card"`);
    expect(html).toContain('Pay with OnlinePay wallet');
    expect(await status(token)).toBe('pending');
    await sandbox.notificationsIdle();
    expect(receiver.bodies).toEqual([expect.objectContaining({ token, type: 'pay', status: 'pending' })]);
  });

  it('shows JPY without decimals', async () => {
    const { token } = await createPayment({ currency: 'JPY', amount: 1500 });
    expect((await page(`/p/${token}`)).html).toContain('1,500 JPY');
  });

  it.each([
    ['zh', 'zh-Hans', '银行卡支付', '持卡人姓名'],
    ['jp', 'ja', 'カードで支払う', 'カード名義人'],
    ['en', 'en', 'Pay by card', 'Cardholder name'],
  ])('speaks the payment locale %s', async (locale, htmlLang, payByCard, holder) => {
    const { token } = await createPayment({ locale });
    const { html } = await page(`/p/${token}`);
    expect(html).toContain(`<html lang="${htmlLang}">`);
    expect(html).toContain(payByCard);
    expect(html).toContain(holder);
  });

  it('answers 404 for an unknown token, and the text\'s /p?token= form redirects to the page', async () => {
    expect((await page('/p/nope')).status).toBe(404);
    const { token } = await createPayment();
    expect(await page(`/p?token=${token}`)).toMatchObject({ status: 303, location: `/p/${token}` });
  });
});

describe('paying by card', () => {
  it('goes card form → 3-D Secure → approved, with a link back to the success URL', async () => {
    const { token, orderNumber } = await createPayment({ redirectSuccessUrl: 'https://shop.test/ok', redirectFailUrl: 'https://shop.test/fail' });
    const submitted = await postForm(sandbox.url, `/p/${token}/card`, card('4111 1111 1111 1111'));
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe(`/p/${token}/3ds`);
    expect(await status(token)).toBe('pending');

    const threeDS = await page(`/p/${token}/3ds`);
    expect(threeDS.html).toContain('Authentication successful');
    expect(threeDS.html).toContain('Authentication failed');
    expect(threeDS.html).toContain('•••• 1111');

    const done = await postForm(sandbox.url, `/p/${token}/3ds`, { outcome: 'success' });
    expect(done).toMatchObject({ status: 303 });
    expect(done.headers.get('location')).toBe(`/p/${token}`);
    expect(await status(token)).toBe('approved');
    const result = await page(`/p/${token}`);
    expect(result.html).toContain('Payment approved');
    expect(result.html).toContain('href="https://shop.test/ok"');

    await sandbox.notificationsIdle();
    expect(receiver.bodies).toEqual([
      { token, type: 'pay', status: 'pending', extraReturnParam: 'till 1', orderNumber },
      { token, type: 'pay', status: 'approved', extraReturnParam: 'till 1', orderNumber },
    ]);
  });

  it('declines when 3-D Secure fails, even with an approving card', async () => {
    const { token } = await createPayment({ redirectFailUrl: 'https://shop.test/fail' });
    await postForm(sandbox.url, `/p/${token}/card`, card('5555555555554444'));
    await postForm(sandbox.url, `/p/${token}/3ds`, { outcome: 'fail' });
    expect(await status(token)).toBe('declined');
    const result = await page(`/p/${token}`);
    expect(result.html).toContain('Payment declined');
    expect(result.html).toContain('href="https://shop.test/fail"');
  });

  it('declines the bank-declined test card after 3-D Secure succeeds', async () => {
    const { token } = await createPayment();
    await postForm(sandbox.url, `/p/${token}/card`, card('4000000000000002'));
    await postForm(sandbox.url, `/p/${token}/3ds`, { outcome: 'success' });
    expect(await status(token)).toBe('declined');
  });

  it.each([
    ['a Luhn-invalid number', { pan: '4111111111111112' }, 'The card number is not valid.'],
    ['a card that is not a test card', { pan: '4242424242424242' }, 'This card is not a sandbox test card.'],
    ['no cardholder', { holder: '' }, 'Enter the cardholder name.'],
    ['an expired card', { expiry: '01/20' }, 'Enter a valid expiry date as MM/YY.'],
    ['a month 13', { expiry: '13/39' }, 'Enter a valid expiry date as MM/YY.'],
    ['a short CVV', { cvv: '12' }, 'Enter the 3- or 4-digit security code.'],
  ])('shows the form again with an error for %s', async (_name, change, message) => {
    const { token } = await createPayment();
    const reply = await postForm(sandbox.url, `/p/${token}/card`, { ...card('4111111111111111'), ...change });
    expect(reply.status).toBe(422);
    expect(reply.text).toContain(`<p role="alert" id="problem">${message}</p>`);
    expect(reply.text).toContain('aria-describedby="problem"');
    expect(await status(token)).toBe('pending');
    expect((await page(`/p/${token}/3ds`)).status).toBe(303);
  });

  it('shows card errors in the payment locale', async () => {
    const { token } = await createPayment({ locale: 'zh' });
    expect((await postForm(sandbox.url, `/p/${token}/card`, card('1234'))).text).toContain('卡号无效。');
  });

  it('refuses to pay a payment twice', async () => {
    const { token } = await createPayment();
    sandbox.payByCard(token, { pan: '4111111111111111', threeDS: 'success' });
    const again = await postForm(sandbox.url, `/p/${token}/card`, card('4111111111111111'));
    expect(again.status).toBe(409);
    expect(again.text).toContain('This payment is already complete.');
    expect(sandbox.balance('CNY').available).toBe(1020);
  });
});

describe('paying with the OnlinePay wallet', () => {
  it('approves and hands the wallet token to the merchant in the notification', async () => {
    const { token, orderNumber } = await createPayment({ locale: 'jp' });
    await page(`/p/${token}`);
    const reply = await postForm(sandbox.url, `/p/${token}/wallet`, { phone: '+8613912345678' });
    expect(reply.status).toBe(303);
    expect(await status(token)).toBe('approved');
    expect((await page(`/p/${token}`)).html).toContain('お支払いが完了しました');
    await sandbox.notificationsIdle();
    const approved = receiver.bodies.find((b) => b.status === 'approved');
    expect(approved).toEqual({ token, type: 'pay', status: 'approved', extraReturnParam: 'till 1', orderNumber, walletDisplayName: '+86139****5678', walletToken: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(receiver.bodies.find((b) => b.status === 'pending')).not.toHaveProperty('walletToken');
  });

  it('gives the same wallet token to the same phone', async () => {
    const first = await createPayment();
    const second = await createPayment();
    const a = sandbox.payByWallet(first.token, { phone: '+8613700000001' });
    const b = sandbox.payByWallet(second.token, { phone: '+8613700000001' });
    expect(a.ok && b.ok && a.walletToken === b.walletToken).toBe(true);
  });
});

it('lets the customer cancel on the page', async () => {
  const { token } = await createPayment();
  expect((await postForm(sandbox.url, `/p/${token}/decline`, {})).status).toBe(303);
  expect(await status(token)).toBe('declined');
});

it('records a notification the receiver could not take, and carries on', async () => {
  sandbox.setCallbackUrl('http://127.0.0.1:9/closed');
  const { token } = await createPayment();
  sandbox.payByWallet(token);
  await sandbox.notificationsIdle();
  expect(sandbox.notifications).toEqual([
    expect.objectContaining({ delivered: false, error: expect.any(String), body: expect.objectContaining({ status: 'pending' }) }),
    expect.objectContaining({ delivered: false, error: expect.any(String), body: expect.objectContaining({ status: 'approved' }) }),
  ]);
  sandbox.setCallbackUrl(receiver.url);
});
