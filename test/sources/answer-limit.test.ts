import { describe, expect, it } from 'vitest';
import { getText, type HttpDeps } from '../../src/sources/http.js';
import { streamingResponse } from '../support/endless.js';
import { FakeClock } from '../support/fake-clock.js';

function depsAnswering(response: Response): HttpDeps {
  const clock = new FakeClock();
  return { fetch: async () => response, sleep: async () => {}, random: () => 0.5, now: clock.now };
}

describe('live-source answers have a size limit', () => {
  it('stops reading a chunked answer at the limit and fails it as invalid, without retrying', async () => {
    const { response, pulled } = streamingResponse(64 * 1024 * 1024, '[{"paper":1},');
    const res = await getText('https://hf.example/api/daily_papers', {
      deps: depsAnswering(response),
      policy: { maxBytes: 1024 * 1024 },
    });
    expect(res).toMatchObject({ ok: false, attempts: 1, failure: { kind: 'invalid' } });
    expect(!res.ok && res.failure.message).toMatch(/larger than 1048576 bytes/);
    expect(pulled.bytes).toBeLessThanOrEqual(1024 * 1024 + 2 * 65_536);
  });

  it('reads an answer under the limit whole', async () => {
    const { response } = streamingResponse(200_000, 'ab');
    const res = await getText('https://hf.example/x', { deps: depsAnswering(response) });
    expect(res.ok && res.text.length).toBe(200_000 + (65_536 - (200_000 % 65_536)));
  });
});
