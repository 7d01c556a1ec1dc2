import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DATABASE_URL, readConfig, readVariables } from '../src/config.js';

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

describe('readConfig: live sources', () => {
  it('runs Hugging Face by default, after its list closes in New York, and once at start-up', () => {
    const { sources } = readConfig({});
    expect(sources.enabled).toEqual(['hf']);
    expect(sources.hf).toEqual({ apiUrl: 'https://huggingface.co/api', cron: '0 22 * * *', days: 3 });
    expect(sources.arxiv.apiUrl).toBe('https://export.arxiv.org/api/query');
    expect(sources.arxiv.categories).toEqual(['cs.LG', 'cs.CL', 'cs.AI', 'cs.CV']);
    expect(sources.timeZone).toBe('America/New_York');
    expect(sources.refreshOnStart).toBe(true);
  });

  it('reads the source list, categories and switches', () => {
    const { sources } = readConfig({
      PAPERBOY_SOURCES: 'HF, arxiv',
      ARXIV_CATEGORIES: 'stat.ML, hep-th',
      SOURCES_REFRESH_ON_START: 'false',
    });
    expect(sources.enabled).toEqual(['hf', 'arxiv']);
    expect(sources.arxiv.categories).toEqual(['stat.ML', 'hep-th']);
    expect(sources.refreshOnStart).toBe(false);
    expect(readConfig({ PAPERBOY_SOURCES: 'none' }).sources.enabled).toEqual([]);
  });

  it('names the variable to fix for an unknown source, a bad schedule or a bad time zone', () => {
    expect(() => readConfig({ PAPERBOY_SOURCES: 'hf,reddit' })).toThrow(/PAPERBOY_SOURCES/);
    expect(() => readConfig({ HF_REFRESH_CRON: 'every day' })).toThrow(/HF_REFRESH_CRON/);
    expect(() => readConfig({ HF_REFRESH_CRON: '0 22 * *' })).toThrow(/HF_REFRESH_CRON/);
    expect(() => readConfig({ ARXIV_REFRESH_CRON: '0 22 * * mon-fri%' })).toThrow(/ARXIV_REFRESH_CRON/);
    for (const ok of ['*/30 * * * *', '0 6,22 * * mon-fri', '0 0 22 * * *', '15 9 1 jan,jul *']) {
      expect(readConfig({ HF_REFRESH_CRON: ok }).sources.hf.cron).toBe(ok);
    }
    expect(() => readConfig({ SOURCES_TIMEZONE: 'Mars/Olympus' })).toThrow(/SOURCES_TIMEZONE/);
    expect(() => readConfig({ HF_API_URL: 'not a url' })).toThrow(/HF_API_URL/);
  });
});

describe('readConfig: blank variables', () => {
  it('treats a blank variable as unset, as a `NAME=` line in .env writes it', () => {
    const config = readConfig({
      DATABASE_URL: '  ',
      METRICS_PORT: '',
      PAPERBOY_PUBLIC_URL: ' ',
      DISCORD_TOKEN: '',
      SLACK_BOT_TOKEN: '',
    });
    expect(config.databaseUrl).toBe(DEFAULT_DATABASE_URL);
    expect(config.metricsPort).toBeUndefined();
    expect(config.publicUrl).toBeUndefined();
    expect(config.discord).toBeNull();
    expect(config.slack).toBeNull();
  });
});

describe('readConfig: PAPERBOY_PUBLIC_URL', () => {
  it('reads the address people reach the server at', () => {
    expect(readConfig({ PAPERBOY_PUBLIC_URL: ' https://papers.example.org ' }).publicUrl).toBe(
      'https://papers.example.org',
    );
    expect(readConfig({}).publicUrl).toBeUndefined();
  });

  it('says what to set when it is not a URL', () => {
    expect(() => readConfig({ PAPERBOY_PUBLIC_URL: 'papers.example.org' })).toThrow(
      /PAPERBOY_PUBLIC_URL: must be the address people reach this server at, e\.g\. https:\/\/papers\.example\.org/,
    );
  });
});

describe('readVariables', () => {
  it('reads the named variables as readConfig does, defaults included', () => {
    expect(
      readVariables({ PAPERBOY_CATALOG: 'a.jsonl, ,b.json' }, ['PAPERBOY_CATALOG', 'DATABASE_URL']),
    ).toEqual({
      PAPERBOY_CATALOG: ['a.jsonl', 'b.json'],
      DATABASE_URL: DEFAULT_DATABASE_URL,
    });
  });

  it('is not stopped by a variable it was not asked for', () => {
    const env = { DISCORD_APPLICATION_ID: 'not-a-number', DATABASE_URL: 'sqlite::memory:' };
    expect(() => readConfig(env)).toThrow(/DISCORD_APPLICATION_ID/);
    expect(readVariables(env, ['DATABASE_URL'])).toEqual({ DATABASE_URL: 'sqlite::memory:' });
  });

  it('names the variable to fix and how, like readConfig', () => {
    expect(() => readVariables({ DATABASE_URL: 'mysql://x' }, ['DATABASE_URL'])).toThrow(ConfigError);
    expect(() => readVariables({ DATABASE_URL: 'mysql://x' }, ['DATABASE_URL'])).toThrow(
      /set these environment variables: DATABASE_URL: must start with sqlite:/,
    );
  });
});
