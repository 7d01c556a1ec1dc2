// The scenario suite's Discord driver: startDiscord in HTTP-interactions mode behind the shared HTTP server,
// signed interactions built on Discord's recorded payloads, answers read from the mock REST API.
import { papersCommands } from '../../../commands/index.js';
import { parseLine } from '../../../src/app/parse-line.js';
import type { Runtime } from '../../../src/app/runtime.js';
import type { Services } from '../../../src/app/types.js';
import type { RunningServer } from '../../../src/http/server.js';
import type { Metrics } from '../../../src/metrics.js';
import type { DiscordRuntime } from '../../../src/platforms/discord/index.js';
import { discordName, registrationJson } from '../../../src/platforms/discord/registration.js';
import { APP, startHttpBot } from '../../platforms/discord/http-bot.js';
import type { MockDiscord, RecordedRequest } from '../../platforms/discord/mock-discord.js';
import type { CommandOptions, Driver, Reply } from '../driver.js';
import { findLabel } from '../driver.js';
import { discordRecorded } from '../recorded.js';

const EPHEMERAL = 64;
/** The application id Paperboy runs as; the docs' guild example leaves `application_id` out. */
export const APP_ID = APP;

type Json = Record<string, unknown>;
/** A button (label) or a string select (placeholder, options). */
type Component = {
  type?: number;
  custom_id?: string;
  label?: string;
  url?: string;
  placeholder?: string;
  options?: { value: string }[];
};
type Message = {
  content?: string;
  flags?: number;
  embeds?: unknown[];
  components?: { components?: Component[] }[];
  allowed_mentions?: { parse?: unknown[] };
};

export interface DiscordHarness {
  mock: MockDiscord;
  runtime: DiscordRuntime;
  /** The command pipeline the adapter feeds: its idle() is when every answer has been sent. */
  pipeline: Runtime;
  server: RunningServer;
  /** Signs and posts an interaction; the immediate answer's JSON. */
  post(payload: Json): Promise<{ status: number; json: { type: number; data?: Message } }>;
  /** Every request the mock got for this interaction's token, once they stop arriving. */
  settled(token: string, atLeast?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

export async function startDiscordHarness(services: Services, metrics?: Metrics): Promise<DiscordHarness> {
  const bot = await startHttpBot({ services, ...(metrics ? { metrics } : {}) });
  const { mock, pipeline } = bot;
  return {
    mock,
    runtime: bot.runtime,
    pipeline,
    server: bot.server,
    async post(payload) {
      const res = await bot.post(payload);
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : { type: 0 } };
    },
    async settled(token, atLeast = 0) {
      const mine = () => mock.requests.filter((r) => r.path.includes(`/${token}`));
      if (atLeast > 0) await mock.waitUntil((r) => r.path.includes(`/${token}`), atLeast);
      // Edits and follow-ups are the pipeline's background work, registered as the HTTP answer is sent.
      await pipeline.idle();
      return mine();
    },
    close: () => bot.close(),
  };
}

/** Option types by subcommand and option name, from Paperboy's own registration. */
function optionTypes(): Map<string, Map<string, number>> {
  const [top] = registrationJson(papersCommands);
  const subs = (top?.options ?? []) as unknown as {
    name: string;
    options?: { name: string; type: number }[];
  }[];
  return new Map(subs.map((s) => [s.name, new Map((s.options ?? []).map((o) => [o.name, o.type]))]));
}

/**
 * The person's view of an answer: its first message decides who sees it; a long answer (a digest preview) goes on
 * in follow-ups, whose text and buttons belong to it too.
 */
function toReply(message: Message, flags?: number, more: Message[] = []): Reply {
  const messages = [message, ...more];
  const buttons = messages
    .flatMap((m) => m.components ?? [])
    .flatMap((row) => row.components ?? [])
    .map((c) => c.label ?? c.placeholder)
    .filter((label): label is string => label !== undefined);
  const ephemeral = ((flags ?? message.flags ?? 0) & EPHEMERAL) !== 0;
  return { text: JSON.stringify(messages), private: ephemeral, buttons, raw: messages };
}

/** Follow-ups sent with the interaction's token, in order. */
const followUps = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.method === 'POST' && !r.path.endsWith('/callback')).map((r) => r.body as Message);

let seq = 0;
const nextId = () => {
  seq += 1;
  return { id: `8${String(seq).padStart(17, '0')}`, token: `scenario-${seq}` };
};
const userId = (name: string) =>
  `5${String([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1e15, 7)).padStart(17, '0')}`;

/**
 * An interaction on Discord's recorded guild command (its member, guild, locale and app_permissions kept), with
 * what this press or command is substituted: id, token, the user's id, `application_id` (absent from the docs'
 * example), and `type`/`data`.
 */
export function guildInteraction(user: string, type: number, data: Json, extra: Json = {}): Json {
  const base = discordRecorded('guild-command');
  const member = base.member as { user: Json };
  member.user.id = userId(user);
  return { ...base, ...nextId(), application_id: APP_ID, type, data, ...extra };
}

/** The recorded DM command (a user-installed app in a DM with the bot, `context` 1), with the same substitutions. */
export function dmInteraction(user: string, data: Json, context?: number): Json {
  const base = discordRecorded('dm-command');
  // The docs condense `user` to a comment; Paperboy needs its id.
  base.user = { ...(base.user as Json), id: userId(user), username: user };
  return {
    ...base,
    ...nextId(),
    application_id: APP_ID,
    data,
    ...(context !== undefined ? { context } : {}),
  };
}

