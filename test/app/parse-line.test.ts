import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { papersCommands } from '../../commands/index.js';
import { defineCommand, option } from '../../src/app/command.js';
import { parseOptions } from '../../src/app/line/bind.js';
import { didYouMean } from '../../src/app/line/did-you-mean.js';
import { formatCommandLine } from '../../src/app/line/format.js';
import { splitCommandLine } from '../../src/app/line/split.js';
import { tokenize } from '../../src/app/line/tokenize.js';
import { MAX_LINE_LENGTH, parseLine } from '../../src/app/parse-line.js';

const find = defineCommand({
  name: 'find',
  description: 'd',
  usage: '/papers find <query> [limit]',
  examples: ['/papers find rl'],
  options: {
    query: option.string('q', { required: true, positional: 'rest' }),
    limit: option.integer('l', { min: 1, max: 10 }),
    'when-empty': option.string('w'),
  },
  async run() {
    return { kind: 'notice', text: '' };
  },
});

const pick = defineCommand({
  name: 'pick',
  description: 'd',
  usage: '/papers pick <a> <b>',
  examples: [],
  options: {
    a: option.string('a', { positional: 'one' }),
    b: option.string('b', { positional: 'one' }),
    time: option.string('t'),
  },
  async run() {
    return { kind: 'notice', text: '' };
  },
});

const withTail = defineCommand({
  name: 'tail',
  description: 'd',
  usage: '/papers tail <words> <last>',
  examples: [],
  options: {
    words: option.string('w', { required: true, positional: 'rest' }),
    last: option.string('l', { required: true, positional: 'one' }),
  },
  async run() {
    return { kind: 'notice', text: '' };
  },
});

describe('splitting /papers lines', () => {
  it('accepts /papers, papers, /sub and bare sub forms alike', () => {
    for (const line of [
      '/papers search rl agents',
      'papers search rl agents',
      '/search rl agents',
      'search rl agents',
    ]) {
      expect(splitCommandLine(line)).toEqual({ sub: 'search', args: 'rl agents' });
    }
  });

  it('lower-cases the subcommand and keeps the rest as typed', () => {
    expect(splitCommandLine('  /Papers  SEARCH   Diffusion "Models"  ')).toEqual({
      sub: 'search',
      args: 'Diffusion "Models"',
    });
  });

  it('treats a lone /papers as no subcommand', () => {
    expect(splitCommandLine('/papers')).toEqual({ sub: undefined, args: '' });
    expect(splitCommandLine('   ')).toEqual({ sub: undefined, args: '' });
  });

  it('does not mistake a word starting with "papers" for the prefix', () => {
    expect(splitCommandLine('papersearch rl').sub).toBe('papersearch');
  });
});

describe('tokenize', () => {
  it('reads words, quoted strings and key:value pairs', () => {
    const t = tokenize('rl "policy gradient" limit:5 time:"08:30"');
    expect(t.ok && t.tokens.map((x) => [x.kind, x.value])).toEqual([
      ['word', 'rl'],
      ['word', 'policy gradient'],
      ['pair', '5'],
      ['pair', '08:30'],
    ]);
  });

  it('understands curly and German quotes as Slack and phones type them', () => {
    const t = tokenize('“diffusion models” „reward hacking“ ‘value functions’');
    expect(t.ok && t.tokens.map((x) => x.value)).toEqual([
      'diffusion models',
      'reward hacking',
      'value functions',
    ]);
  });

  it('keeps apostrophes inside single-quoted text and as bare characters', () => {
    const t = tokenize("'don't stop' Bengio's '90s");
    expect(t.ok && t.tokens.map((x) => x.value)).toEqual(["don't stop", "Bengio's", "'90s"]);
  });

  it('reports an unclosed double quote with the text it started', () => {
    const t = tokenize('topics:"diffusion; rl time:08:30');
    expect(t.ok).toBe(false);
    expect(!t.ok && t.message).toMatch(/quote is not closed.*diffusion; rl/);
  });

  it("reads a line of apostrophes that never close in one pass, each 'a a word of its own", () => {
    const text = "'a ".repeat(13_334);
    const work = { steps: 0 };
    const t = tokenize(text, work);
    expect(t.ok && t.tokens.length).toBe(13_334);
    expect(t.ok && t.tokens[13_333]).toMatchObject({ kind: 'word', value: "'a", quoted: false });
    // One scan to the end for the first apostrophe; every later one knows it cannot close.
    expect(work.steps).toBeGreaterThan(0);
    expect(work.steps).toBeLessThanOrEqual(text.length);
  });

  it('still closes a single quote after earlier apostrophes that did not close', () => {
    const t = tokenize("‚a ‚b don't 'stop here'");
    expect(t.ok && t.tokens.map((x) => x.value)).toEqual(['‚a', '‚b', "don't", 'stop here']);
  });

  it('reports an unclosed double quote after one scan, however many words follow', () => {
    const work = { steps: 0 };
    const t = tokenize(`"${'a '.repeat(20_000)}`, work);
    expect(t.ok).toBe(false);
    expect(work.steps).toBeLessThanOrEqual(40_001);
  });

  it('does not read URLs as key:value pairs', () => {
    const t = tokenize('https://arxiv.org/abs/2405.04233');
    expect(t.ok && t.tokens[0]?.kind).toBe('word');
  });
});

