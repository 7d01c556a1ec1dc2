import { describe, expect, it } from 'vitest';
import { defineCommand, option } from '../src/app/command.js';

describe('option declarations', () => {
  const spec = defineCommand({
    name: 'demo',
    description: 'a demo',
    usage: '/papers demo <query> [limit]',
    examples: [],
    options: {
      query: option.string('what to find', { required: true, positional: 'rest' }),
      limit: option.integer('how many', { min: 1, max: 25 }),
      code: option.boolean('only with code'),
    },
    async run(input) {
      const limit: number | undefined = input.limit;
      return { kind: 'notice', text: `${input.query.toUpperCase()} ${limit ?? '-'}` };
    },
  });

  it('converts text values through each option schema', () => {
    expect(spec.options.limit.schema.parse('7')).toBe(7);
    expect(spec.options.code.schema.parse('yes')).toBe(true);
    expect(spec.options.query.schema.parse('  rl  ')).toBe('rl');
  });

  it('refuses out-of-range numbers with a message that says what is allowed', () => {
    const result = spec.options.limit.schema.safeParse('99');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/at most 25/);
  });
});
