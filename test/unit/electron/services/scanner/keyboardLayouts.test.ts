import {
  endsScan,
  getKeyboardLayout,
  HID_MODIFIER,
  isKeyboardLayoutId,
  KEYBOARD_LAYOUT_IDS,
  KEYBOARD_LAYOUTS,
  keyOutput,
  keyStateFor,
  keystrokesFor,
  terminatorKeyOf,
} from '../../../../../electron/services/scanner/keyboardLayouts';

const us = getKeyboardLayout('us');
const de = getKeyboardLayout('de');
const fr = getKeyboardLayout('fr');
const SHIFT = HID_MODIFIER.leftShift;
const RSHIFT = HID_MODIFIER.rightShift;
const ALTGR = HID_MODIFIER.rightAlt;

describe('keyboard layouts', () => {
  it('lists every layout id once', () => {
    expect(KEYBOARD_LAYOUTS.map((l) => l.id)).toEqual([...KEYBOARD_LAYOUT_IDS]);
    expect(isKeyboardLayoutId('de')).toBe(true);
    expect(isKeyboardLayoutId('xx')).toBe(false);
    expect(() => getKeyboardLayout('xx' as never)).toThrow(RangeError);
  });

  // [usage, modifiers, US, DE, FR]: the same key press means different text per layout.
  const table: Array<[number, number, string | undefined, string | undefined, string | undefined]> = [
    [0x04, 0, 'a', 'a', 'q'],
    [0x04, SHIFT, 'A', 'A', 'Q'],
    [0x04, RSHIFT, 'A', 'A', 'Q'],
    [0x14, 0, 'q', 'q', 'a'],
    [0x14, ALTGR, undefined, '@', undefined],
    [0x1c, 0, 'y', 'z', 'y'],
    [0x1d, 0, 'z', 'y', 'w'],
    [0x1e, 0, '1', '1', '&'],
    [0x1e, SHIFT, '!', '!', '1'],
    [0x1f, SHIFT, '@', '"', '2'],
    [0x27, 0, '0', '0', 'à'],
    [0x27, SHIFT, ')', '=', '0'],
    [0x27, ALTGR, undefined, '}', '@'],
    [0x2c, 0, ' ', ' ', ' '],
    [0x2d, 0, '-', 'ß', ')'],
    [0x2d, SHIFT, '_', '?', '°'],
    [0x2e, 0, '=', '´', '='],
    [0x2f, 0, '[', 'ü', '^'],
    [0x30, 0, ']', '+', '$'],
    [0x31, 0, '\\', '#', '*'],
    [0x33, 0, ';', 'ö', 'm'],
    [0x34, 0, "'", 'ä', 'ù'],
    [0x35, 0, '`', '^', '²'],
    [0x35, SHIFT, '~', '°', undefined],
    [0x36, 0, ',', ',', ';'],
    [0x37, 0, '.', '.', ':'],
    [0x38, 0, '/', '-', '!'],
    [0x38, SHIFT, '?', '_', '§'],
    [0x59, 0, '1', '1', '1'],
    [0x62, 0, '0', '0', '0'],
    [0x63, 0, '.', ',', '.'],
    [0x54, 0, '/', '/', '/'],
    [0x55, 0, '*', '*', '*'],
    [0x56, 0, '-', '-', '-'],
    [0x57, 0, '+', '+', '+'],
    [0x64, 0, '\\', '<', '<'],
    [0x64, ALTGR, undefined, '|', undefined],
    [0x28, 0, undefined, undefined, undefined],
    [0x2b, 0, undefined, undefined, undefined],
    [0x29, 0, undefined, undefined, undefined],
  ];
  it.each(table)('usage 0x%s with modifiers 0x%s', (usage, modifiers, usChar, deChar, frChar) => {
    expect(keyOutput(us, usage, modifiers)?.char).toBe(usChar);
    expect(keyOutput(de, usage, modifiers)?.char).toBe(deChar);
    expect(keyOutput(fr, usage, modifiers)?.char).toBe(frChar);
  });

  it('marks dead keys', () => {
    expect(keyOutput(de, 0x35, 0)).toEqual({ char: '^', dead: true });
    expect(keyOutput(de, 0x2e, SHIFT)).toEqual({ char: '`', dead: true });
    expect(keyOutput(fr, 0x2f, 0)).toEqual({ char: '^', dead: true });
    // French AltGr+9 is the plain caret, not the dead one.
    expect(keyOutput(fr, 0x26, ALTGR)).toEqual({ char: '^' });
    expect(keyOutput(us, 0x23, SHIFT)).toEqual({ char: '^' });
  });

  it('reads modifiers as text states, shortcuts as nothing', () => {
    expect(keyStateFor(0)).toBe('base');
    expect(keyStateFor(SHIFT | RSHIFT)).toBe('shift');
    expect(keyStateFor(ALTGR)).toBe('altGr');
    expect(keyStateFor(ALTGR | RSHIFT)).toBe('shiftAltGr');
    expect(keyStateFor(HID_MODIFIER.leftCtrl | HID_MODIFIER.leftAlt)).toBe('altGr');
    expect(keyStateFor(HID_MODIFIER.leftCtrl)).toBeUndefined();
    expect(keyStateFor(HID_MODIFIER.leftAlt)).toBeUndefined();
    expect(keyStateFor(HID_MODIFIER.leftGui | SHIFT)).toBeUndefined();
    expect(keyStateFor(HID_MODIFIER.rightGui)).toBeUndefined();
  });

  it('knows the terminators', () => {
    expect(terminatorKeyOf(0x28)).toBe('enter');
    expect(terminatorKeyOf(0x58)).toBe('enter');
    expect(terminatorKeyOf(0x2b)).toBe('tab');
    expect(terminatorKeyOf(0x2c)).toBeUndefined();
    expect(endsScan('enter', 'tab')).toBe(false);
    expect(endsScan('tab', 'tab')).toBe(true);
    expect(endsScan('enterOrTab', 'enter')).toBe(true);
  });

  it('types each character a layout has with the plainest key', () => {
    expect(keystrokesFor(us, '1')).toEqual([{ usage: 0x1e, modifiers: 0 }]); // main row, not keypad
    expect(keystrokesFor(us, 'A')).toEqual([{ usage: 0x04, modifiers: SHIFT }]);
    expect(keystrokesFor(fr, '1')).toEqual([{ usage: 0x1e, modifiers: SHIFT }]);
    expect(keystrokesFor(de, '@')).toEqual([{ usage: 0x14, modifiers: ALTGR }]);
    expect(keystrokesFor(de, '^')).toEqual([
      { usage: 0x35, modifiers: 0 },
      { usage: 0x2c, modifiers: 0 },
    ]);
    expect(keystrokesFor(fr, '^')).toEqual([{ usage: 0x26, modifiers: ALTGR }]);
    expect(keystrokesFor(us, 'é')).toBeUndefined();
    expect(keystrokesFor(fr, 'é')).toEqual([{ usage: 0x1f, modifiers: 0 }]);
  });

  it.each(KEYBOARD_LAYOUT_IDS)('%s: every character maps back to a key that types it', (id) => {
    const layout = getKeyboardLayout(id);
    for (const mapping of layout.keys.values()) {
      for (const out of Object.values(mapping)) {
        const strokes = keystrokesFor(layout, out.char);
        expect(strokes, out.char).toBeDefined();
        const first = keyOutput(layout, strokes![0]!.usage, strokes![0]!.modifiers);
        expect(first?.char).toBe(out.char);
        expect(strokes!.length).toBe(first?.dead ? 2 : 1);
      }
    }
  });
});
