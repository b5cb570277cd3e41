/**
 * The part of onscan.js 1.5.2 (node_modules/onscan.js/onscan.js, a UMD module without
 * types) that the wedge benchmark drives. It stores its state on the element it is
 * attached to and calls its listeners with `this` set to that element.
 */
declare module 'onscan.js' {
  interface OnScanOptions {
    onScan?: (this: unknown, scanned: string, quantity: number) => void;
    onScanError?: (this: unknown, debug: { message: string; scanCode: string; scanDuration: number }) => void;
    /** Wait (ms) after a key before checking whether the keys so far were a scan. Default 100. */
    timeBeforeScanTest?: number;
    /** Longest average time between keys of a scan, over the whole code (ms). Default 30. */
    avgTimeByChar?: number;
    /** Default 6. */
    minLength?: number;
    /** keyCodes that end a scan. Default [9, 13]. */
    suffixKeyCodes?: number[];
    prefixKeyCodes?: number[];
    reactToKeydown?: boolean;
    reactToPaste?: boolean;
    preventDefault?: boolean;
    stopPropagation?: boolean;
    captureEvents?: boolean;
  }
  interface OnScan {
    attachTo(element: object, options?: OnScanOptions): OnScan;
    detachFrom(element: object): void;
    isScanInProgressFor(element: object): boolean;
  }
  const onScan: OnScan;
  export default onScan;
}
