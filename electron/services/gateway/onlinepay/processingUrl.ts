import { ONLINEPAY_PATHS } from '../../../../shared/gateway/onlinepay/onlinePayApi';

/**
 * Whether the processingUrl of a create reply may be shown to a customer as a QR code.
 *
 * Decision: the hosted payment page must be on the very origin we called (scheme, host and
 * port of baseUrl). The text documents the page only there — https://business.sandbox.
 * onlinepay.com/p/<token> for the sandbox and the same path on business.onlinepay.com — so
 * no other host is "a documented payment-page host". A page elsewhere could collect the
 * customer's card for someone else; it is a bad reply. Because the scheme must match
 * baseUrl's, http is possible only for a loopback sandbox (baseUrl allows nothing else).
 * The page must also be this payment's: `/p/<token>` (as the examples show) or
 * `/p?token=<token>` (as the parameter table says), below baseUrl's path; no credentials,
 * no fragment.
 */
export function processingUrlProblem(processingUrl: string, baseUrl: string, token: string): string | undefined {
  let url: URL;
  try {
    url = new URL(processingUrl);
  } catch {
    return 'processingUrl is not a URL';
  }
  const base = new URL(baseUrl);
  if (url.origin !== base.origin) return `processingUrl ${JSON.stringify(url.origin)} is not on the gateway's origin ${JSON.stringify(base.origin)}`;
  if (url.username || url.password || url.hash) return 'processingUrl carries credentials or a fragment';
  const page = `${base.pathname.replace(/\/+$/, '')}${ONLINEPAY_PATHS.paymentPage}`;
  const byPath = url.pathname === `${page}/${token}` && url.search === '';
  const byQuery = url.pathname === page && [...url.searchParams.keys()].length === 1 && url.searchParams.get('token') === token;
  return byPath || byQuery ? undefined : "processingUrl is not this payment's page";
}
