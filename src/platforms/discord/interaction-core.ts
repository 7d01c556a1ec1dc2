// The one interaction handler both modes share: interaction JSON in, the immediate response out (+ work after it).
import {
  type APIApplicationCommandOptionChoice,
  type APIInteractionResponse,
  ApplicationCommandOptionType,
  InteractionResponseType,
  InteractionType,
  PermissionFlagsBits,
  type REST,
  Routes,
} from 'discord.js';
import type { Logger } from 'pino';
import type { CommandSpec, OptionSpec } from '../../app/command.js';
import { apology, type RawOptions } from '../../app/dispatch.js';
import {
  type Answer,
  createRuntime,
  type Invocation,
  type LineParser,
  type Result,
  type Runtime,
} from '../../app/runtime.js';
import type { CommandContext, Services } from '../../app/types.js';
import type { Metrics } from '../../metrics.js';
import { paperChoiceLabel, suggestPapers } from '../../search/suggest-papers.js';
import type { View, ViewFile } from '../../views/types.js';
import {
  type Decoded,
  decodeId,
  decodeValue,
  type PressMode,
  STASH_NAMESPACE,
  type Stash,
} from './custom-id.js';
import { type CommandOption, type Interaction, InteractionSchema } from './interaction-schema.js';
import { ADMINISTRATOR, EPHEMERAL, LIMITS, MANAGE_CHANNELS } from './limits.js';
import { discordName, TOP_COMMAND } from './registration.js';
import { type DiscordMessage, type RenderedView, renderView } from './render.js';
import { rawFiles } from './rest.js';
import { isTimeZoneOption, suggestTimeZones } from './time-zones.js';

export type { LineParser } from '../../app/runtime.js';

export interface InteractionDeps {
  commands: readonly CommandSpec[];
  services: Services;
  parseLine: LineParser;
  /** The shared command pipeline; built from commands, services, parseLine and metrics when not given. */
  runtime?: Runtime;
  /** For deferred edits and follow-ups (webhook routes need no bot token). */
  rest: REST;
  logger: Logger;
  metrics?: Metrics;
  /** PAPERBOY_ADMINS: user ids (bare or `discord:`-prefixed) who may configure any channel. */
  admins?: readonly string[];
  /** Answer within this (default 2 s), else defer and edit later: Discord allows 3 s, transit included. */
  deferAfterMs?: number;
}

export interface InteractionReply {
  /** The immediate answer: the HTTP response body, or the gateway's interaction callback body. */
  body: APIInteractionResponse;
  /** Runs once the body was delivered (a deferred answer's edit, extra messages), through runAfter. */
  after?: () => Promise<void>;
}

export interface InteractionCore {
  handle(payload: unknown): Promise<InteractionReply>;
  /** Runs `reply.after` in the background, tracked so stop() can wait for it. */
  runAfter(reply: InteractionReply): void;
  /** Waits for the background work started so far. */
  idle(): Promise<void>;
}

const NEEDED_TO_POST: [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];

/** What the bot lacks to post a digest here, from the interaction's app_permissions. */
export function missingPostPermissions(appPermissions: string | undefined): string[] {
  if (appPermissions === undefined) return [];
  const bits = BigInt(appPermissions);
  if ((bits & PermissionFlagsBits.Administrator) !== 0n) return [];
  return NEEDED_TO_POST.filter(([bit]) => (bits & bit) === 0n).map(([, name]) => name);
}

/**
 * Who asked and where. Manage Channels (or Administrator) in this channel lets someone change its settings. The
 * conversation facts tell commands that post here whether the bot can, and what it lacks (not in a DM, where
 * channel permissions mean nothing).
 */
export function commandContext(i: Interaction, admins: readonly string[] = []): CommandContext {
  const user = i.member?.user ?? i.user;
  const permissions = i.member?.permissions ? BigInt(i.member.permissions) : 0n;
  const listed = user !== undefined && (admins.includes(user.id) || admins.includes(`discord:${user.id}`));
  // In a direct message with the bot the person owns the conversation, so they manage its digest.
  const canManage = listed || (i.guild_id ? (permissions & (MANAGE_CHANNELS | ADMINISTRATOR)) !== 0n : true);
  return {
    channel: {
      platform: 'discord',
      workspace: i.guild_id ?? '@me',
      channel: i.channel_id ?? i.channel?.id ?? 'unknown',
    },
    user: {
      id: user?.id ?? 'unknown',
      ...(user ? { name: user.global_name ?? user.username ?? user.id } : {}),
      canManage,
    },
    requestId: i.id,
    conversation: {
      botCanPost: botCanPostHere(i),
      missingPermissions: i.guild_id ? missingPostPermissions(i.app_permissions) : [],
    },
  };
}

