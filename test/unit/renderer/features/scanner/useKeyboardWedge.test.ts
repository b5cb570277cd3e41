import { SAMPLE_PAYMENT_CODES } from '../../../../../shared/payments/vendors';

/**
 * The window-wide part of useKeyboardWedge, driven without a browser: stand-ins for the
 * DOM classes it checks (HTMLElement, HTMLInputElement, HTMLTextAreaElement), a window
 * that holds its listeners, and keydowns that type into a field unless prevented, as a
 * browser's would.
 */
class FakeElement extends EventTarget {
  tagName = 'DIV';
  isContentEditable = false;
  isConnected = true;
}
class FakeInput extends FakeElement {
  override tagName = 'INPUT';
  #value = '';
  get value() {
    return this.#value;
  }
  set value(next: string) {
    this.#value = next;
  }
}
class FakeTextArea extends FakeInput {
  override tagName = 'TEXTAREA';
}

class FakeWindow {
  private readonly listeners = new Map<string, Set<(event: unknown) => void>>();
  addEventListener(type: string, listener: (event: unknown) => void) {
    this.listeners.set(type, (this.listeners.get(type) ?? new Set()).add(listener));
  }
  removeEventListener(type: string, listener: (event: unknown) => void) {
    this.listeners.get(type)?.delete(listener);
  }
  listening(type: string) {
    return this.listeners.get(type)?.size ?? 0;
  }
  /** A keydown; returns whether it was prevented, and types the character into `target` if not, as a browser would. */
  press(key: string, at: number, target: FakeElement): boolean {
    let prevented = false;
    const event = { key, timeStamp: at, target, repeat: false, metaKey: false, ctrlKey: false, altKey: false, preventDefault: () => (prevented = true), stopPropagation() {} };
    for (const listener of this.listeners.get('keydown') ?? []) listener(event);
    if (!prevented && [...key].length === 1 && target instanceof FakeInput) target.value += key;
    return prevented;
  }
}

let subscribeKeyboardWedge: typeof import('../../../../../renderer/features/scanner/useKeyboardWedge').subscribeKeyboardWedge;

beforeAll(async () => {
  vi.stubGlobal('HTMLElement', FakeElement);
  vi.stubGlobal('HTMLInputElement', FakeInput);
  vi.stubGlobal('HTMLTextAreaElement', FakeTextArea);
  ({ subscribeKeyboardWedge } = await import('../../../../../renderer/features/scanner/useKeyboardWedge'));
});
afterAll(() => vi.unstubAllGlobals());

const CODE = SAMPLE_PAYMENT_CODES.alipay;

/** Types `text` then (unless null) Enter, `gap` ms apart from `start`; returns whether each key was prevented. */
function type(host: FakeWindow, text: string, gap: number, start: number, target: FakeElement, terminator: string | null = 'Enter'): boolean[] {
  return [...text, ...(terminator ? [terminator] : [])].map((key, i) => host.press(key, start + i * gap, target));
}

describe('useKeyboardWedge: one detector per window', () => {
  it('a slow scan into the focused manual code field: the code goes to the screen, not into the field or its form', () => {
    const host = new FakeWindow();
    const scans: string[] = [];
    const stop = subscribeKeyboardWedge({ current: (code) => scans.push(code) }, host);
    const field = new FakeInput();
    const prevented = type(host, CODE, 48, 1_000, field);
    expect(scans).toEqual([CODE]);
    expect(field.value).toBe('');
    expect(prevented.at(-1)).toBe(true);
    stop();
    expect(host.listening('keydown')).toBe(0);
  });

  it('a person typing the code in that field, then Enter: the form gets it, no scan', () => {
    const host = new FakeWindow();
    const scans: string[] = [];
    const stop = subscribeKeyboardWedge({ current: (code) => scans.push(code) }, host);
    const field = new FakeInput();
    const gaps = [120, 95, 210, 160, 140, 260, 105, 180, 150, 90, 230, 170, 130, 200, 110, 190, 150, 240];
    let at = 5_000;
    const prevented = [...CODE, 'Enter'].map((key, i) => host.press(key, (at += gaps[i]!), field));
    expect(scans).toEqual([]);
    expect(field.value).toBe(CODE);
    expect(prevented.some(Boolean)).toBe(false);
    stop();
  });

  it('a scan begun on the amount screen right after Enter and finished on the waiting screen is taken whole, by the waiting screen', () => {
    const host = new FakeWindow();
    const amountScreen: string[] = [];
    const waitingScreen: string[] = [];
    const amount = new FakeInput();
    const stopAmount = subscribeKeyboardWedge({ current: (code) => amountScreen.push(code) }, host);
    type(host, '12.50', 150, 1_000, amount);
    expect(amount.value).toBe('12.50');
    // 3 ms after that Enter the scanner starts; the sale starts and the screens change after 12 keys.
    type(host, CODE.slice(0, 12), 6, 1_603, amount, null);
    amount.isConnected = false;
    stopAmount();
    const stopWaiting = subscribeKeyboardWedge({ current: (code) => waitingScreen.push(code) }, host);
    type(host, CODE.slice(12), 6, 1_603 + 12 * 6, new FakeElement());
    expect(waitingScreen).toEqual([CODE]);
    expect(amountScreen).toEqual([]);
    stopWaiting();
  });

  it('while two screens subscribe the last one gets the scans; when it goes, the other does again', () => {
    const host = new FakeWindow();
    const first: string[] = [];
    const second: string[] = [];
    const body = new FakeElement();
    const stopFirst = subscribeKeyboardWedge({ current: (code) => first.push(code) }, host);
    const stopSecond = subscribeKeyboardWedge({ current: (code) => second.push(code) }, host);
    expect(host.listening('keydown')).toBe(1);
    type(host, CODE, 8, 1_000, body);
    stopSecond();
    type(host, SAMPLE_PAYMENT_CODES.wechatpay, 8, 5_000, body);
    expect(second).toEqual([CODE]);
    expect(first).toEqual([SAMPLE_PAYMENT_CODES.wechatpay]);
    stopFirst();
  });

  it('takes out of a field only what the scan typed there, after the person\'s own text', () => {
    const host = new FakeWindow();
    const scans: string[] = [];
    const stop = subscribeKeyboardWedge({ current: (code) => scans.push(code) }, host);
    const field = new FakeInput();
    type(host, '88', 150, 1_000, field, null);
    type(host, CODE, 8, 1_400, field);
    expect(scans).toEqual([CODE]);
    expect(field.value).toBe('88');
    stop();
  });
});
