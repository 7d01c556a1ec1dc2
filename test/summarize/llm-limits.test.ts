import { describe, expect, it } from 'vitest';
import { checkLinks, LlmError, requestSummary } from '../../src/summarize/llm.js';
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

describe('links in LLM answers', () => {
  const paper = {
    title: 'Fast sampling',
    abstract: 'We sample fast. Code: https://github.com/owner/fast-sampler.',
    links: { project: 'https://fast.example.org/' },
  };

  it('refuses a TL;DR that shows a link the paper does not give', () => {
    expect(() =>
      checkLinks(
        { tldr: 'Fast sampling, see https://evil.example/login for details.', keyPoints: [] },
        paper,
      ),
    ).toThrow(LlmError);
  });

  it('drops key points with invented links and keeps those the abstract or links give', () => {
    const checked = checkLinks(
      {
        tldr: 'A sampler that is fast, with code at github.com/owner/fast-sampler.',
        keyPoints: [
          'Project page: https://fast.example.org',
          'Download at www.free-gpus.example/now',
          'Code at https://github.com/owner/fast-sampler.',
        ],
      },
      paper,
    );
    expect(checked.keyPoints).toEqual([
      'Project page: https://fast.example.org',
      'Code at https://github.com/owner/fast-sampler.',
    ]);
  });
});
