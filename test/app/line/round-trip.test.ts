// Formatting then parsing: every real command's options survive a trip through a typed line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { papersCommands } from '../../../commands/index.js';
import type { CommandSpec, OptionSpec } from '../../../src/app/command.js';
import { formatCommandLine } from '../../../src/app/line/format.js';
import { parseLine } from '../../../src/app/parse-line.js';

type Value = string | number | boolean | undefined;

/** Text people type: words, spaces, colons, dashes, help words and quotes of one family or another. */
const text = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    ' ',
    '"',
    "'",
    ':',
    '“',
    '”',
    '„',
    '‘',
    'limit',
    '5',
    '-',
    '?',
    '-h',
    'help',
  ),
  maxLength: 24,
});

function valueFor(option: OptionSpec): fc.Arbitrary<Value> {
  if (option.choices?.length) return fc.constantFrom(...option.choices.map((c) => c.value));
  if (option.kind === 'integer') return fc.integer({ min: -1_000, max: 1_000_000 });
  if (option.kind === 'boolean') return fc.boolean();
  return text;
}

/** A command, and for each of its options a value or nothing. */
const invocation = fc
  .constantFrom(...papersCommands)
  .chain((spec: CommandSpec) =>
    fc
      .record(
        Object.fromEntries(
          Object.entries(spec.options).map(([name, option]) => [
            name,
            fc.option(valueFor(option), { nil: undefined }),
          ]),
        ),
      )
      .map((values) => ({ spec, values: values as Record<string, Value> })),
  );

/** What parsing hands on: the raw text of each option given. */
function raw(values: Record<string, Value>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const s = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
    if (s.trim() !== '') out[name] = s;
  }
  return out;
}

describe('format, then parse', () => {
  it('gives back the same command and options for any valid invocation of any command', () => {
    fc.assert(
      fc.property(invocation, ({ spec, values }) => {
        const line = formatCommandLine(spec, values);
        const parsed = parseLine(line, papersCommands);
        expect(parsed.ok && parsed.spec.name).toBe(spec.name);
        expect(parsed.ok && parsed.options).toEqual(raw(values));
      }),
      { numRuns: 2_000 },
    );
  });

  it('names free text that alone would ask for help, so "-h" stays a search', () => {
    const search = papersCommands.find((c) => c.name === 'search') as CommandSpec;
    const line = formatCommandLine(search, { query: '-h' });
    expect(line).toBe('/papers search query:-h');
    expect(parseLine(line, papersCommands)).toMatchObject({ ok: true, spec: { name: 'search' } });
  });
});
