import { describe, expect, it } from 'vitest';
import { defineCommand, option } from '../../../src/app/command.js';
import {
  BOT_PERMISSIONS,
  commandChars,
  discordName,
  inviteUrl,
  registrationJson,
  registrationProblems,
} from '../../../src/platforms/discord/registration.js';
import { testCommands } from './test-commands.js';

describe('Discord registration JSON', () => {
  const [papers] = registrationJson(testCommands);

  it('declares one /papers with a subcommand per command', () => {
    expect(papers!.name).toBe('papers');
    expect(papers!.options?.map((o) => [o.name, o.type])).toEqual([
      ['search', 1],
      ['summarize', 1],
      ['subscribe', 1],
      ['ponder', 1],
      ['explode', 1],
      ['preview', 1],
    ]);
    expect(papers!.contexts).toEqual([0, 1]);
  });

  it('maps option kinds, bounds, autocomplete and choices', () => {
    const sub = (name: string) =>
      papers!.options?.find((o) => o.name === name) as unknown as { options: Record<string, unknown>[] };
    expect(sub('search').options).toEqual([
      { name: 'query', description: 'What to look for', required: true, type: 3, min_length: 1 },
      { name: 'page', description: 'Which page', required: false, type: 4, min_value: 1, max_value: 50 },
    ]);
    expect(sub('summarize').options[0]).toMatchObject({ name: 'paper', type: 3, autocomplete: true });
    expect(sub('subscribe').options[2]).toEqual({
      name: 'when_empty',
      description: 'What a quiet day posts',
      required: false,
      type: 3,
      choices: [
        { name: 'a one-line notice', value: 'notice' },
        { name: 'nothing', value: 'silent' },
      ],
    });
  });

  it('puts required options first, as Discord insists', () => {
    const spec = defineCommand({
      name: 'order',
      description: 'd',
      usage: '',
      examples: [],
      options: { a: option.string('optional'), b: option.string('required', { required: true }) },
      async run() {
        return { kind: 'notice', text: '' };
      },
    });
    const [json] = registrationJson([spec]);
    const sub = json!.options![0] as unknown as { options: { name: string }[] };
    expect(sub.options.map((o) => o.name)).toEqual(['b', 'a']);
  });

  it('stays within Discord limits', () => {
    expect(registrationProblems(registrationJson(testCommands))).toEqual([]);
    expect(commandChars(papers!)).toBeLessThanOrEqual(8000);
  });

  it('names every way a command can break the limits', () => {
    const bad = {
      name: 'Papers',
      description: 'x'.repeat(101),
      options: Array.from({ length: 26 }, (_, i) => ({
        name: `o${i}`,
        description: 'd'.repeat(400),
        choices: Array.from({ length: 26 }, (_, j) => ({ name: `c${j}`, value: `v${j}` })),
      })),
    };
    const problems = registrationProblems([bad]).join('\n');
    expect(problems).toMatch(/name "Papers"/);
    expect(problems).toMatch(/description must be 1–100/);
    expect(problems).toMatch(/at most 25 options/);
    expect(problems).toMatch(/at most 25 choices/);
    expect(problems).toMatch(/8,000/);
  });

  it('lower-cases camelCase option names for Discord', () => {
    expect(discordName('whenEmpty')).toBe('when_empty');
    expect(discordName('topics')).toBe('topics');
  });
});

describe('invite link', () => {
  it('asks for bot + applications.commands and only the permissions Paperboy uses', () => {
    // View Channel 1024 + Send Messages 2048 + Embed Links 16384 + Read Message History 65536
    // + Send Messages in Threads 274877906944.
    expect(BOT_PERMISSIONS).toBe(274877991936n);
    const url = new URL(inviteUrl('111111111111111111'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(url.searchParams.get('permissions')).toBe('274877991936');
    expect(url.searchParams.get('client_id')).toBe('111111111111111111');
  });
});
