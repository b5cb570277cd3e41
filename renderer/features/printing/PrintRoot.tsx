import { useLayoutEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { PrintPaper } from '../../../shared/printing/printPapers';

const PAGE_NAMES: Readonly<Record<PrintPaper, string>> = { '80mm': 'receipt-80mm', '58mm': 'receipt-58mm', A4: 'receipt-a4', Letter: 'poster-letter' };
const ROLL_WIDTH_MM: Readonly<Partial<Record<PrintPaper, number>>> = { '80mm': 80, '58mm': 58 };
const PX_PER_MM = 96 / 25.4;

/** The @page rule of our stylesheet for a paper (print.css names one page per paper). */
function pageRule(paper: PrintPaper): CSSPageRule | undefined {
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSPageRule && rule.selectorText === PAGE_NAMES[paper]) return rule;
    }
  }
  return undefined;
}

/**
 * What the printer gets: a subtree outside #root (print.css shows only it when printing),
 * so screens keep their own layout. A receipt roll has no fixed length: the page is made
 * exactly as long as the content, through the stylesheet's object model (CSP forbids inline
 * styles, not CSSOM), so a roll printer or a PDF gets no blank tail.
 */
export function PrintRoot({ paper, children }: { paper: PrintPaper; children: ReactNode }) {
  const width = ROLL_WIDTH_MM[paper];
  useLayoutEffect(() => {
    if (width === undefined) return;
    const element = document.querySelector<HTMLElement>('.print-root');
    const rule = pageRule(paper);
    if (!element || !rule) return;
    const fit = () => {
      // The print root is hidden on screen; its height is measured from a screen copy of the same width.
      const heightMm = Math.ceil(element.scrollHeight / PX_PER_MM) + 4;
      rule.style.setProperty('size', `${width}mm ${Math.max(heightMm, 40)}mm`);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, [paper, width, children]);
  return createPortal(
    <div className={`print-root print-${paper}`} data-testid="print-root">
      {children}
    </div>,
    document.body,
  );
}
