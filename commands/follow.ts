// /papers follow author:"…" | org:"…" and /papers unfollow: a channel's followed authors and labs (admins).
import { defineCommand, option } from '../src/app/command.js';
import type { CommandContext, Services } from '../src/app/types.js';
import { resolveAuthor, resolveOrg } from '../src/feedback/follows.js';
import { fullKey, orgKey, parsePerson } from '../src/feedback/names.js';
import { humanList, plural, truncate } from '../src/views/format.js';
import type { View } from '../src/views/types.js';

const options = {
  author: option.string('An author’s name: "Sergey Levine", "S. Levine" or "Levine, Sergey"'),
  org: option.string('A lab or organisation, as in affiliations: "Google DeepMind"'),
};

function which(
  input: { author?: string | undefined; org?: string | undefined },
  verb: string,
): View | undefined {
  if ((input.author === undefined) === (input.org === undefined)) {
    return {
      kind: 'error',
      text: `Name one author or one lab to ${verb}.`,
      hint: `Example: /papers ${verb} author:"Sergey Levine" — or /papers ${verb} org:"Google DeepMind"`,
      ephemeral: true,
    };
  }
  return undefined;
}

export const follow = defineCommand({
  name: 'follow',
  description: 'Follow an author or lab: their new papers join this channel’s digest',
  usage: '/papers follow author:"<name>" | org:"<lab>"',
  examples: ['/papers follow author:"Sergey Levine"', '/papers follow org:"Google DeepMind"'],
  admin: true,
  options,
  async run(input, ctx, services) {
    const problem = which(input, 'follow');
    if (problem) return problem;
    const papers = services.search.all();
    const resolved =
      input.author !== undefined
        ? resolveAuthor(input.author, papers)
        : resolveOrg(input.org as string, papers);
    if (!resolved.ok) {
      if (resolved.reason === 'invalid') {
        return {
          kind: 'error',
          text: 'That is not a name I can follow.',
          hint: 'Example: /papers follow author:"Sergey Levine"',
          ephemeral: true,
        };
      }
      return {
        kind: 'error',
        text: `“${truncate(input.author ?? '', 60)}” could be ${plural(resolved.candidates.length, 'author')} in the catalog: ${humanList(
          resolved.candidates.slice(0, 5).map((c) => `${c.name} (${plural(c.papers, 'paper')})`),
          'or',
        )}.`,
        hint: `Give the full first name, e.g. /papers follow author:"${resolved.candidates[0]?.name ?? ''}"`,
        ephemeral: true,
      };
    }
    const { follow: stored, created } = await services.store.follow(
      ctx.channel,
      { kind: resolved.kind, key: resolved.key, name: resolved.name },
      ctx.user.name ?? ctx.user.id,
    );
    const what = resolved.kind === 'org' ? 'lab' : 'author';
    const seen =
      resolved.papers > 0
        ? `The catalog has ${plural(resolved.papers, 'paper')} by them.`
        : 'No paper in the catalog names them yet; new ones will be picked up.';
    return {
      kind: 'notice',
      title: created ? `Following ${stored.name}` : `Already following ${stored.name}`,
      text: created
        ? `This channel now follows the ${what} ${stored.name}: their new papers join its digest with the reason “by ${stored.name}”. ${seen}`
        : `${stored.followedBy} made this channel follow ${stored.name} already.`,
      actions: [{ label: 'Unfollow', command: `/papers unfollow ${resolved.kind}:"${stored.name}"` }],
      ephemeral: true,
    };
  },
});

export const unfollow = defineCommand({
  name: 'unfollow',
  description: 'Stop following an author or lab in this channel',
  usage: '/papers unfollow author:"<name>" | org:"<lab>"',
  examples: ['/papers unfollow author:"Sergey Levine"'],
  admin: true,
  options,
  async run(input, ctx, services) {
    const problem = which(input, 'unfollow');
    if (problem) return problem;
    return unfollowOne(input, ctx, services);
  },
});

/** The typed name's key, or failing that any followed author with its family name and first initial. */
async function unfollowOne(
  input: { author?: string | undefined; org?: string | undefined },
  ctx: CommandContext,
  services: Services,
): Promise<View> {
  const follows = await services.store.listFollows(ctx.channel);
  const kind = input.author !== undefined ? 'author' : 'org';
  const typed = (input.author ?? input.org) as string;
  const person = kind === 'author' ? parsePerson(typed) : undefined;
  const key = kind === 'org' ? orgKey(typed) : person ? fullKey(person) : '';
  const match =
    follows.find((f) => f.kind === kind && f.key === key) ??
    (person ? follows.find((f) => f.kind === 'author' && sameAuthor(f.key, typed)) : undefined);
  if (!match || !(await services.store.unfollow(ctx.channel, match.kind, match.key))) {
    return {
      kind: 'error',
      text: `This channel does not follow “${truncate(typed, 60)}”.`,
      hint:
        follows.length > 0
          ? `It follows ${humanList(follows.map((f) => f.name))}.`
          : 'It follows nobody yet: /papers follow author:"Sergey Levine"',
      ephemeral: true,
    };
  }
  return {
    kind: 'notice',
    title: `Unfollowed ${match.name}`,
    text: `Papers by ${match.name} join this channel’s digest only when they match its topics.`,
    ephemeral: true,
  };
}

function sameAuthor(key: string, typed: string): boolean {
  const a = parsePerson(key);
  const b = parsePerson(typed);
  return (
    a !== undefined &&
    b !== undefined &&
    a.family === b.family &&
    (a.given[0]?.[0] ?? '') === (b.given[0]?.[0] ?? '')
  );
}
