// Log lines for people at a terminal: pino's JSON turned into one readable line ("warning: …"), errors included.
import { Writable } from 'node:stream';

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warning',
  50: 'error',
  60: 'fatal',
};

/** One JSON log record → "warning: fetch failed (ECONNREFUSED)". Non-JSON lines pass through. */
export function formatLogLine(line: string): string {
  try {
    const record = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    const level = LEVELS[record.level ?? 30] ?? 'info';
    const cause = record.err?.message ? ` (${record.err.message})` : '';
    return `${level}: ${record.msg ?? ''}${cause}`;
  } catch {
    return line;
  }
}

/** A pino destination that hands each record, made readable, to `write` (which may change over time). */
export function textLogStream(write: () => (text: string) => void): Writable {
  let pending = '';
  return new Writable({
    write(chunk, _encoding, done) {
      pending += String(chunk);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (line) write()(`${formatLogLine(line)}\n`);
        newline = pending.indexOf('\n');
      }
      done();
    },
  });
}
