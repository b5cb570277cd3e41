import { redactSecret } from '../../../shared/text/redactSecret';

/**
 * The app's log. Every line passes through redaction of the secrets known at the time
 * (the merchant token, the sandbox token), so a secret cannot reach a log file even when
 * an error message quotes a request.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogSink = (line: string) => void;

export function redact(text: string, secrets: readonly string[]): string {
  // The longest first, so a short secret that is part of a longer one cannot leave half of it behind.
  return [...secrets].sort((a, b) => b.length - a.length).reduce((out, secret) => redactSecret(out, secret), text);
}

export function createLogger(sink: LogSink, secrets: () => readonly string[], now: () => Date = () => new Date()): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const line = `${now().toISOString()} ${level} ${message}${fields ? ' ' + safeJson(fields) : ''}`;
    sink(redact(line, secrets()));
  };
  return {
    info: (m, f) => write('INFO', m, f),
    warn: (m, f) => write('WARN', m, f),
    error: (m, f) => write('ERROR', m, f),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message } : v));
  } catch {
    return '[unserializable]';
  }
}
