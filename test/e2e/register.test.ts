import { SAMPLE_PAYMENT_CODES } from '../../shared/payments/vendors';
import { createFileSecretStore } from '../../electron/services/settings/secretStore';
import { startPos, type PosHarness } from './fixtures/posHarness';
import { abortRequest, paymentRequest, registerFor, REGISTER_SETTINGS, SECURITY_KEY, nextServiceId, reversalRequest, statusRequest, type Register } from './fixtures/adyenRegister';
import type { AppSnapshot } from '../../shared/bridge/contract';
import https from 'node:https';
import { encryptNexoRequest } from '../../electron/services/register/nexoCrypto';
import fs from 'node:fs';
import path from 'node:path';
import { createPosApp } from '../../electron/app/posApp';
import { createConfBackend } from '../../electron/services/settings/confBackend';
import { makeTempDir } from '../fixtures/tempDir';

/**
 * A cash register built for Adyen's local integration takes payments through Counterpay:
 * the public @adyen/api-library is the register, the built-in NihaoPay and OnlinePay
 * sandboxes are the gateways, and the app is the real one (settings, journal, checkout).
 */
describe('register integration (nexo Terminal API)', () => {
  let pos: PosHarness;
  let register: Register;

  const start = async (settings: Record<string, unknown> = {}) => {
    pos = await startPos({}, { settings: { register: REGISTER_SETTINGS, refundsNeedPin: false, ...settings } });
    createFileSecretStore(pos.dataDir).setRegisterPassphrase(SECURITY_KEY.Passphrase);
    register = await registerFor(pos);
  };
  afterEach(async () => {
    await pos?.close();
  });

  const scanRequests = () => pos.app.sandbox!.requests.filter((r) => r.path === '/v1.2/transactions/scanqrcode');
  const snapshotWhen = async (predicate: (snapshot: AppSnapshot) => boolean, timeoutMs = 15_000) => {
    await expect.poll(() => predicate(pos.app.snapshot()), { timeout: timeoutMs, interval: 20 }).toBe(true);
    return pos.app.snapshot();
  };
  const waitingForCode = () => snapshotWhen((s) => s.checkout.phase === 'awaitingScan' && s.registerSale !== undefined);
  const scan = (code = SAMPLE_PAYMENT_CODES.alipay) => pos.app.call('simulateScan', { code, mode: 'pos' });
  // The library's models type everything; the tests read the answer as JSON.
  type Json = Record<string, any>;

  it('takes a payment by wallet scan: the cashier sees the register sale, the register gets the result and a receipt', async () => {
    await start();
    const pending = register.plain.request(paymentRequest('REG-TX-1', 12.34) as never) as Promise<Json>;
    const shown = await waitingForCode();
    expect(shown.registerSale).toMatchObject({ saleId: 'REGISTER1', saleTransactionId: 'REG-TX-1', amount: 1234, currency: 'USD' });
    expect(shown.checkout).toMatchObject({ phase: 'awaitingScan', sale: { amount: 1234, currency: 'USD' } });
    await scan();
    const response = (await pending).SaleToPOIResponse;
    expect(response.MessageHeader).toMatchObject({ MessageType: 'Response', MessageCategory: 'Payment', SaleID: 'REGISTER1' });
    const payment = response.PaymentResponse;
    expect(payment.Response.Result).toBe('Success');
    const row = pos.app.journal.recent(1)[0]!;
    expect(row).toMatchObject({ state: 'success', amount: 1234, vendor: 'alipay' });
    expect(payment.POIData.POITransactionID.TransactionID).toBe(row.reference);
    expect(payment.PaymentResult.AmountsResp).toMatchObject({ AuthorizedAmount: 12.34, Currency: 'USD' });
    expect(payment.Response.AdditionalResponse).toContain('paymentMethod=alipay');
    expect(payment.SaleData.SaleTransactionID.TransactionID).toBe('REG-TX-1');
    const lines = payment.PaymentReceipt[0].OutputContent.OutputText.map((t: Json) => t.Text);
    expect(lines).toEqual(expect.arrayContaining(['Amount 12.34 USD', `Reference ${row.reference}`, 'APPROVED']));
    expect(scanRequests()).toHaveLength(1);
    expect(pos.app.journal.auditLog(20).some((entry) => entry.action === 'register.request' && entry.detail?.includes('Payment SaleID=REGISTER1'))).toBe(true);
  });

  it('works encrypted (TerminalLocalAPI trusting only the exported CA), and refuses a wrong key with 401 crypto error', async () => {
    await start({ register: { ...REGISTER_SETTINGS, allowUnencryptedOnLoopback: false } });
    const pending = register.secure.request(paymentRequest('REG-ENC-1', 5.0) as never, SECURITY_KEY as never) as Promise<Json>;
    await waitingForCode();
    await scan(SAMPLE_PAYMENT_CODES.wechatpay);
    const response = (await pending).SaleToPOIResponse;
    expect(response.PaymentResponse.Response.Result).toBe('Success');
    expect(response.PaymentResponse.PaymentResult.AmountsResp.AuthorizedAmount).toBe(5);
    // Unencrypted is refused when the setting does not allow it.
    await expect(register.plain.request(paymentRequest('REG-ENC-2', 1) as never)).rejects.toThrow(/crypto error \(8\)/);
    await expect(register.secure.request(paymentRequest('REG-ENC-3', 1) as never, { ...SECURITY_KEY, KeyIdentifier: 'SomeoneElse' } as never)).rejects.toThrow(/Nexo Service: crypto error \(2\)/);
    await expect(register.secure.request(paymentRequest('REG-ENC-4', 1) as never, { ...SECURITY_KEY, Passphrase: 'wrong' } as never)).rejects.toThrow(/Nexo Service: crypto error \([45]\)/);
    expect(scanRequests()).toHaveLength(1);
  });

  it('refuses a second request while a sale is in progress with Busy, and a paid SaleTransactionID charges nothing again', async () => {
    await start();
    const first = register.plain.request(paymentRequest('REG-DUP-1', 2.5) as never) as Promise<Json>;
    await waitingForCode();
    const busy = (await register.plain.request(paymentRequest('REG-OTHER', 3) as never)) as Json;
    expect(busy.SaleToPOIResponse.PaymentResponse.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'Busy' });
    await scan();
    const paid = (await first).SaleToPOIResponse.PaymentResponse;
    expect(paid.Response.Result).toBe('Success');
    const again = ((await register.plain.request(paymentRequest('REG-DUP-1', 2.5) as never)) as Json).SaleToPOIResponse.PaymentResponse;
    expect(again.Response.Result).toBe('Success');
    expect(again.POIData.POITransactionID.TransactionID).toBe(paid.POIData.POITransactionID.TransactionID);
    expect(pos.app.snapshot().checkout.phase).not.toBe('awaitingScan');
    expect(scanRequests()).toHaveLength(1);
  });

  it('a declined payment answers Failure/Refusal', async () => {
    await start();
    const pending = register.plain.request(paymentRequest('REG-DECLINE', 10.51) as never) as Promise<Json>;
    await waitingForCode();
    await scan();
    const payment = (await pending).SaleToPOIResponse.PaymentResponse;
    expect(payment.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'Refusal' });
    expect(pos.app.journal.recent(1)[0]).toMatchObject({ state: 'failure', amount: 1051 });
  });

  it('an abort before sending ends the sale (Aborted, nothing sent); an abort after sending cannot stop it', async () => {
    await start();
    const serviceId = nextServiceId();
    const pending = register.plain.request(paymentRequest('REG-ABORT-1', 4, 'USD', serviceId) as never) as Promise<Json>;
    await waitingForCode();
    // On a second connection, as a register does; answered 200 with no body.
    const aborted = await register.plain.request(abortRequest(serviceId) as never);
    expect((aborted as Json).SaleToPOIResponse).toBeUndefined();
    const payment = (await pending).SaleToPOIResponse.PaymentResponse;
    expect(payment.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'Aborted' });
    expect(scanRequests()).toHaveLength(0);
    expect(pos.app.snapshot().checkout.phase).toBe('idle');

    // 10.61: pending at the gateway, then paid after a few look-ups — the abort arrives while it is there.
    const second = nextServiceId();
    const sent = register.plain.request(paymentRequest('REG-ABORT-2', 10.61, 'USD', second) as never) as Promise<Json>;
    await waitingForCode();
    await scan();
    await snapshotWhen((s) => s.registerSale?.sent === true);
    await register.plain.request(abortRequest(second) as never);
    const outcome = (await sent).SaleToPOIResponse.PaymentResponse;
    expect(outcome.Response.Result).toBe('Success');
    expect(scanRequests()).toHaveLength(1);
  });

  it('after the register’s own timeout, TransactionStatus tells the real outcome (InProgress, then paid) and the gateway was charged once', async () => {
    await start();
    const impatient = await registerFor(pos, { timeoutMs: 1500 });
    const serviceId = nextServiceId();
    // 10.61: pending, then paid after a few look-ups: longer than the register waits.
    const pending = impatient.plain.request(paymentRequest('REG-TIMEOUT', 10.61, 'USD', serviceId) as never);
    await waitingForCode();
    await scan();
    await expect(pending).rejects.toThrow();
    const first = ((await register.plain.request(statusRequest(serviceId) as never)) as Json).SaleToPOIResponse.TransactionStatusResponse;
    expect(first.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'InProgress' });
    let status: Json = first;
    await expect
      .poll(
        async () => {
          status = ((await register.plain.request(statusRequest(serviceId) as never)) as Json).SaleToPOIResponse.TransactionStatusResponse;
          return status.Response.Result;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe('Success');
    const repeated = status.RepeatedMessageResponse;
    expect(repeated.MessageHeader).toMatchObject({ MessageCategory: 'Payment', ServiceID: serviceId });
    expect(repeated.RepeatedResponseMessageBody.PaymentResponse.Response.Result).toBe('Success');
    expect(repeated.RepeatedResponseMessageBody.PaymentResponse.PaymentResult.AmountsResp.AuthorizedAmount).toBe(10.61);
    // Charging "again" with the same SaleTransactionID returns that payment: still one charge at the sandbox.
    const again = ((await register.plain.request(paymentRequest('REG-TIMEOUT', 10.61) as never)) as Json).SaleToPOIResponse.PaymentResponse;
    expect(again.Response.Result).toBe('Success');
    expect(scanRequests()).toHaveLength(1);
    // An unknown ServiceID is NotFound.
    const unknown = ((await register.plain.request(statusRequest('NOPE') as never)) as Json).SaleToPOIResponse.TransactionStatusResponse;
    expect(unknown.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'NotFound' });
  });

  it('reverses part of a payment, then the rest, through the refund checks and journal', async () => {
    await start();
    const pending = register.plain.request(paymentRequest('REG-REV', 20) as never) as Promise<Json>;
    await waitingForCode();
    await scan();
    const paid = (await pending).SaleToPOIResponse.PaymentResponse;
    const poiTransactionId = paid.POIData.POITransactionID.TransactionID as string;
    const partial = ((await register.plain.request(reversalRequest(poiTransactionId, 5.5) as never)) as Json).SaleToPOIResponse.ReversalResponse;
    expect(partial.Response.Result).toBe('Success');
    expect(partial.ReversedAmount).toBe(5.5);
    const rest = ((await register.plain.request(reversalRequest(poiTransactionId) as never)) as Json).SaleToPOIResponse.ReversalResponse;
    expect(rest.Response.Result).toBe('Success');
    expect(rest.ReversedAmount).toBe(14.5);
    const over = ((await register.plain.request(reversalRequest(poiTransactionId, 1) as never)) as Json).SaleToPOIResponse.ReversalResponse;
    expect(over.Response.Result).toBe('Failure');
    const sale = pos.app.journal.get(poiTransactionId)!;
    expect(pos.app.journal.refundsOf(sale.transactionId!).map((r) => [r.amount, r.state])).toEqual([
      [550, 'success'],
      [1450, 'success'],
    ]);
    expect(pos.app.sandbox!.requests.filter((r) => r.path.endsWith('/refund'))).toHaveLength(2);
  });

  it('takes the register’s sale by show-QR and by OnlinePay card at the counter', async () => {
    await start();
    const byQr = register.plain.request(paymentRequest('REG-QR', 7.77) as never) as Promise<Json>;
    await waitingForCode();
    expect(await pos.app.call('startShowQr', { vendor: 'wechatpay' })).toMatchObject({ ok: true });
    await snapshotWhen((s) => s.checkout.phase === 'showingQr');
    expect(await pos.app.call('simulateQrPayment', { outcome: 'pay' })).toMatchObject({ ok: true });
    const qr = (await byQr).SaleToPOIResponse.PaymentResponse;
    expect(qr.Response.Result).toBe('Success');
    expect(qr.Response.AdditionalResponse).toContain('paymentMethod=wechatpay');

    const byCard = register.plain.request(paymentRequest('REG-CARD', 8.88) as never) as Promise<Json>;
    await waitingForCode();
    expect(await pos.app.call('startHostedPayment', {})).toMatchObject({ ok: true });
    await snapshotWhen((s) => s.checkout.phase === 'showingQr');
    await expect.poll(async () => (await pos.app.call('simulateQrPayment', { outcome: 'pay' })).ok, { timeout: 10_000 }).toBe(true);
    const card = (await byCard).SaleToPOIResponse.PaymentResponse;
    expect(card.Response.Result).toBe('Success');
    expect(card.PaymentResult.PaymentInstrumentData.PaymentInstrumentType).toBe('Card');
    expect(pos.app.journal.get(card.POIData.POITransactionID.TransactionID)).toMatchObject({ gateway: 'onlinepay', method: 'hostedqr', state: 'success', amount: 888 });
  });

  it('answers hostile messages with a Failure or a refusal, and keeps taking payments', async () => {
    await start();
    const port = pos.app.registerPort()!;
    const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
        const req = https.request({ host: '127.0.0.1', port, path: '/nexo/', method: 'POST', rejectUnauthorized: false, headers: { 'Content-Type': 'application/json', 'X-API-Key': 'k', ...headers } }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', (error) => resolve({ error: error.message }));
        });
        req.on('error', (error) => resolve({ error: error.message }));
        req.end(body);
      });
    expect(await post('{"SaleToPOIRequest":')).toMatchObject({ status: 400 });
    const wrongTypes = paymentRequest('REG-HOSTILE', 1) as Json;
    wrongTypes.SaleToPOIRequest.PaymentRequest.PaymentTransaction.AmountsReq.RequestedAmount = '12.00';
    const typed = await post(JSON.stringify(wrongTypes));
    expect(typed).toMatchObject({ status: 200 });
    expect(JSON.parse((typed as { body: string }).body).SaleToPOIResponse.PaymentResponse.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'MessageFormat' });
    const unknownCategory = { SaleToPOIRequest: { MessageHeader: { ...(wrongTypes.SaleToPOIRequest.MessageHeader as Json), MessageCategory: 'Admin' }, AdminRequest: {} } };
    const admin = await post(JSON.stringify(unknownCategory));
    expect(JSON.parse((admin as { body: string }).body).SaleToPOIResponse.AdminResponse.Response.Result).toBe('Failure');
    const huge = await post(Buffer.alloc(10 * 1024 * 1024, 0x20));
    expect('error' in huge || huge.status === 413).toBe(true);
    const key = { keyIdentifier: SECURITY_KEY.KeyIdentifier, keyVersion: 1, passphrase: SECURITY_KEY.Passphrase };
    const request = paymentRequest('REG-HMAC', 1) as Json;
    const secured = encryptNexoRequest(request.SaleToPOIRequest.MessageHeader, JSON.stringify(request), key) as Json;
    secured.SaleToPOIRequest.SecurityTrailer.Hmac = Buffer.alloc(32, 7).toString('base64');
    expect(await post(JSON.stringify(secured))).toEqual({ status: 401, body: '{"errors":["Nexo Service: crypto error (5)"]}' });
    const unknownKey = encryptNexoRequest(request.SaleToPOIRequest.MessageHeader, JSON.stringify(request), { ...key, keyIdentifier: 'Stranger' });
    expect(await post(JSON.stringify(unknownKey))).toEqual({ status: 401, body: '{"errors":["Nexo Service: crypto error (2)"]}' });
    expect(await post('{}', {})).toMatchObject({ status: 400 });
    expect(scanRequests()).toHaveLength(0);

    // Still working: a real payment goes through.
    const pending = register.plain.request(paymentRequest('REG-AFTER', 3.21) as never) as Promise<Json>;
    await waitingForCode();
    await scan();
    expect((await pending).SaleToPOIResponse.PaymentResponse.Response.Result).toBe('Success');
  });

  it('refuses a reversal while refunds need the manager PIN (a register types none): NotAllowed, nothing sent, audited', async () => {
    await start({ refundsNeedPin: true });
    expect(await pos.app.call('setManagerPin', { newPin: '1357' })).toMatchObject({ ok: true });
    const pending = register.plain.request(paymentRequest('REG-PIN', 6) as never) as Promise<Json>;
    await waitingForCode();
    await scan();
    const paid = (await pending).SaleToPOIResponse.PaymentResponse;
    const reversal = ((await register.plain.request(reversalRequest(paid.POIData.POITransactionID.TransactionID) as never)) as Json).SaleToPOIResponse.ReversalResponse;
    expect(reversal.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'NotAllowed' });
    expect(reversal.Response.AdditionalResponse).toContain('PIN_REQUIRED');
    expect(pos.app.sandbox!.requests.filter((r) => r.path.endsWith('/refund'))).toHaveLength(0);
    expect(pos.app.journal.auditLog(10).some((entry) => entry.action === 'refund' && entry.outcome === 'refused' && entry.detail?.startsWith('PIN_REQUIRED'))).toBe(true);
  });

  it('holds the PaymentRequest open while the customer takes their time (longer than any server deadline), then answers', async () => {
    await start();
    const pending = register.plain.request(paymentRequest('REG-SLOW', 2.22) as never) as Promise<Json>;
    await waitingForCode();
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    await scan();
    expect((await pending).SaleToPOIResponse.PaymentResponse.Response.Result).toBe('Success');
  });

  it('the cashier’s Esc ends the register sale as Cancel; a register that gives up before a code ends it unsent', async () => {
    await start();
    const cancelled = register.plain.request(paymentRequest('REG-ESC', 1.5) as never) as Promise<Json>;
    await waitingForCode();
    expect(await pos.app.call('cancelSale', {})).toMatchObject({ ok: true });
    expect((await cancelled).SaleToPOIResponse.PaymentResponse.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'Cancel' });

    const impatient = await registerFor(pos, { timeoutMs: 1000 });
    const serviceId = nextServiceId();
    await expect(impatient.plain.request(paymentRequest('REG-GONE', 1.75, 'USD', serviceId) as never)).rejects.toThrow();
    await snapshotWhen((s) => s.checkout.phase === 'idle' && s.registerSale === undefined);
    const status = ((await register.plain.request(statusRequest(serviceId) as never)) as Json).SaleToPOIResponse.TransactionStatusResponse;
    expect(status.RepeatedMessageResponse.RepeatedResponseMessageBody.PaymentResponse.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'Aborted' });
    expect(scanRequests()).toHaveLength(0);
  });

  it('aborts and asks status encrypted too: every answer to an encrypted request is encrypted', async () => {
    await start({ register: { ...REGISTER_SETTINGS, allowUnencryptedOnLoopback: false } });
    const serviceId = nextServiceId();
    const pending = register.secure.request(paymentRequest('REG-ENC-ABORT', 9, 'USD', serviceId) as never, SECURITY_KEY as never) as Promise<Json>;
    await waitingForCode();
    await register.secure.request(abortRequest(serviceId) as never, SECURITY_KEY as never);
    expect((await pending).SaleToPOIResponse.PaymentResponse.Response.ErrorCondition).toBe('Aborted');
    const status = ((await register.secure.request(statusRequest(serviceId) as never, SECURITY_KEY as never)) as Json).SaleToPOIResponse.TransactionStatusResponse;
    expect(status.Response.Result).toBe('Success');
  });

  it('refuses a register sale with Busy while the cashier is taking one of their own', async () => {
    await start();
    expect(await pos.app.call('startSale', { amount: 999 })).toMatchObject({ ok: true });
    const busy = ((await register.plain.request(paymentRequest('REG-BUSY', 1) as never)) as Json).SaleToPOIResponse.PaymentResponse;
    expect(busy.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'Busy' });
    expect(pos.app.snapshot().checkout).toMatchObject({ phase: 'awaitingScan', sale: { amount: 999 } });
  });
});

