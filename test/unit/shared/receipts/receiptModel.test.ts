import { buildReceiptModel, type ReceiptSource } from '../../../../shared/receipts/receiptModel';

const store = { merchantName: 'Golden Dragon', storeName: 'Market St', terminalName: 'T7' };
const sale: ReceiptSource = {
  reference: 'T7ABC',
  kind: 'sale',
  state: 'success',
  amount: 1234,
  currency: 'USD',
  vendor: 'alipay',
  training: true,
  transactionId: '20261122100000000001',
  vendorTransactionId: '9920261122100000000001000000',
  gatewayTime: '2026-11-22T10:00:01Z',
  rmbAmount: 8541,
  createdAt: '2026-11-22T10:00:00.000Z',
};

describe('receipt model', () => {
  it('holds every field of an approved sale, with its transaction id as the barcode', () => {
    expect(buildReceiptModel(sale, store)).toEqual({
      kind: 'sale',
      ...store,
      time: '2026-11-22T10:00:01Z',
      vendor: 'alipay',
      amount: 1234,
      currency: 'USD',
      rmbAmount: 8541,
      transactionId: sale.transactionId,
      reference: 'T7ABC',
      vendorTransactionId: sale.vendorTransactionId,
      barcodeValue: sale.transactionId,
      training: true,
    });
  });

  it('gives a refund receipt the refund id, the reason, and the sale’s id as its barcode', () => {
    const refund = buildReceiptModel(
      { ...sale, kind: 'refund', reference: 'T7REF', transactionId: '20261122110000000009', parentTransactionId: sale.transactionId, parentReference: 'T7ABC', reason: 'Damaged', rmbAmount: undefined, vendorTransactionId: undefined, gatewayTime: undefined },
      store,
    );
    expect(refund).toMatchObject({ kind: 'refund', transactionId: '20261122110000000009', barcodeValue: sale.transactionId, time: sale.createdAt, refund: { originalTransactionId: sale.transactionId, originalReference: 'T7ABC', reason: 'Damaged' } });
    expect(refund).not.toHaveProperty('rmbAmount');
  });

  it('has no receipt for what was not paid', () => {
    for (const state of ['failure', 'pending', 'unknown', 'needs_attention', 'sent', 'created'] as const) expect(buildReceiptModel({ ...sale, state }, store)).toBeUndefined();
    expect(buildReceiptModel({ ...sale, transactionId: undefined }, store)).toBeUndefined();
  });
});
