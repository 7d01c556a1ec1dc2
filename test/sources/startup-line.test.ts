import { describe, expect, it } from 'vitest';
import { startupLine } from '../../src/sources/startup-line.js';
import { refreshReport } from './helpers.js';

const offline = (source: 'hf' | 'arxiv') =>
  refreshReport({
    source,
    outcome: 'failed',
    problems: [{ kind: 'offline', message: 'no network: cannot reach huggingface.co', url: 'https://x' }],
  });

describe('the console line about the start-up refresh', () => {
  it('says offline once, names where the details are and how to turn the sources off', () => {
    const line = startupLine([offline('hf'), offline('arxiv')]);
    expect(line).toMatch(/^live sources: offline, serving the bundled catalog/);
    expect(line).toContain('paperboy sources status');
    expect(line).toContain('PAPERBOY_SOURCES=none');
    expect(line).not.toContain('\n');
  });

  it('says what was fetched, and which source failed for another reason', () => {
    const line = startupLine([
      refreshReport({ source: 'hf', added: 12 }),
      refreshReport({
        source: 'arxiv',
        outcome: 'failed',
        problems: [{ kind: 'http', status: 500, message: 'HTTP 500', url: 'https://x' }],
      }),
    ]);
    expect(line).toBe(
      'live sources: fetched 12 new papers from hf; arxiv failed (HTTP 500); details: paperboy sources status',
    );
  });

  it('says nothing when nothing happened worth a line', () => {
    expect(startupLine([refreshReport({})])).toBeUndefined();
    expect(startupLine([])).toBeUndefined();
  });
});
