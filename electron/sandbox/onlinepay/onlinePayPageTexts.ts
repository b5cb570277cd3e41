import type { OnlinePayLocale } from './onlinePayDictionaries';
import type { CustomerProblem } from './onlinePayCustomer';

/** Every word the hosted pages show, in the payment's locale (en, zh: Simplified Chinese, jp: Japanese). */
export interface PageTexts {
  /** The BCP 47 tag for `<html lang>`; the API's `jp` is `ja` there. */
  htmlLang: string;
  title: string;
  sandboxNotice: string;
  product: string;
  amount: string;
  payByCard: string;
  cardNumber: string;
  cardholderName: string;
  expiry: string;
  cvv: string;
  pay: string;
  orWallet: string;
  walletPhone: string;
  payWithWallet: string;
  cancel: string;
  threeDSTitle: string;
  threeDSExplain: string;
  threeDSSuccess: string;
  threeDSFail: string;
  approvedTitle: string;
  declinedTitle: string;
  backToShop: string;
  notFound: string;
  problems: Record<CustomerProblem, string>;
}

export const PAGE_TEXTS: Readonly<Record<OnlinePayLocale, PageTexts>> = {
  en: {
    htmlLang: 'en',
    title: 'OnlinePay checkout',
    sandboxNotice: 'Sandbox: no real money moves.',
    product: 'Product',
    amount: 'Amount',
    payByCard: 'Pay by card',
    cardNumber: 'Card number',
    cardholderName: 'Cardholder name',
    expiry: 'Expiry date (MM/YY)',
    cvv: 'Security code (CVV)',
    pay: 'Pay',
    orWallet: 'Or pay with your OnlinePay wallet',
    walletPhone: 'Wallet phone number',
    payWithWallet: 'Pay with OnlinePay wallet',
    cancel: 'Cancel payment',
    threeDSTitle: '3-D Secure authentication',
    threeDSExplain: 'Your bank asks you to confirm this payment.',
    threeDSSuccess: 'Authentication successful',
    threeDSFail: 'Authentication failed',
    approvedTitle: 'Payment approved',
    declinedTitle: 'Payment declined',
    backToShop: 'Return to the shop',
    notFound: 'This payment does not exist.',
    problems: {
      pan_invalid: 'The card number is not valid.',
      pan_unknown: 'This card is not a sandbox test card.',
      holder: 'Enter the cardholder name.',
      expiry: 'Enter a valid expiry date as MM/YY.',
      cvv: 'Enter the 3- or 4-digit security code.',
      final: 'This payment is already complete.',
      no_card: 'Enter your card first.',
      payout: 'This is not a payment.',
    },
  },
  zh: {
    htmlLang: 'zh-Hans',
    title: 'OnlinePay 收银台',
    sandboxNotice: '沙箱环境：不会产生真实扣款。',
    product: '商品',
    amount: '金额',
    payByCard: '银行卡支付',
    cardNumber: '卡号',
    cardholderName: '持卡人姓名',
    expiry: '有效期（月/年，MM/YY）',
    cvv: '安全码（CVV）',
    pay: '支付',
    orWallet: '或使用 OnlinePay 钱包支付',
    walletPhone: '钱包手机号',
    payWithWallet: '使用 OnlinePay 钱包支付',
    cancel: '取消支付',
    threeDSTitle: '3-D Secure 身份验证',
    threeDSExplain: '您的银行要求您确认此笔支付。',
    threeDSSuccess: '验证成功',
    threeDSFail: '验证失败',
    approvedTitle: '支付成功',
    declinedTitle: '支付被拒绝',
    backToShop: '返回商户',
    notFound: '该笔支付不存在。',
    problems: {
      pan_invalid: '卡号无效。',
      pan_unknown: '此卡不是沙箱测试卡。',
      holder: '请输入持卡人姓名。',
      expiry: '请按 MM/YY 格式输入有效期。',
      cvv: '请输入 3 位或 4 位安全码。',
      final: '该笔支付已完成。',
      no_card: '请先输入银行卡信息。',
      payout: '这不是一笔支付。',
    },
  },
  jp: {
    htmlLang: 'ja',
    title: 'OnlinePay お支払い',
    sandboxNotice: 'サンドボックス：実際の請求は発生しません。',
    product: '商品',
    amount: '金額',
    payByCard: 'カードで支払う',
    cardNumber: 'カード番号',
    cardholderName: 'カード名義人',
    expiry: '有効期限（MM/YY）',
    cvv: 'セキュリティコード（CVV）',
    pay: '支払う',
    orWallet: 'または OnlinePay ウォレットで支払う',
    walletPhone: 'ウォレットの電話番号',
    payWithWallet: 'OnlinePay ウォレットで支払う',
    cancel: '支払いを取り消す',
    threeDSTitle: '3-D セキュア認証',
    threeDSExplain: 'カード会社がこのお支払いの確認を求めています。',
    threeDSSuccess: '認証成功',
    threeDSFail: '認証失敗',
    approvedTitle: 'お支払いが完了しました',
    declinedTitle: 'お支払いが拒否されました',
    backToShop: 'ショップに戻る',
    notFound: 'このお支払いは存在しません。',
    problems: {
      pan_invalid: 'カード番号が正しくありません。',
      pan_unknown: 'このカードはサンドボックスのテストカードではありません。',
      holder: 'カード名義人を入力してください。',
      expiry: '有効期限を MM/YY の形式で入力してください。',
      cvv: '3桁または4桁のセキュリティコードを入力してください。',
      final: 'このお支払いはすでに完了しています。',
      no_card: '先にカード情報を入力してください。',
      payout: 'これはお支払いではありません。',
    },
  },
};