/** `/papers <line>` as Discord's client would send it: the subcommand and its typed options. */
export function commandData(line: string): Json {
  const parsed = parseLine(`/papers ${line}`, papersCommands);
  if (!parsed.ok) throw new Error(`not a line Discord's client could send: ${line}`);
  const sub = discordName(parsed.spec.name);
  const types = optionTypes().get(sub) ?? new Map<string, number>();
  const options = Object.entries(parsed.options).map(([key, value]) => {
    const name = discordName(key);
    const type = types.get(name) ?? 3;
    const typed =
      type === 4 || type === 10
        ? Number(value)
        : type === 5
          ? value === true || value === 'true'
          : String(value);
    return { name, type, value: typed };
  });
  // The recorded command's data keeps its id; name and options are Paperboy's.
  const recorded = discordRecorded('guild-command').data as Json;
  return { ...recorded, name: 'papers', type: 1, options: [{ name: sub, type: 1, options }] };
}

export async function discordDriver(
  services: Services,
  metrics?: Metrics,
): Promise<Driver & { harness: DiscordHarness }> {
  const h = await startDiscordHarness(services, metrics);

  /** The answer the person sees: the immediate message, or what the deferred placeholder became. */
  async function answerOf(payload: Json): Promise<Reply> {
    const { json } = await h.post(payload);
    if (json.type === 4 && json.data) {
      return toReply(json.data, undefined, followUps(await h.settled(String(payload.token))));
    }
    if (json.type !== 5) throw new Error(`unexpected interaction response ${JSON.stringify(json)}`);
    const requests = await h.settled(String(payload.token), 1);
    const first = requests.find((r) => r.method === 'PATCH' || r.method === 'POST');
    if (!first) throw new Error('the deferred answer never came');
    const rest = followUps(requests.filter((r) => r !== first));
    // A PATCH keeps the placeholder's visibility; a follow-up carries its own.
    return toReply(first.body as Message, first.method === 'PATCH' ? json.data?.flags : undefined, rest);
  }

  return {
    name: 'discord',
    harness: h,
    async command(line, options: CommandOptions) {
      const data = commandData(line);
      const payload =
        options.place === 'cannot-post'
          ? // Substituted: context 2, a DM between other people where the user-installed app is used.
            dmInteraction(options.user, data, 2)
          : guildInteraction(options.user, 2, data);
      return answerOf(payload);
    },
    async press(on, label, options) {
      const messages = on.raw as Message[];
      const wanted = findLabel(on, label);
      const component = messages
        .flatMap((m) => m.components ?? [])
        .flatMap((row) => row.components ?? [])
        .find((c) => (c.label ?? c.placeholder) === wanted);
      if (!component?.custom_id) throw new Error(`"${wanted}" is a link, not a button`);
      // The docs' recorded button press: its data shape (component_type, id) with Paperboy's custom_id; a select
      // menu (Summarize a paper…) is sent as component_type 3 with its first option chosen.
      const recorded = discordRecorded('button-press');
      const select =
        component.type === 3 ? { component_type: 3, values: [component.options?.[0]?.value] } : {};
      const payload = guildInteraction(
        options.user,
        recorded.type as number,
        { ...(recorded.data as Json), custom_id: component.custom_id, ...select },
        { message: { id: '700000000000000001', flags: on.private ? EPHEMERAL : 0 } },
      );
      const { json } = await h.post(payload);
      if (json.type === 7 && json.data)
        return { kind: 'in-place', reply: toReply(json.data, on.private ? EPHEMERAL : 0) };
      if (json.type === 4 && json.data) return { kind: 'new', reply: toReply(json.data) };
      const requests = await h.settled(String(payload.token), 1);
      const posts = requests.filter((r) => r.method === 'POST' && !r.path.endsWith('/callback'));
      const edits = requests.filter((r) => r.method === 'PATCH' && r.path.endsWith('/@original'));
      const shared = posts.find((r) => (((r.body as Message).flags ?? 0) & EPHEMERAL) === 0);
      if (json.type === 6 && shared) {
        const body = shared.body as Message;
        const safe = JSON.stringify(body.allowed_mentions) === JSON.stringify({ parse: [] });
        if (!safe) throw new Error(`a public post that may ping: ${JSON.stringify(body.allowed_mentions)}`);
        // The private message is edited after the post: wait for it rather than guess how long that takes.
        const isEdit = (r: RecordedRequest) =>
          r.method === 'PATCH' && r.path.includes(`/${String(payload.token)}/messages/@original`);
        const edit = await h.mock.waitUntil(isEdit, 1, 2_000).then(
          (found) => found[0],
          () => undefined,
        );
        const note = edit ? JSON.stringify(edit.body) : undefined;
        return { kind: 'public', reply: toReply(body, 0), ...(note ? { note } : {}) };
      }
      if (json.type === 6 && edits[0] && posts.length === 0) {
        return { kind: 'in-place', reply: toReply(edits[0].body as Message, on.private ? EPHEMERAL : 0) };
      }
      if (json.type === 5) {
        const first = [...edits, ...posts][0];
        if (first) return { kind: 'new', reply: toReply(first.body as Message, json.data?.flags) };
      }
      if (posts[0]) return { kind: 'new', reply: toReply(posts[0].body as Message) };
      throw new Error(`press answered with ${JSON.stringify(json)} and ${requests.length} request(s)`);
    },
    channel() {
      const channelId = String(discordRecorded('guild-command').channel_id);
      return {
        port: h.runtime.deliveryPort,
        posts: () =>
          h.mock.requests
            .filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`)
            .map((r) => toReply(r.body as Message, 0)),
      };
    },
    close: () => h.close(),
  };
}
