import { useEffect, useRef, useState } from 'react';
import type { Language } from '../../../shared/settings/settingsView';
import type { ReceiptDocument, ReceiptPaper } from '../../../shared/receipts/receiptModel';
import { getApi } from '../../bridge/bridge';
import { PrintRoot } from '../printing/PrintRoot';
import { printPage } from '../printing/printPage';
import { ReceiptView } from './ReceiptView';

/** Automatic printing (a setting): the receipt of `reference` goes to the printer once, with nothing on screen. */
export function AutoPrint({ reference, paper, language }: { reference: string; paper: ReceiptPaper; language: Language }) {
  const [document, setDocument] = useState<ReceiptDocument>();
  const printed = useRef<string>(undefined);
  useEffect(() => {
    void getApi()
      .getReceipt({ reference })
      .then((result) => result.ok && setDocument(result.value));
  }, [reference]);
  useEffect(() => {
    if (!document || printed.current === reference) return;
    printed.current = reference;
    // After the print root has been laid out and its page sized.
    requestAnimationFrame(() => void printPage(paper));
  }, [document, reference, paper]);
  return document ? (
    <PrintRoot paper={paper}>
      <ReceiptView document={document} paper={paper} language={language} />
    </PrintRoot>
  ) : null;
}
