/** Structured logs: one JSON object a line, with the request id on every line of a call. */
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export function jsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  base: LogFields = {},
): Logger {
  const emit = (level: string, msg: string, fields?: LogFields) =>
    write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...base, ...fields }));
  return {
    info: (msg, f) => emit('info', msg, f),
    warn: (msg, f) => emit('warn', msg, f),
    error: (msg, f) => emit('error', msg, f),
    child: (fields) => jsonLogger(write, { ...base, ...fields }),
  };
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

/** Describes a thrown value for a log line without leaking it to the caller. */
export function describeError(e: unknown): LogFields {
  return e instanceof Error ? { error: e.message, stack: e.stack } : { error: String(e) };
}
