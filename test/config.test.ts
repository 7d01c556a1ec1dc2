import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.js';

describe('readConfig', () => {
  it('defaults to the bundled catalog and an embedded SQLite file', () => {
    const config = readConfig({});
    expect(config.catalogPaths).toEqual([]);
    expect(config.databaseUrl).toBe('sqlite:./data/paperboy.db');
    expect(config.llm).toBeNull();
  });

  it('splits PAPERBOY_CATALOG on commas', () => {
    expect(readConfig({ PAPERBOY_CATALOG: 'a.jsonl, b.json' }).catalogPaths).toEqual(['a.jsonl', 'b.json']);
  });

  it('names the variable to fix when DATABASE_URL is not understood', () => {
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
  });

  it('asks for a model when an LLM endpoint is configured without one', () => {
    expect(() => readConfig({ LLM_BASE_URL: 'http://localhost:11434/v1' })).toThrow(/LLM_MODEL/);
  });
});
