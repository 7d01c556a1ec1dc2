import { describe, expect, it } from 'vitest';
import { LlmError, requestSummary } from '../../src/summarize/llm.js';
import { streamingResponse } from '../support/endless.js';

const CONFIG = { baseUrl: 'https://llm.example/v1', model: 'm', timeoutMs: 5_000 };
const PAPER = { title: 'A paper', abstract: 'We study things. We find results.' };

describe('LLM replies have a size limit', () => {
  it('stops reading a chunked reply with no content-length once it passes 1 MB', async () => {
    const { response, pulled } = streamingResponse(50 * 1024 * 1024);
    const failure = await requestSummary(PAPER, CONFIG, async () => response).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LlmError);
    expect((failure as LlmError).reason).toBe('too-long');
    expect(pulled.bytes).toBeLessThanOrEqual((1 << 20) + 2 * 65_536);
  });
});