/**
 * Whether the bot itself can post in the conversation: not in another person's DM or group DM, and not in a
 * server where only a user installed the app (the bot is not a member there).
 */
function botCanPostHere(i: Interaction): boolean {
  if (i.context === 2) return false;
  const owners = i.authorizing_integration_owners;
  if (i.guild_id && owners && !('0' in owners)) return false;
  return true;
}

/**
 * Whether a deferred answer should wait privately: configuration answers are private, and so is a command with a
 * `share` option (a digest preview) unless sharing was asked for. A wrong guess still ends right, with a flicker.
 */
function privateByDefault(spec: CommandSpec, raw: RawOptions): boolean {
  if (spec.admin) return true;
  return 'share' in spec.options && raw.share !== true;
}

function errorView(text: string, hint?: string): View {
  return { kind: 'error', text, ...(hint ? { hint } : {}), ephemeral: true };
}

function withoutFlags(m: DiscordMessage): Omit<DiscordMessage, 'flags'> {
  const { flags: _flags, ...rest } = m;
  return rest;
}

/** One message to send and the files that go with it. */
interface Outgoing {
  message: DiscordMessage;
  files?: readonly ViewFile[];
}

/**
 * The messages of an answer's views in order, each view's files with that view's first message (whose
 * `attachments` name them): a chart in the second view goes with the second view, not lost behind the first.
 */
function outgoing(rendered: readonly RenderedView[]): Outgoing[] {
  return rendered.flatMap((r) =>
    r.messages.map((message, n) => (n === 0 && r.files?.length ? { message, files: r.files } : { message })),
  );
}

