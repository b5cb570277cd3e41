/**
 * HID keyboard usage IDs (usage page 0x07) → characters, per host keyboard layout.
 *
 * A scanner in keyboard mode does not send characters: it sends the keys a person would
 * press on a keyboard of the layout it was configured for. The same report therefore
 * means "1" to a US scanner and "&" to a French one, so the decoder must be told which
 * layout the scanner emulates. Caps Lock and Num Lock are not modelled: scanners send
 * Shift explicitly, and keypad digits are read as digits (Num Lock on), which is what
 * scanners in "keypad" mode assume.
 */

import { KEYBOARD_LAYOUT_IDS, type KeyboardLayoutId } from '../../../shared/scanner/scanTypes';

export { KEYBOARD_LAYOUT_IDS, SCAN_TERMINATORS, type KeyboardLayoutId, type ScanTerminator } from '../../../shared/scanner/scanTypes';

export function isKeyboardLayoutId(value: unknown): value is KeyboardLayoutId {
  return typeof value === 'string' && (KEYBOARD_LAYOUT_IDS as readonly string[]).includes(value);
}

/** Bits of byte 0 of a boot keyboard report. */
export const HID_MODIFIER = {
  leftCtrl: 0x01,
  leftShift: 0x02,
  leftAlt: 0x04,
  leftGui: 0x08,
  rightCtrl: 0x10,
  rightShift: 0x20,
  /** AltGr on layouts that have one. */
  rightAlt: 0x40,
  rightGui: 0x80,
} as const;

export const SHIFT_MODIFIERS = HID_MODIFIER.leftShift | HID_MODIFIER.rightShift;

/** Usage IDs the decoder treats specially. */
export const HID_KEY = {
  enter: 0x28,
  tab: 0x2b,
  space: 0x2c,
  keypadEnter: 0x58,
} as const;

/** Which keys end a scan. Enter includes keypad Enter. */
import type { ScanTerminator } from '../../../shared/scanner/scanTypes';

/** The terminator key a usage ID stands for, if any. */
export function terminatorKeyOf(usage: number): 'enter' | 'tab' | undefined {
  if (usage === HID_KEY.enter || usage === HID_KEY.keypadEnter) return 'enter';
  if (usage === HID_KEY.tab) return 'tab';
  return undefined;
}

export function endsScan(terminator: ScanTerminator, key: 'enter' | 'tab'): boolean {
  return terminator === 'enterOrTab' || terminator === key;
}

/**
 * What one key produces in one modifier state. A dead key (an accent such as "^" on a
 * German keyboard) produces nothing by itself: the character appears with the next key.
 */
export interface KeyOutput {
  char: string;
  dead?: true;
}

/** One key in each modifier state the layout defines; a missing state produces nothing. */
export interface KeyMapping {
  base?: KeyOutput;
  shift?: KeyOutput;
  altGr?: KeyOutput;
  shiftAltGr?: KeyOutput;
}

export type KeyState = keyof KeyMapping;

export interface KeyboardLayout {
  id: KeyboardLayoutId;
  /** English name, for settings screens and logs. */
  name: string;
  keys: ReadonlyMap<number, KeyMapping>;
}

type Slot = string | KeyOutput | null | undefined;
type KeyRow = readonly [usage: number, base: Slot, shift?: Slot, altGr?: Slot, shiftAltGr?: Slot];

const dead = (char: string): KeyOutput => ({ char, dead: true });

function output(slot: Slot): KeyOutput | undefined {
  if (slot === null || slot === undefined) return undefined;
  return typeof slot === 'string' ? { char: slot } : slot;
}

/** Consecutive usages, one character each, e.g. the letters a..z from 0x04. */
function run(firstUsage: number, base: string, shift: string): KeyRow[] {
  return [...base].map((char, i) => [firstUsage + i, char, shift[i]] as const);
}

function buildKeys(rows: readonly KeyRow[]): ReadonlyMap<number, KeyMapping> {
  const keys = new Map<number, KeyMapping>();
  for (const [usage, base, shift, altGr, shiftAltGr] of rows) {
    const mapping: KeyMapping = {};
    const states: Array<[KeyState, Slot]> = [
      ['base', base],
      ['shift', shift],
      ['altGr', altGr],
      ['shiftAltGr', shiftAltGr],
    ];
    for (const [state, slot] of states) {
      const out = output(slot);
      if (out) mapping[state] = out;
    }
    keys.set(usage, mapping);
  }
  return keys;
}