describe('parseOptions', () => {
  it('fills a rest option with every word, keeping quotes for phrase search', () => {
    expect(parseOptions(find, 'offline  "policy gradient" rl limit:3')).toEqual({
      ok: true,
      options: { query: 'offline "policy gradient" rl', limit: '3' },
    });
  });

  it('normalises curly quotes in free text to straight ones', () => {
    expect(parseOptions(find, '“diffusion models”')).toEqual({
      ok: true,
      options: { query: '"diffusion models"' },
    });
  });

  it('takes key:"quoted value" without its quotes', () => {
    expect(parseOptions(find, 'query:"a b; c" limit:2')).toEqual({
      ok: true,
      options: { query: 'a b; c', limit: '2' },
    });
  });

  it('accepts a space after the colon', () => {
    expect(parseOptions(pick, 'x y time: 08:30')).toEqual({
      ok: true,
      options: { a: 'x', b: 'y', time: '08:30' },
    });
  });

  it('matches keys case-insensitively and with _ for -', () => {
    expect(parseOptions(find, 'rl LIMIT:4 when_empty:silent')).toEqual({
      ok: true,
      options: { query: 'rl', limit: '4', 'when-empty': 'silent' },
    });
  });

  it('keeps unknown key:value pairs in free text (search filters, arXiv: ids)', () => {
    expect(parseOptions(find, 'author:smith arXiv:2405.04233')).toEqual({
      ok: true,
      options: { query: 'author:smith arXiv:2405.04233' },
    });
  });

  it('refuses a near-miss of a declared option even where free text is allowed', () => {
    const result = parseOptions(find, 'rl limt:3');
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/Unknown option "limt". Did you mean limit\?/),
    });
  });

  it('refuses unknown keys when the command takes no free text, naming the options', () => {
    const result = parseOptions(pick, 'color:red');
    expect(!result.ok && result.message).toBe('Unknown option "color". Options: a, b, time.');
  });

  it('refuses an option given twice', () => {
    expect(parseOptions(find, 'rl limit:1 limit:2')).toEqual({
      ok: false,
      message: 'limit is given twice; give it once.',
    });
  });

  it('fills "one" positionals in order and unquotes them', () => {
    expect(parseOptions(pick, '"first thing" second')).toEqual({
      ok: true,
      options: { a: 'first thing', b: 'second' },
    });
  });

  it('reads the words after an unquoted query:value as more of the query, up to the next option', () => {
    expect(parseOptions(find, 'query:language models limit:3')).toEqual({
      ok: true,
      options: { query: 'language models', limit: '3' },
    });
    expect(parseOptions(find, 'limit:3 query: reward "hacking bugs"')).toEqual({
      ok: true,
      options: { query: 'reward "hacking bugs"', limit: '3' },
    });
  });

  it('keeps a quoted query:"value" as given and refuses words after it', () => {
    const result = parseOptions(find, 'query:"language models" extra');
    expect(!result.ok && result.message).toMatch(/Unexpected "extra"/);
  });

  it('refuses words left over when no option takes them', () => {
    const result = parseOptions(pick, 'x y z');
    expect(!result.ok && result.message).toMatch(/Unexpected "z". Name the option, e.g. time:value/);
  });

  it('leaves a word for a required positional after a rest option', () => {
    expect(parseOptions(withTail, 'a b c last')).toEqual({
      ok: true,
      options: { words: 'a b c', last: 'last' },
    });
  });

  it('skips positionals already given by name', () => {
    expect(parseOptions(pick, 'a:one two')).toEqual({ ok: true, options: { a: 'one', b: 'two' } });
  });

  it('refuses a key without a value', () => {
    expect(parseOptions(find, 'rl limit:')).toEqual({
      ok: false,
      message: 'limit needs a value, e.g. limit:3',
    });
    expect(parseOptions(pick, 'time:""')).toEqual({
      ok: false,
      message: 'time needs a value, e.g. time:"…"',
    });
  });

  it('returns no options for empty text', () => {
    expect(parseOptions(find, '   ')).toEqual({ ok: true, options: {} });
  });
});