export function createInteractionCore(deps: InteractionDeps): InteractionCore {
  const { services, logger } = deps;
  const deferAfterMs = deps.deferAfterMs ?? 2_000;
  const runtime =
    deps.runtime ??
    createRuntime({
      commands: deps.commands,
      services,
      parseLine: deps.parseLine,
      logger,
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
    });
  const bySubcommand = new Map(deps.commands.map((c) => [discordName(c.name), c]));

  async function saveStash(stash: Stash) {
    for (const [key, line] of Object.entries(stash)) {
      await services.store.setValue(STASH_NAMESPACE, key, line);
    }
  }

  async function render(view: View): Promise<RenderedView> {
    const rendered = renderView(view);
    await saveStash(rendered.stash);
    return rendered;
  }

  const webhook = (i: Interaction) => ({
    edit: (body: object, files?: readonly ViewFile[]) => {
      const raw = rawFiles(files);
      return deps.rest.patch(Routes.webhookMessage(i.application_id, i.token, '@original'), {
        body,
        auth: false,
        ...(raw ? { files: raw } : {}),
      });
    },
    remove: () =>
      deps.rest.delete(Routes.webhookMessage(i.application_id, i.token, '@original'), { auth: false }),
    followUp: (body: object, files?: readonly ViewFile[]) => {
      const raw = rawFiles(files);
      return deps.rest.post(Routes.webhook(i.application_id, i.token), {
        body,
        auth: false,
        ...(raw ? { files: raw } : {}),
      });
    },
  });

  /** Sends messages in order, each with the files it carries. */
  async function followUps(i: Interaction, items: readonly Outgoing[]) {
    for (const { message, files } of items) await webhook(i).followUp(message, files);
  }

  function invocation(i: Interaction, command: Invocation['command'], privately = false): Invocation {
    return { command, ctx: commandContext(i, deps.admins), ...(privately ? { privately } : {}) };
  }

  /**
   * Answers in time: the runtime's answer directly when it came before the deadline; otherwise a deferred
   * response, then the real answer edited in place.
   */
  async function answer(
    i: Interaction,
    given: Answer,
    how: { update: boolean; ephemeralGuess?: boolean; onEphemeral?: boolean },
  ): Promise<InteractionReply> {
    if (given.at === 'once') {
      const rendered = await Promise.all(given.views.map(render));
      const head = rendered[0];
      // A response body is JSON, so files go in an edit right after it: defer, then edit with them attached.
      if (head?.files?.length) {
        return {
          body: how.update
            ? { type: InteractionResponseType.DeferredMessageUpdate }
            : {
                type: InteractionResponseType.DeferredChannelMessageWithSource,
                ...(head.ephemeral ? { data: { flags: EPHEMERAL } } : {}),
              },
          after: () => finishDeferred(i, rendered, how.update, head.ephemeral, how.onEphemeral),
        };
      }
      return immediate(i, rendered, how.update, how.onEphemeral);
    }
    const ephemeralGuess = how.ephemeralGuess ?? privateByDefault(given.spec, given.options);
    const body: APIInteractionResponse = how.update
      ? { type: InteractionResponseType.DeferredMessageUpdate }
      : {
          type: InteractionResponseType.DeferredChannelMessageWithSource,
          ...(ephemeralGuess ? { data: { flags: EPHEMERAL } } : {}),
        };
    return {
      body,
      after: async () => {
        try {
          const rendered = await Promise.all((await given.result).views.map(render));
          await finishDeferred(i, rendered, how.update, ephemeralGuess, how.onEphemeral);
        } catch (error) {
          // Never leave "Paperboy is thinking…" hanging.
          await webhook(i)
            .followUp(renderView(apology()).messages[0]!)
            .catch(() => undefined);
          throw error;
        }
      },
    };
  }

  /**
   * Whether an answer may replace the message a button sits on: not an error, and seen by the same people
   * (private results page in place; a shared post pages in place).
   */
  function inPlace(head: RenderedView | undefined, onEphemeral: boolean): boolean {
    return head !== undefined && !head.error && head.ephemeral === onEphemeral;
  }

  function immediate(
    i: Interaction,
    rendered: RenderedView[],
    update: boolean,
    onEphemeral = false,
  ): InteractionReply {
    const [head] = rendered;
    const items = outgoing(rendered);
    // The response body is JSON: the first message goes there (answer() defers instead when it has files).
    const rest = head?.messages.length ? items.slice(1) : items;
    const firstMessage = head?.messages[0] ?? renderView(errorView('Nothing to show.')).messages[0]!;
    // An error never replaces the message a button sits on: it goes only to the person who pressed.
    const body: APIInteractionResponse =
      update && inPlace(head, onEphemeral)
        ? { type: InteractionResponseType.UpdateMessage, data: withoutFlags(firstMessage) }
        : { type: InteractionResponseType.ChannelMessageWithSource, data: firstMessage };
    return rest.length > 0 ? { body, after: () => followUps(i, rest) } : { body };
  }

  async function finishDeferred(
    i: Interaction,
    rendered: RenderedView[],
    update: boolean,
    deferredEphemeral: boolean,
    onEphemeral = false,
  ) {
    const [head] = rendered;
    if (!head?.messages[0]) return;
    const items = outgoing(rendered);
    const [first, ...more] = items as [Outgoing, ...Outgoing[]];
    const hook = webhook(i);
    if (update) {
      if (!inPlace(head, onEphemeral)) return followUps(i, items);
      await hook.edit(withoutFlags(first.message), first.files);
      return followUps(i, more);
    }
    if (head.ephemeral === deferredEphemeral) {
      await hook.edit(withoutFlags(first.message), first.files);
      return followUps(i, more);
    }
    // The "thinking…" placeholder has the wrong visibility (a public wait that ends in an error, or the
    // reverse): remove it and send the answer with the right one.
    await hook
      .remove()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not remove placeholder'));
    return followUps(i, items);
  }

  function findSubcommand(i: Interaction): { spec: CommandSpec; sub: CommandOption } | undefined {
    if (i.data?.name !== TOP_COMMAND) return undefined;
    const sub = i.data.options?.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
    const spec = sub ? bySubcommand.get(sub.name) : undefined;
    return spec && sub ? { spec, sub } : undefined;
  }

  function rawOptions(spec: CommandSpec, sub: CommandOption): RawOptions {
    const keys = new Map(Object.keys(spec.options).map((k) => [discordName(k), k]));
    const raw: RawOptions = {};
    for (const o of sub.options ?? []) raw[keys.get(o.name) ?? o.name] = o.value;
    return raw;
  }

  async function onCommand(i: Interaction): Promise<InteractionReply> {
    const found = findSubcommand(i);
    if (!found) {
      const names = deps.commands.map((c) => c.name).join(', ');
      return immediate(
        i,
        [await render(errorView('Paperboy does not know this command.', `Commands: ${names}`))],
        false,
      );
    }
    const { spec, sub } = found;
    const command = { spec, options: rawOptions(spec, sub) };
    const given = await runtime.answer(invocation(i, command), { within: deferAfterMs, deferSlow: true });
    return answer(i, given, { update: false });
  }

  function onAutocomplete(i: Interaction): InteractionReply {
    const found = findSubcommand(i);
    const focused = found?.sub.options?.find((o) => o.focused);
    let choices: APIApplicationCommandOptionChoice<string>[] = [];
    if (found && focused) {
      const key = Object.keys(found.spec.options).find((k) => discordName(k) === focused.name);
      const option = key ? (found.spec.options as Record<string, OptionSpec>)[key] : undefined;
      const typed = String(focused.value ?? '');
      if (key && isTimeZoneOption(key)) {
        choices = suggestTimeZones(typed).map((zone) => ({ name: zone, value: zone }));
      } else if (option?.autocomplete) {
        try {
          choices = suggestPapers(services.search, typed, {
            max: LIMITS.autocompleteChoices,
            maxId: LIMITS.choiceValue,
          }).map((p) => ({ name: paperChoiceLabel(p, LIMITS.choiceName), value: p.id }));
        } catch (error) {
          logger.warn({ err: error, interaction: i.id }, 'autocomplete failed');
        }
      }
    }
    return {
      body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } },
    };
  }

  async function lineOf(decoded: Exclude<Decoded, null>): Promise<string | undefined> {
    if ('line' in decoded) return decoded.line;
    if ('stashKey' in decoded) {
      const short = await services.store.getValue(STASH_NAMESPACE, decoded.stashKey);
      return short === undefined ? undefined : `/${TOP_COMMAND} ${short}`;
    }
    return undefined;
  }

  async function onComponent(i: Interaction): Promise<InteractionReply> {
    let decoded = decodeId(i.data?.custom_id ?? '');
    if (decoded && 'fromSelect' in decoded) {
      const value = i.data?.values?.[0];
      decoded = value === undefined ? null : decodeValue(value, decoded.mode);
    }
    // Not ours, or a disabled placeholder: acknowledge without changing anything.
    if (!decoded) return { body: { type: InteractionResponseType.DeferredMessageUpdate } };
    const mode: PressMode = decoded.mode;
    const line = await lineOf(decoded);
    if (line === undefined) {
      return immediate(
        i,
        [await render(errorView('This button has expired.', 'Run the command again to get fresh results.'))],
        false,
      );
    }
    const onEphemeral = ((i.message?.flags ?? 0) & EPHEMERAL) !== 0;
    // A press on a shared post answers only the person who pressed, unless it pages the post itself.
    const pressed = invocation(i, { line }, mode === 'e');
    if (mode === 'p') return share(i, runtime.run(pressed), onEphemeral);
    const given = await runtime.answer(pressed, { within: deferAfterMs, deferSlow: true });
    return answer(i, given, { update: mode === 'u', ephemeralGuess: mode === 'e', onEphemeral });
  }

  /**
   * Share to channel: the page goes to the channel as a new public message (a follow-up of the press), and the
   * private message the button sat on says it was shared rather than offering the button again.
   */
  function share(i: Interaction, work: Promise<Result>, onEphemeral: boolean): InteractionReply {
    return {
      body: { type: InteractionResponseType.DeferredMessageUpdate },
      after: async () => {
        const rendered = await Promise.all((await work).views.map(render));
        const [head] = rendered;
        if (!head) return;
        await followUps(i, outgoing(rendered));
        if (head.ephemeral || !onEphemeral) return;
        await webhook(i).edit({
          content: '📣 Shared to the channel.',
          embeds: [],
          components: [],
          allowed_mentions: { parse: [] },
        });
      },
    };
  }

  async function handle(payload: unknown): Promise<InteractionReply> {
    try {
      return await route(payload);
    } catch (error) {
      logger.error({ err: error }, 'discord interaction failed');
      return {
        body: {
          type: InteractionResponseType.ChannelMessageWithSource,
          data: renderView(apology()).messages[0]!,
        },
      };
    }
  }

  async function route(payload: unknown): Promise<InteractionReply> {
    const parsed = InteractionSchema.safeParse(payload);
    if (!parsed.success) {
      logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'unreadable discord interaction');
      return {
        body: {
          type: InteractionResponseType.ChannelMessageWithSource,
          data: {
            content: '⚠️ Paperboy could not read this request.',
            flags: EPHEMERAL,
            allowed_mentions: { parse: [] },
          },
        },
      };
    }
    const i = parsed.data;
    switch (i.type) {
      case InteractionType.Ping:
        return { body: { type: InteractionResponseType.Pong } };
      case InteractionType.ApplicationCommand:
        return onCommand(i);
      case InteractionType.ApplicationCommandAutocomplete:
        return onAutocomplete(i);
      case InteractionType.MessageComponent:
        return onComponent(i);
      default:
        return immediate(
          i,
          [await render(errorView('Paperboy does not handle this kind of interaction.'))],
          false,
        );
    }
  }

  return {
    handle,
    runAfter(reply) {
      if (reply.after) void runtime.later({ platform: 'discord', what: 'interaction answer' }, reply.after);
    },
    idle: () => runtime.idle(),
  };
}