/**
 * The numeric keypad. Shift does not change it here: scanners never send Shift with
 * keypad keys, and a decoder that produced navigation keys instead would only lose digits.
 */
function keypad(decimal: string): KeyRow[] {
  const rows: KeyRow[] = [
    [0x54, '/', '/'],
    [0x55, '*', '*'],
    [0x56, '-', '-'],
    [0x57, '+', '+'],
    [0x62, '0', '0'],
    [0x63, decimal, decimal],
    [0x67, '=', '='],
  ];
  for (let digit = 1; digit <= 9; digit++) rows.push([0x58 + digit, String(digit), String(digit)]);
  return rows;
}

const SPACE: KeyRow = [HID_KEY.space, ' ', ' '];

const US: KeyboardLayout = {
  id: 'us',
  name: 'English (US)',
  keys: buildKeys([
    ...run(0x04, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    ...run(0x1e, '1234567890', '!@#$%^&*()'),
    SPACE,
    [0x2d, '-', '_'],
    [0x2e, '=', '+'],
    [0x2f, '[', '{'],
    [0x30, ']', '}'],
    [0x31, '\\', '|'],
    // The ISO key left of Enter; on a US layout it types what the backslash key types.
    [0x32, '\\', '|'],
    [0x33, ';', ':'],
    [0x34, "'", '"'],
    [0x35, '`', '~'],
    [0x36, ',', '<'],
    [0x37, '.', '>'],
    [0x38, '/', '?'],
    // The ISO key right of left Shift.
    [0x64, '\\', '|'],
    ...keypad('.'),
  ]),
};

/** German (Germany), Windows QWERTZ: Y and Z swapped, umlauts, dead accents, AltGr symbols. */
const DE: KeyboardLayout = {
  id: 'de',
  name: 'German (QWERTZ)',
  keys: buildKeys([
    ...run(0x04, 'abcdefghijklmnopqrstuvwxzy', 'ABCDEFGHIJKLMNOPQRSTUVWXZY'),
    [0x14, 'q', 'Q', '@'],
    [0x08, 'e', 'E', '€'],
    [0x10, 'm', 'M', 'µ'],
    [0x1e, '1', '!'],
    [0x1f, '2', '"', '²'],
    [0x20, '3', '§', '³'],
    [0x21, '4', '$'],
    [0x22, '5', '%'],
    [0x23, '6', '&'],
    [0x24, '7', '/', '{'],
    [0x25, '8', '(', '['],
    [0x26, '9', ')', ']'],
    [0x27, '0', '=', '}'],
    SPACE,
    [0x2d, 'ß', '?', '\\'],
    [0x2e, dead('´'), dead('`')],
    [0x2f, 'ü', 'Ü'],
    [0x30, '+', '*', '~'],
    [0x31, '#', "'"],
    [0x32, '#', "'"],
    [0x33, 'ö', 'Ö'],
    [0x34, 'ä', 'Ä'],
    [0x35, dead('^'), '°'],
    [0x36, ',', ';'],
    [0x37, '.', ':'],
    [0x38, '-', '_'],
    [0x64, '<', '>', '|'],
    ...keypad(','),
  ]),
};

/** French (France), Windows AZERTY: digits need Shift, which is why the layout matters for payment codes. */
const FR: KeyboardLayout = {
  id: 'fr',
  name: 'French (AZERTY)',
  keys: buildKeys([
    ...run(0x04, 'qbcdefghijkl,noparstuvzxyw', 'QBCDEFGHIJKL?NOPARSTUVZXYW'),
    [0x08, 'e', 'E', '€'],
    [0x1e, '&', '1'],
    [0x1f, 'é', '2', dead('~')],
    [0x20, '"', '3', '#'],
    [0x21, "'", '4', '{'],
    [0x22, '(', '5', '['],
    [0x23, '-', '6', '|'],
    [0x24, 'è', '7', dead('`')],
    [0x25, '_', '8', '\\'],
    [0x26, 'ç', '9', '^'],
    [0x27, 'à', '0', '@'],
    SPACE,
    [0x2d, ')', '°', ']'],
    [0x2e, '=', '+', '}'],
    [0x2f, dead('^'), dead('¨')],
    [0x30, '$', '£', '¤'],
    [0x31, '*', 'µ'],
    [0x32, '*', 'µ'],
    [0x33, 'm', 'M'],
    [0x34, 'ù', '%'],
    [0x35, '²', null],
    [0x36, ';', '.'],
    [0x37, ':', '/'],
    [0x38, '!', '§'],
    [0x64, '<', '>'],
    ...keypad('.'),
  ]),
};

export const KEYBOARD_LAYOUTS: readonly KeyboardLayout[] = [US, DE, FR];

export function getKeyboardLayout(id: KeyboardLayoutId): KeyboardLayout {
  const layout = KEYBOARD_LAYOUTS.find((l) => l.id === id);
  if (!layout) throw new RangeError(`unknown keyboard layout: ${String(id)}`);
  return layout;
}

/**
 * Which state of a key the modifiers select, or undefined when they select none that
 * types (Ctrl, Gui, or left Alt alone are shortcuts, not text). Right Alt is AltGr; so is
 * Ctrl+Alt, the way Windows reads it, which some scanners send instead.
 */
export function keyStateFor(modifiers: number): KeyState | undefined {
  const ctrl = (modifiers & (HID_MODIFIER.leftCtrl | HID_MODIFIER.rightCtrl)) !== 0;
  const leftAlt = (modifiers & HID_MODIFIER.leftAlt) !== 0;
  const rightAlt = (modifiers & HID_MODIFIER.rightAlt) !== 0;
  const gui = (modifiers & (HID_MODIFIER.leftGui | HID_MODIFIER.rightGui)) !== 0;
  const shift = (modifiers & SHIFT_MODIFIERS) !== 0;
  if (gui) return undefined;
  const altGr = rightAlt || (ctrl && leftAlt);
  if (!altGr && (ctrl || leftAlt)) return undefined;
  if (altGr) return shift ? 'shiftAltGr' : 'altGr';
  return shift ? 'shift' : 'base';
}

/** What a key gives with these modifiers on this layout; undefined when it types nothing. */
export function keyOutput(layout: KeyboardLayout, usage: number, modifiers: number): KeyOutput | undefined {
  const state = keyStateFor(modifiers);
  if (!state) return undefined;
  return layout.keys.get(usage)?.[state];
}

/** One key press as a scanner sends it. */
export interface Keystroke {
  usage: number;
  modifiers: number;
}

const STATE_MODIFIERS: Record<KeyState, number> = {
  base: 0,
  shift: HID_MODIFIER.leftShift,
  altGr: HID_MODIFIER.rightAlt,
  shiftAltGr: HID_MODIFIER.leftShift | HID_MODIFIER.rightAlt,
};
const STATE_COST: Record<KeyState, number> = { base: 0, shift: 1, altGr: 2, shiftAltGr: 3 };
const isKeypad = (usage: number) => usage >= 0x54 && usage <= 0x67;

/**
 * The key presses that type `char` on this layout, the way a scanner configured for it
 * would: the plainest key wins (no modifier before Shift before AltGr, main block before
 * keypad); a character that exists only on a dead key is sent as that key then Space.
 * Undefined when the layout cannot type the character.
 */
export function keystrokesFor(layout: KeyboardLayout, char: string): Keystroke[] | undefined {
  let best: { stroke: Keystroke; dead: boolean; cost: number } | undefined;
  for (const [usage, mapping] of layout.keys) {
    for (const state of Object.keys(STATE_COST) as KeyState[]) {
      const out = mapping[state];
      if (!out || out.char !== char) continue;
      const cost = (out.dead ? 100 : 0) + (isKeypad(usage) ? 10 : 0) + STATE_COST[state];
      if (!best || cost < best.cost) best = { stroke: { usage, modifiers: STATE_MODIFIERS[state] }, dead: out.dead === true, cost };
    }
  }
  if (!best) return undefined;
  return best.dead ? [best.stroke, { usage: HID_KEY.space, modifiers: 0 }] : [best.stroke];
}
