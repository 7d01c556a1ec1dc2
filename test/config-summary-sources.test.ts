import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';

describe('readConfig: SUMMARY_SOURCES', () => {
  it('puts the LLM first, then Hugging Face, then the built-in summariser when unset or empty', () => {
    expect(readConfig({}).summarySources).toEqual(['llm', 'hf', 'builtin']);
    expect(readConfig({ SUMMARY_SOURCES: ' ' }).summarySources).toEqual(['llm', 'hf', 'builtin']);
  });

  it('takes another order, or fewer sources', () => {
    expect(readConfig({ SUMMARY_SOURCES: 'hf,llm,builtin' }).summarySources).toEqual([
      'hf',
      'llm',
      'builtin',
    ]);
    expect(readConfig({ SUMMARY_SOURCES: 'builtin' }).summarySources).toEqual(['builtin']);
  });

  it('names the variable and the bad value', () => {
    expect(() => readConfig({ SUMMARY_SOURCES: 'llm,openai' })).toThrow(
      /SUMMARY_SOURCES: "openai" is not a summary source/,
    );
  });
});
