import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { formatLogLine, textLogStream } from '../../../src/platforms/console/log-sink.js';

describe('console log lines', () => {
  it('turns pino records into one readable line with the cause', () => {
    expect(formatLogLine('{"level":40,"msg":"hf refresh failed","err":{"message":"ECONNREFUSED"}}')).toBe(
      'warning: hf refresh failed (ECONNREFUSED)',
    );
    expect(formatLogLine('not json')).toBe('not json');
  });

  it('hands each record to the current writer', async () => {
    const seen: string[] = [];
    let writer = (t: string) => seen.push(`a:${t}`);
    const logger = pino(
      { level: 'info' },
      textLogStream(() => writer),
    );
    logger.warn('first');
    writer = (t: string) => seen.push(`b:${t}`);
    logger.error({ err: new Error('boom') }, 'second');
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['a:warning: first\n', 'b:error: second (boom)\n']);
  });
});