describe('register integration across a restart', () => {
  it('answers TransactionStatus and the paid-SaleTransactionID rule from the journal after a restart', async () => {
    const temp = makeTempDir('counterpay-register-restart-');
    fs.writeFileSync(path.join(temp.dir, 'settings.json'), JSON.stringify({ setupComplete: true, register: REGISTER_SETTINGS }));
    const open = () => createPosApp({ dataDir: temp.dir, env: {}, settingsBackend: createConfBackend, hidBackend: null, logSink: () => undefined });
    const asHarness = (app: Awaited<ReturnType<typeof open>>) => ({ app, dataDir: temp.dir }) as unknown as PosHarness;
    try {
      let app = await open();
      const serviceId = nextServiceId();
      let register = await registerFor(asHarness(app));
      const pending = register.plain.request(paymentRequest('REG-RESTART', 4.44, 'USD', serviceId) as never) as Promise<Record<string, any>>;
      await expect.poll(() => app.snapshot().checkout.phase === 'awaitingScan' && app.snapshot().registerSale !== undefined, { timeout: 10_000 }).toBe(true);
      await app.call('simulateScan', { code: SAMPLE_PAYMENT_CODES.unionpay, mode: 'pos' });
      const paid = (await pending).SaleToPOIResponse.PaymentResponse;
      expect(paid.Response.Result).toBe('Success');
      await app.close();

      app = await open();
      await app.recovered();
      register = await registerFor(asHarness(app));
      const status = ((await register.plain.request(statusRequest(serviceId) as never)) as Record<string, any>).SaleToPOIResponse.TransactionStatusResponse;
      expect(status.Response.Result).toBe('Success');
      expect(status.RepeatedMessageResponse.RepeatedResponseMessageBody.PaymentResponse.POIData.POITransactionID.TransactionID).toBe(paid.POIData.POITransactionID.TransactionID);
      const again = ((await register.plain.request(paymentRequest('REG-RESTART', 4.44) as never)) as Record<string, any>).SaleToPOIResponse.PaymentResponse;
      expect(again.Response.Result).toBe('Success');
      expect(again.POIData.POITransactionID.TransactionID).toBe(paid.POIData.POITransactionID.TransactionID);
      expect(app.snapshot().checkout.phase).toBe('idle');
      // Nothing was sent to the gateway in the second run: still exactly one charge.
      expect(app.sandbox!.requests.filter((r) => r.path === '/v1.2/transactions/scanqrcode')).toHaveLength(0);
      expect(app.journal.recent(10).filter((row) => row.kind === 'sale')).toHaveLength(1);
      await app.close();
    } finally {
      temp.cleanup();
    }
  });
});
