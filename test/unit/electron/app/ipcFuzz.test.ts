/**
 * Every call's arguments are checked in main before use. This throws malformed payloads
 * at the real dispatcher with the real schemas — generated from a seeded PRNG, derived
 * from each call's schema so new calls are covered without editing this file — and at the
 * browser host over a real WebSocket. Each must come back as a typed error; no handler
 * may run and nothing may throw.
 *
 * "Malformed" is decided by construction, not by asking the schema: a payload is built to
 * break a rule that holds for every call (arguments are a plain object with exactly the
 * declared keys, each of the declared type and within its declared bounds).
 */
import { z } from 'zod';
import WebSocket from 'ws';
import { createCallDispatcher, type CallHandlers } from '../../../../electron/app/callDispatcher';
import type { PosApp } from '../../../../electron/app/posApp';
import { MAX_FRAME_BYTES, startBrowserHost, type BrowserHost } from '../../../../electron/host/browserHost';
import { createLogger } from '../../../../electron/services/log/logger';
import { CALL_SCHEMAS } from '../../../../shared/bridge/callSchemas';
import { CALL_NAMES, callChannel, type CallName } from '../../../../shared/bridge/contract';
import { makeTempDir } from '../../../fixtures/tempDir';

const SEED = 0x5eedc0de;
/** Generated malformed payloads per call through the dispatcher. */
const PER_CALL = 1200;
/** Per call over the WebSocket (each a round trip; the dispatcher run above is the bulk). */
const PER_CALL_WS = 150;

// ---------------------------------------------------------------------------------------
// Seeded randomness

type Rng = () => number;
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!;

const ALPHABETS = ['abcdefghijklmnopqrstuvwxyz', '0123456789', ' \t\r\n', '\u0000\u0001\u001b\u007f', '支付宝微信银联', '🙂💳🏧', '\ud800\udfff', '"\'\\`<>{}[]/'];
function randomString(rng: Rng, maxLength = 24): string {
  const length = int(rng, maxLength + 1);
  let out = '';
  for (let i = 0; i < length; i += 1) {
    const alphabet = pick(rng, ALPHABETS);
    out += alphabet[int(rng, alphabet.length)];
  }
  return out;
}

/** Nested arrays and objects, `depth` levels deep. */
function deep(rng: Rng, depth: number): unknown {
  let value: unknown = randomString(rng, 4);
  for (let i = 0; i < depth; i += 1) value = rng() < 0.5 ? [value] : { [pick(rng, ['a', 'x', '__proto__', 'constructor'])]: value };
  return value;
}

/** Own enumerable property, even for "__proto__" (as JSON.parse and structured clone make it). */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

const NUMBERS = [0, -0, 1, -1, 0.5, 1e21, -1e21, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31)];
const NON_FINITE = [NaN, Infinity, -Infinity];

/**
 * Any value a window could send. `json` limits it to values that survive JSON unchanged
 * (the WebSocket path); otherwise structured-clone values too (the IPC path).
 */
