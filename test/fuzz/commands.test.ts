// Fuzz: any command text through parseLine + runCommand, on the real search engine and planner over a small catalog.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { papersCommands } from '../../commands/index.js';
import { runLine } from '../../src/app/line/run.js';
import type { CommandContext, Services } from '../../src/app/types.js';
import type { Store } from '../../src/store/types.js';
import type { View } from '../../src/views/types.js';
import { expectClearText } from './clear-text.js';
import { fuzzWorld } from './world.js';

let store: Store;
let services: Services;

beforeAll(async () => {
  ({ services, store } = await fuzzWorld());
});
afterAll(() => store.close());

const ctx = (canManage: boolean): CommandContext => ({
  channel: { platform: 'slack', workspace: 'T1', channel: 'C1' },
  user: { id: canManage ? 'U1' : 'U2', canManage },
});

/** Pieces people (and cats on keyboards) type: command names, option keys, quotes, numbers, ids, junk. */
const piece = fc.oneof(
  fc.constantFrom(...papersCommands.map((c) => c.name)),
  fc.constantFrom(
    'papers',
    '/papers',
    'count:',
    'page:',
    'time:',
    'tz:',
    'topics:',
    'exclude:',
    'days:',
    'share:',
    'quiet:',
    'true',
    'nope',
    '"',
    '«',
    '“',
    "'",
    ':',
    '-h',
    '?',
    '0',
    '-1',
    '99999999999999999999',
    '25:00',
    'Mars/Olympus',
    '2405.04233',
    'https://arxiv.org/abs/2405.04233',
    'diffusion',
    'RLHF',
    '@everyone',
    '<!channel>',
    ';',
    ',',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const line = fc.oneof(
  fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(' ')),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

function checkView(view: View, input: string) {
  expect(['paper', 'list', 'notice', 'error']).toContain(view.kind);
  if (view.kind === 'error') {
    expectClearText(view.text, input);
    expect(view.ephemeral).toBe(true);
  }
}

describe('fuzz: command text', () => {
  it('never throws, and every refusal is a clear, short, private message', async () => {
    await fc.assert(
      fc.asyncProperty(line, fc.boolean(), async (text, canManage) => {
        const { view } = await runLine(text, ctx(canManage), services, papersCommands);
        checkView(view, text);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws for well-formed subcommands with random option values', async () => {
    const command = fc.constantFrom(...papersCommands);
    await fc.assert(
      fc.asyncProperty(
        command,
        fc.array(fc.tuple(fc.string({ maxLength: 10 }), piece), { maxLength: 4 }),
        async (spec, pairs) => {
          const names = Object.keys(spec.options);
          const args = pairs.map(([v, p], i) => {
            const name = names[i % Math.max(1, names.length)];
            return name ? `${name}:${JSON.stringify(`${v}${p}`)}` : p;
          });
          const text = `${spec.name} ${args.join(' ')}`;
          const { view } = await runLine(text, ctx(true), services, papersCommands);
          checkView(view, text);
        },
      ),
      { numRuns: 200 },
    );
  });
});
