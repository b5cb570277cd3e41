/**
 * What counts as printable in a scan, for every decoder (HID keyboard, HID POS, keyboard
 * wedge): anything but control, format, unassigned and line/paragraph separator characters.
 */
const NON_PRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;
const NON_PRINTABLE_GLOBAL = /[\p{C}\p{Zl}\p{Zp}]/gu;

export function isPrintableText(text: string): boolean {
  return !NON_PRINTABLE.test(text);
}

export function stripNonPrintable(text: string): string {
  return text.replace(NON_PRINTABLE_GLOBAL, '');
}