function anyValue(rng: Rng, json: boolean, depth = 0): unknown {
  const kinds = json ? 7 : 17;
  switch (int(rng, kinds)) {
    case 0:
      return null;
    case 1:
      return rng() < 0.5;
    case 2:
      return rng() < 0.5 ? pick(rng, NUMBERS.filter((n) => !Object.is(n, -0))) : (rng() - 0.5) * 10 ** int(rng, 20);
    case 3:
      return randomString(rng);
    case 4:
      return depth > 2 ? [] : Array.from({ length: int(rng, 4) }, () => anyValue(rng, json, depth + 1));
    case 5:
      return depth > 2 ? {} : Object.fromEntries(Array.from({ length: int(rng, 3) }, () => [randomString(rng, 6), anyValue(rng, json, depth + 1)]));
    case 6:
      return deep(rng, 1 + int(rng, json ? 200 : 2000));
    case 7:
      return pick(rng, NON_FINITE);
    case 8:
      return -0;
    case 9:
      return BigInt(int(rng, 1000)) * 10n ** 30n;
    case 10:
      return new Date(int(rng, 2 ** 40));
    case 11:
      return new Map([[randomString(rng, 4), anyValue(rng, json, depth + 1)]]);
    case 12:
      return new Set([1, 'a']);
    case 13:
      return pick(rng, [new Uint8Array(int(rng, 8)), new Float64Array([NaN, 1]), new Int32Array(2), new ArrayBuffer(4), new DataView(new ArrayBuffer(2))]);
    case 14:
      return /a+/giu;
    case 15:
      return new Error(randomString(rng));
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// What each call declares, read from its schema

type FieldType =
  | { kind: 'number'; int: boolean; min: number | null; max: number | null }
  | { kind: 'string'; minLength: number | null; maxLength: number | null }
  | { kind: 'enum'; options: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'object'; fields: Field[]; strict: boolean };
interface Field {
  name: string;
  optional: boolean;
  type: FieldType;
  /** The field's schema without its optional wrapper. */
  schema: z.ZodType;
}

function fieldType(schema: z.ZodType): FieldType {
  if (schema instanceof z.ZodNumber) return { kind: 'number', int: Boolean(schema.isInt), min: schema.minValue ?? null, max: schema.maxValue ?? null };
  if (schema instanceof z.ZodString) return { kind: 'string', minLength: schema.minLength ?? null, maxLength: schema.maxLength ?? null };
  if (schema instanceof z.ZodEnum) return { kind: 'enum', options: schema.options as string[] };
  if (schema instanceof z.ZodBoolean) return { kind: 'boolean' };
  if (schema instanceof z.ZodObject) return { kind: 'object', fields: fieldsOfObject(schema), strict: schema._zod.def.catchall instanceof z.ZodNever };
  throw new Error(`ipcFuzz: no generator for a ${schema.constructor.name} argument yet; teach fieldType() about it`);
}

function fieldsOfObject(schema: z.ZodObject): Field[] {
  return Object.entries(schema.shape).map(([name, value]) => {
    const optional = value instanceof z.ZodOptional;
    const inner = (optional ? value.unwrap() : value) as z.ZodType;
    return { name, optional, type: fieldType(inner), schema: inner };
  });
}

const fieldsOf = (name: CallName): Field[] => fieldsOfObject(CALL_SCHEMAS[name] as unknown as z.ZodObject);

/**
 * A value the field accepts: the first of a few ordinary candidates its schema takes.
 * (Only valid examples are chosen with the schema's help; malformed ones never are.)
 */
function validValue(field: Field): unknown {
  const { type } = field;
  const candidates: unknown[] =
    type.kind === 'number'
      ? [1, type.min ?? 0, (type.min ?? 0) + 1, 10, 100]
      : type.kind === 'string'
        ? ['A', '1', 'a', 'A1', '0000', '11', 'CN', '2026-01-31', '2026-01-31T09:30:00.000Z', 'https://example.com/', '123456', '6222020200112233445', 'A'.repeat(43)]
        : type.kind === 'enum'
          ? [...type.options]
          : type.kind === 'boolean'
            ? [true]
            : [validObject(type.fields)];
  const value = candidates.find((candidate) => field.schema.safeParse(candidate).success);
  if (value === undefined) throw new Error(`ipcFuzz: cannot make a valid value for ${field.name}; add a candidate to validValue()`);
  return value;
}

/** Required fields only, each with a valid value. */
function validObject(fields: Field[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => !f.optional).map((f) => [f.name, validValue(f)]));
}

const validExample = (name: CallName): Record<string, unknown> => validObject(fieldsOf(name));

/** Values of the wrong type for a field (never the right JS type, never undefined). */
function wrongTypeValue(rng: Rng, field: Field, json: boolean): unknown {
  const { type } = field;
  const clone: unknown[] = json ? [] : [new Uint8Array(2), new Map(), new Set(), 10n, /x/, new Error('x'), new Date(0)];
  if (type.kind === 'object') {
    const example = validObject(type.fields);
    return pick(rng, [null, true, false, 0, 1, '', 'x', JSON.stringify(example), [], [example], ...clone, ...(json ? [] : [Object.create(example), ...NON_FINITE])]);
  }
  const common: unknown[] = [null, true, false, [], [validValue(field)], {}, { value: validValue(field) }, deep(rng, 50)];
  switch (type.kind) {
    case 'number':
      return pick(rng, [...common, ...clone, ...(json ? [] : NON_FINITE), '1', '1234', '', '0x10', '1e3', randomString(rng)]);
    case 'string':
    case 'enum':
      return pick(rng, [...common, ...clone, 0, 1, -1, 12.5, ...(json ? [] : NON_FINITE)]);
    case 'boolean':
      return pick(rng, [...common.filter((v) => typeof v !== 'boolean'), ...clone, 'true', 'false', 1, 0, '']);
  }
}

/** Values of the right JS type but outside the field's declared bounds; undefined if none. */
function outOfBoundsValue(rng: Rng, type: FieldType, json: boolean): unknown {
  const candidates: unknown[] = [];
  if (type.kind === 'number') {
    if (type.int) candidates.push(0.5, 1 + rng(), 1234.5, Number.EPSILON);
    if (type.min !== null) candidates.push(type.min - 1, type.min - 1 - int(rng, 1e9), -Number.MAX_VALUE);
    if (type.max !== null && Number.isFinite(type.max)) candidates.push(type.max + 2 ** 11, Number.MAX_VALUE, 2 ** 60);
  } else if (type.kind === 'string') {
    if (type.maxLength !== null) {
      // Over the WebSocket, keep the frame under maxPayload; oversize frames are their own test.
      const room = json ? 8_000 : rng() < 0.05 ? 1_000_000 : 10_000;
      candidates.push('9'.repeat(type.maxLength + 1 + int(rng, room)));
    }
    if (type.minLength !== null && type.minLength > 0) candidates.push('');
  } else if (type.kind === 'enum') {
    const first = type.options[0]!;
    candidates.push(first.toUpperCase(), ` ${first}`, `${first} `, `${first}\u0000`, first.slice(1), `${first}x`, randomString(rng));
  } else if (type.kind === 'object') {
    // An object of the right shape with a fault inside it.
    const inner = malformedObject(rng, type.fields, type.strict, json, false);
    if (inner) candidates.push(inner.payload);
  }
  const outside = candidates.filter((v) => !(type.kind === 'enum' && type.options.includes(v as string)));
  return outside.length > 0 ? pick(rng, outside) : undefined;
}

const KEY_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then', 'id', 'call', 'args', '', ' ', '\u0000', 'k'.repeat(10_000)];

/**
 * One malformed object for `fields`, built to break a rule (at the top level: "arguments
 * are a plain object" too). Undefined when no rule can be broken (an empty non-strict object).
 */
function malformedObject(rng: Rng, fields: Field[], strict: boolean, json: boolean, top: boolean): { category: string; payload: unknown } | undefined {
  const declared = new Set(fields.map((f) => f.name));
  const example = validObject(fields);
  const required = fields.filter((f) => !f.optional);
  const bounded = fields.map((f) => ({ f, v: outOfBoundsValue(rng, f.type, json) })).filter((x) => x.v !== undefined);
  const categories = [
    ...(top ? ['not an object'] : []),
    ...(strict ? ['undeclared key'] : []),
    ...(fields.length > 0 ? ['wrong type', 'everything wrong'] : []),
    ...(required.length > 0 ? ['missing field'] : []),
    ...(bounded.length > 0 ? ['out of bounds'] : []),
  ];
  if (categories.length === 0) return undefined;
  const category = pick(rng, categories);
  switch (category) {
    case 'not an object': {
      const pool: unknown[] = [null, true, 0, -1, 1.5, '', randomString(rng), JSON.stringify(example), [], [example], deep(rng, 1 + int(rng, 500)), Array.from({ length: 3 }, () => anyValue(rng, json))];
      if (!json) pool.push(...NON_FINITE, -0, 5n, new Date(), new Map(Object.entries(example)), new Set([example]), new Uint8Array(4), new Float32Array(0), new ArrayBuffer(8), /./, new Error('x'), Object.create(example), new Boolean(true), new Number(1), new String('{}'));
      return { category, payload: pick(rng, pool) };
    }
    case 'undeclared key': {
      // Every declared key, plus keys nobody declared (prototype names included).
      const payload: Record<string, unknown> = { ...example };
      const count = 1 + int(rng, 4);
      for (let i = 0; i < count; i += 1) {
        let key = rng() < 0.6 ? pick(rng, KEY_NAMES) : randomString(rng, 12);
        if (declared.has(key)) key = `${key}_`;
        let value = anyValue(rng, json);
        if (json && value === undefined) value = null;
        withOwn(payload, key, value);
      }
      return { category, payload };
    }
    case 'wrong type': {
      const field = pick(rng, fields);
      return { category: `wrong type (${field.type.kind})`, payload: { ...example, [field.name]: wrongTypeValue(rng, field, json) } };
    }
    case 'missing field': {
      const payload = { ...example };
      delete payload[pick(rng, required).name];
      return { category, payload };
    }
    case 'out of bounds': {
      const { f, v } = pick(rng, bounded);
      return { category: `out of bounds (${f.type.kind})`, payload: { ...example, [f.name]: v } };
    }
    default: {
      // Several faults at once: wrong types everywhere, and a prototype key where it is undeclared.
      const payload: Record<string, unknown> = {};
      for (const f of fields) payload[f.name] = wrongTypeValue(rng, f, json);
      if (strict) withOwn(payload, pick(rng, ['__proto__', 'constructor']), { polluted: true, prototype: { polluted: true } });
      return { category, payload };
    }
  }
}

/** One malformed payload for `name`, built to break a rule every call shares. */
function malformed(rng: Rng, name: CallName, json: boolean): { category: string; payload: unknown } {
  const schema = CALL_SCHEMAS[name] as unknown as z.ZodObject;
  return malformedObject(rng, fieldsOf(name), schema._zod.def.catchall instanceof z.ZodNever, json, true)!;
}

function spyHandlers() {
  const called: string[] = [];
  const handlers = new Proxy({} as CallHandlers, {
    get: (_target, name) => () => {
      called.push(String(name));
      return { ok: true, value: 'handled' };
    },
  });
  return { handlers, called };
}

const POLLUTION_KEYS = ['polluted', 'prototype', 'amount', 'code', 'language'];
function expectPrototypesClean() {
  for (const key of POLLUTION_KEYS) {
    expect(Object.prototype).not.toHaveProperty(key);
    expect(({} as Record<string, unknown>)[key]).toBeUndefined();
  }
  expect({}.constructor).toBe(Object);
}

// ---------------------------------------------------------------------------------------

describe('IPC argument schemas under fuzzing (dispatcher, structured-clone values)', () => {
  const logLines: string[] = [];
  const log = createLogger((line) => logLines.push(line), () => []);

  it('covers every call with strict object schemas (nested ones too) whose strings are all bounded', () => {
    const check = (where: string, fields: Field[]) => {
      for (const field of fields) {
        if (field.type.kind === 'string' && field.type.maxLength === null) {
          // No .max(): then an anchored pattern must bound it. Long inputs of every shape fail.
          const valid = String(validValue(field));
          for (const long of ['0'.repeat(100_000), 'A'.repeat(100_000), valid.repeat(10_000), valid + ' '.repeat(100_000)]) {
            expect(field.schema.safeParse(long).success, `${where}.${field.name} needs a maximum length`).toBe(false);
          }
        }
        if (field.type.kind === 'object') {
          expect(field.type.strict, `${where}.${field.name} must be .strict()`).toBe(true);
          check(`${where}.${field.name}`, field.type.fields);
        }
      }
    };
    for (const name of CALL_NAMES) {
      const schema = CALL_SCHEMAS[name] as unknown as z.ZodObject;
      expect(schema, name).toBeInstanceOf(z.ZodObject);
      expect(schema._zod.def.catchall, `${name} must be .strict()`).toBeInstanceOf(z.ZodNever);
      check(name, fieldsOf(name));
    }
  });

  it.each(CALL_NAMES.map((name) => [name]))('derives a valid %s call that reaches its handler (the spy works)', async (name) => {
    const { handlers, called } = spyHandlers();
    const dispatch = createCallDispatcher(handlers, log);
    await expect(dispatch(name, validExample(name))).resolves.toEqual({ ok: true, value: 'handled' });
    expect(called).toEqual([name]);
  });

  it.each(CALL_NAMES.map((name) => [name]))(`answers ${PER_CALL} malformed %s payloads with INVALID_CALL, never running the handler`, async (name) => {
    const rng = mulberry32(SEED ^ [...name].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7));
    const { handlers, called } = spyHandlers();
    const dispatch = createCallDispatcher(handlers, log);
    const categories = new Map<string, number>();
    for (let i = 0; i < PER_CALL; i += 1) {
      const { category, payload } = malformed(rng, name, false);
      categories.set(category, (categories.get(category) ?? 0) + 1);
      let result: unknown;
      try {
        result = await dispatch(name, payload);
      } catch (error) {
        throw new Error(`dispatch threw on ${category} payload #${i}: ${String(error)}`);
      }
      expect(result, `${category} payload #${i}`).toMatchObject({ ok: false, error: { code: 'INVALID_CALL', params: { call: name } } });
      expect(typeof (result as { error: { params: { field: unknown } } }).error.params.field).toBe('string');
    }
    expect(called).toEqual([]);
    expect(logLines).toEqual([]);
    // Every kind of fault was exercised, not just the cheapest one.
    expect(categories.size).toBeGreaterThanOrEqual(fieldsOf(name).length > 0 ? 5 : 2);
    expectPrototypesClean();
  });

  it('refuses 1,000 generated bad call names with UNKNOWN_CALL', async () => {
    const rng = mulberry32(SEED + 1);
    const { handlers, called } = spyHandlers();
    const dispatch = createCallDispatcher(handlers, log);
    const near = (n: string) => pick(rng, [n.toUpperCase(), ` ${n}`, `${n} `, `${n}\u0000`, n.slice(0, -1), `${n}s`, callChannel(n as CallName), n.normalize('NFD') + '\u0301']);
    for (let i = 0; i < 1000; i += 1) {
      const name = pick(rng, [
        () => randomString(rng, 30),
        () => near(pick(rng, CALL_NAMES)),
        () => pick(rng, ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__lookupGetter__', '']),
        () => anyValue(rng, false),
        () => [pick(rng, CALL_NAMES)],
        () => new String(pick(rng, CALL_NAMES)),
        () => ({ toString: () => pick(rng, CALL_NAMES) }),
      ])();
      const name0 = pick(rng, CALL_NAMES);
      await expect(dispatch(name, validExample(name0)), String(name)).resolves.toEqual({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
    expect(called).toEqual([]);
  });

  it('refuses the edge cases a schema could silently accept', async () => {
    const { handlers, called } = spyHandlers();
    const dispatch = createCallDispatcher(handlers, log);
    const invalid = async (name: CallName, args: unknown) => expect(await dispatch(name, args)).toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
    await invalid('startSale', { amount: -0 });
    await invalid('startSale', Object.create({ amount: 1 }));
    await invalid('getSnapshot', null);
    await invalid('getSnapshot', new Date());
    await invalid('getSnapshot', new Map());
    await invalid('getSnapshot', JSON.parse('{"__proto__":{"polluted":true}}'));
    await invalid('startSale', JSON.parse('{"amount":1,"__proto__":{"amount":2}}'));
    // Values JSON cannot carry are refused at any depth, and the walk is bounded.
    for (const name of CALL_NAMES) {
      for (const field of fieldsOf(name).filter((f) => f.type.kind === 'object')) {
        const inner = field.type.kind === 'object' ? validObject(field.type.fields) : {};
        for (const value of [new Map(), new Date(), Object.create(inner), new Uint8Array(0)]) await invalid(name, { ...validExample(name), [field.name]: value });
      }
    }
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    const started = performance.now();
    await invalid('getSnapshot', { list: sparse });
    await invalid('getSnapshot', { nested: deep(mulberry32(1), 40) });
    expect(performance.now() - started).toBeLessThan(500);
    // Without arguments (JSON drops undefined) a no-argument call is fine.
    await expect(dispatch('getSnapshot', undefined)).resolves.toEqual({ ok: true, value: 'handled' });
    expect(called).toEqual(['getSnapshot']);
    expectPrototypesClean();
  });
});

describe('IPC argument schemas under fuzzing (browser host, real WebSocket)', () => {
  const temp = makeTempDir();
  let host: BrowserHost;
  let spy: ReturnType<typeof spyHandlers>;
  const logLines: string[] = [];

  beforeAll(async () => {
    spy = spyHandlers();
    const dispatch = createCallDispatcher(spy.handlers, createLogger((line) => logLines.push(line), () => []));
    const app = { call: dispatch, subscribe: () => () => undefined } as unknown as PosApp;
    // A generous limit: this test sends thousands of calls as fast as the socket allows.
    host = await startBrowserHost({ app, rendererDir: temp.dir, port: 0, callRateLimit: { capacity: 1e6, refillPerSecond: 1e6 } });
  });
  afterAll(async () => {
    await host.close();
    temp.cleanup();
  });

  function connect() {
    // The cashier's cookie, as a browser that opened the printed address sends it.
    const cookie = host.access.cashier.cookie;
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: { Origin: `http://127.0.0.1:${host.port}`, Cookie: `${cookie.name}=${cookie.value}` }, maxPayload: 16 * 1024 * 1024 });
    const replies = new Map<number, { ok: boolean; error?: { code: string } }>();
    const unnumbered: unknown[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; id: number; result: { ok: boolean; error?: { code: string } } };
      if (message.id === -1) unnumbered.push(message.result);
      else replies.set(message.id, message.result);
    });
    ws.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
    return { ws, replies, unnumbered, closed, opened };
  }
  async function until(check: () => boolean, what: string) {
    for (let i = 0; i < 1000 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
    if (!check()) throw new Error(`timed out waiting for ${what}`);
  }

  it(`answers ${PER_CALL_WS} malformed JSON payloads per call with INVALID_CALL, and bad names with UNKNOWN_CALL`, async () => {
    const client = connect();
    await client.opened;
    const rng = mulberry32(SEED + 2);
    const sent: Array<{ id: number; expected: string; what: string }> = [];
    let id = 0;
    for (const name of CALL_NAMES) {
      for (let i = 0; i < PER_CALL_WS; i += 1) {
        const { category, payload } = malformed(rng, name, true);
        id += 1;
        const frame = JSON.stringify({ id, call: name, args: payload });
        expect(frame.length).toBeLessThan(MAX_FRAME_BYTES);
        client.ws.send(frame);
        sent.push({ id, expected: 'INVALID_CALL', what: `${name} ${category}` });
      }
    }
    for (let i = 0; i < 200; i += 1) {
      id += 1;
      client.ws.send(JSON.stringify({ id, call: pick(rng, [randomString(rng), '__proto__', 'constructor', null, 7, ['getSnapshot'], { x: 1 }]), args: {} }));
      sent.push({ id, expected: 'UNKNOWN_CALL', what: 'bad name' });
    }
    await until(() => client.replies.size === sent.length, `${sent.length} replies`);
    for (const { id: n, expected, what } of sent) expect(client.replies.get(n), `#${n} ${what}`).toMatchObject({ ok: false, error: { code: expected } });
    expect(spy.called).toEqual([]);
    client.ws.close();
    expectPrototypesClean();
  });

  it('survives garbage frames — non-JSON, binary, deep nesting, invalid UTF-8, oversize — and keeps serving', async () => {
    const rng = mulberry32(SEED + 3);
    const client = connect();
    await client.opened;
    const garbage: Array<string | Buffer> = [
      'not json',
      '',
      '{',
      'null',
      '[]',
      '"string"',
      '12',
      '{"id":"1","call":"getSnapshot"}',
      '{"id":1.5,"call":"getSnapshot"}',
      '{"id":1e400,"call":"getSnapshot"}',
      '{"call":"getSnapshot","args":{}}',
      '['.repeat(20_000) + ']'.repeat(20_000),
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
    ];
    for (let i = 0; i < 100; i += 1) garbage.push(randomString(rng, 200));
    for (const text of garbage) client.ws.send(text);
    for (let i = 0; i < 50; i += 1) client.ws.send(Buffer.from(Array.from({ length: int(rng, 64) }, () => int(rng, 256))), { binary: true });
    client.ws.send(JSON.stringify({ id: 4242, call: 'getSnapshot', args: 'x'.repeat(1000) }));
    await until(() => client.replies.has(4242), 'the last reply');
    // One typed INVALID_CALL per garbage frame, none of them a crash.
    expect(client.unnumbered.length).toBe(garbage.length + 50);
    expect(client.unnumbered.every((r) => (r as { error: { code: string } }).error.code === 'INVALID_CALL')).toBe(true);
    expect(client.replies.get(4242)).toMatchObject({ error: { code: 'INVALID_CALL' } });

    client.ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false });
    expect(await client.closed).toBe(1007);

    const big = connect();
    await big.opened;
    big.ws.send(JSON.stringify({ id: 1, call: 'submitScan', args: { code: 'x'.repeat(MAX_FRAME_BYTES), source: 'wedge' } }));
    expect(await big.closed).toBe(1009);

    const after = connect();
    await after.opened;
    after.ws.send(JSON.stringify({ id: 1, call: 'getSnapshot', args: {} }));
    await until(() => after.replies.has(1), 'a reply after the garbage');
    expect(after.replies.get(1)).toEqual({ ok: true, value: 'handled' });
    after.ws.close();
    expect(spy.called).toEqual(['getSnapshot']);
    expect(logLines).toEqual([]);
  });
});
