import { useEffect, useRef } from 'react';
import type { AppSnapshot } from '../../../shared/bridge/contract';
import type { ReceiptScan } from '../../../shared/bridge/backOfficeContract';
import { getApi } from '../../bridge/bridge';
import { useKeyboardWedge } from '../scanner/useKeyboardWedge';

/**
 * Receipt barcodes at the counter. A keyboard-wedge scan while no sale waits for a code
 * goes to main like any scan (main decides what it is); when main reports a receipt scan
 * in the snapshot (from the wedge or a HID scanner), `onReceipt` opens that sale — once
 * per scan, and never for a scan from before this window loaded.
 */
export function useReceiptScans(snapshot: AppSnapshot | undefined, wedgeEnabled: boolean, onReceipt: (scan: ReceiptScan) => void): void {
  useKeyboardWedge((code) => void getApi().submitScan({ code, source: 'wedge' }), wedgeEnabled);
  const seen = useRef<number | undefined>(undefined);
  const latest = useRef(onReceipt);
  latest.current = onReceipt;
  const scan = snapshot?.receiptScan;
  const loaded = snapshot !== undefined;
  useEffect(() => {
    if (!loaded) return;
    if (seen.current === undefined) {
      seen.current = scan?.at ?? 0;
      return;
    }
    if (scan && scan.at > seen.current) {
      seen.current = scan.at;
      latest.current(scan);
    }
  }, [loaded, scan]);
}
