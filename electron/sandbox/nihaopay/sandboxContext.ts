import type { ShownQrTiming } from './sandboxBehaviour';
import type { SandboxLedger, SandboxTransaction } from './sandboxLedger';
import type { BodyReading } from './sandboxRequestBody';

/** A gateway request as the endpoints see it, already read and parsed by the server. */
export interface ApiRequest {
  method: string;
  /** The URL path, still percent-encoded. */
  path: string;
  /** The URL's query, for the GET endpoints. */
  query?: URLSearchParams;
  authorization: string | undefined;
  body: BodyReading | { ok: false; problem: 'too_large' };
}

/** What the endpoints share: the books, the clock, and the hooks to the server's side effects. */
export interface ApiContext {
  token: string;
  ledger: SandboxLedger;
  now: () => Date;
  /** Lookups that still answer pending before a pending scan shows its outcome. */
  pendingLookups: number;
  /** How long shown QR codes ending 81/82/83 take. Defaults in sandboxServer.ts. */
  shownQr?: ShownQrTiming;
  /** A transaction with an ipn_url reached success or failure: the server posts the signed IPN. */
  onSettled?: (transaction: SandboxTransaction) => void;
  /** A shown QR code falls due at this time (ms since the epoch): the server wakes up then to settle it. */
  wakeAt?: (time: number) => void;
}
