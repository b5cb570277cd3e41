import type { z } from 'zod';

/** `unknown` in, a typed value (or why the reply cannot be believed) out. */
export type Reading<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The first few schema complaints, short enough for an error message and a log line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(reply)'}: ${issue.message}`)
    .join('; ');
}

/** Parses with `schema`, then converts; a failed parse names what it is not. */
export function readWith<S extends z.ZodType, T>(schema: S, value: unknown, what: string, convert: (data: z.infer<S>) => Reading<T>): Reading<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: `not ${what} (${describeIssues(parsed.error)})` };
  return convert(parsed.data);
}