describe('parseLine against the /papers commands', () => {
  it('parses the subscribe example from the docs', () => {
    const parsed = parseLine(
      '/papers subscribe topics:"diffusion models; reward hacking" time:08:30 timezone:Europe/Berlin',
      papersCommands,
    );
    expect(parsed.ok && parsed.spec.name).toBe('subscribe');
    expect(parsed.ok && parsed.options).toEqual({
      topics: 'diffusion models; reward hacking',
      time: '08:30',
      timezone: 'Europe/Berlin',
    });
  });

  it('sends an empty line and "<sub> --help" to help', () => {
    const empty = parseLine('/papers', papersCommands);
    expect(empty.ok && empty.spec.name).toBe('help');
    const sub = parseLine('/papers digest --help', papersCommands);
    expect(sub.ok && [sub.spec.name, sub.options]).toEqual(['help', { command: 'digest' }]);
  });

  it('suggests the closest subcommand for a typo', () => {
    const parsed = parseLine('/papers serch rl', papersCommands);
    expect(!parsed.ok && parsed.view).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(/Did you mean \/papers search\?/),
    });
  });

  it('refuses a line longer than the limit before reading it, saying how long it may be', () => {
    const line = `/papers search ${"'a ".repeat(MAX_LINE_LENGTH)}`;
    const parsed = parseLine(line, papersCommands);
    expect(!parsed.ok && parsed.view).toMatchObject({
      kind: 'error',
      ephemeral: true,
      text: expect.stringContaining('at most 8,000'),
    });
    expect(parseLine(`/papers search ${'a'.repeat(MAX_LINE_LENGTH - 20)}`, papersCommands).ok).toBe(true);
  });

  it('answers a parse problem with that subcommand usage, ephemerally', () => {
    const parsed = parseLine('/papers subscribe "diffusion', papersCommands);
    expect(!parsed.ok && parsed.view).toMatchObject({
      kind: 'error',
      ephemeral: true,
      hint: expect.stringContaining('Usage: /papers subscribe'),
    });
  });
});

describe('didYouMean', () => {
  it('finds typos and prefixes but not unrelated words', () => {
    expect(didYouMean('timzone', ['time', 'timezone'])).toBe('timezone');
    expect(didYouMean('summ', ['search', 'summarize'])).toBe('summarize');
    expect(didYouMean('banana', ['search', 'summarize'])).toBeUndefined();
  });

  it('counts two swapped letters as one typo, so even a short word is recognised', () => {
    expect(didYouMean('lsit', ['list', 'save'])).toBe('list');
    expect(didYouMean('hepl', ['help', 'search'])).toBe('help');
    expect(didYouMean('tset', ['list', 'save'])).toBeUndefined();
  });
});

describe('formatCommandLine', () => {
  it('writes paging lines that read back to the same options', () => {
    const line = formatCommandLine(find, { query: 'offline "policy gradient"', limit: 3 });
    expect(line).toBe('/papers find offline "policy gradient" limit:3');
    expect(parseLine(line, [find])).toMatchObject({
      ok: true,
      options: { query: 'offline "policy gradient"', limit: '3' },
    });
  });

  it('names free text that would otherwise read as an option', () => {
    const line = formatCommandLine(find, { query: 'limit:5 rl' });
    expect(parseLine(line, [find])).toMatchObject({ ok: true, options: { query: 'limit:5 rl' } });
  });

  // Text mixing every quote family (« » with ‘ ’ and ") has no spelling; people do not type that.
  it('round-trips any text through a command line', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', '"', "'", ':', '“', '”', '„', '‘', 'limit', '5', '-'),
      maxLength: 24,
    });
    fc.assert(
      fc.property(text, text, (query, other) => {
        const values = { query, 'when-empty': other };
        const line = formatCommandLine(find, values);
        const parsed = parseLine(line, [find]);
        const expected = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
        expect(parsed.ok && parsed.options).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
