import { RECEIPT_PAPERS } from '../receipts/receiptModel';

/**
 * Every paper the app prints on: the receipt papers, and US Letter for the store QR
 * poster (A4 serves receipts, reports and posters alike).
 */
export const PRINT_PAPERS = [...RECEIPT_PAPERS, 'Letter'] as const;
export type PrintPaper = (typeof PRINT_PAPERS)[number];

/** The store QR poster's papers. */
export const POSTER_PAPERS = ['A4', 'Letter'] as const satisfies readonly PrintPaper[];
export type PosterPaper = (typeof POSTER_PAPERS)[number];
