// Registers Paperboy's Slack behaviour on a Bolt App: /papers, button actions, App Home and the settings modal.
import type { App, RespondFn } from '@slack/bolt';
import type { Logger } from 'pino';
import type { CommandSpec } from '../../app/command.js';
import { admit, type RawOptions, runCommand } from '../../app/dispatch.js';
import { ReplayGuard } from '../../app/replay-guard.js';
import type { CommandContext, Services } from '../../app/types.js';
import { BUSY_TEXT, inLane, laneBacklogged } from '../../app/work-lane.js';
import type { Metrics } from '../../metrics.js';
import { settleScheduleChange } from '../../schedule/schedule-change.js';
import type { ChannelKey } from '../../store/types.js';
import type { View } from '../../views/types.js';
import {
  HOME_EDIT,
  HOME_PREVIEW,
  homeView,
  previewModal,
  refusalModal,
  SETTINGS_MODAL,
  settingsFromModal,
  settingsModal,
} from './home.js';
import type { Permissions } from './permissions.js';
import { LINK_ACTION, RUN_ACTION, renderView, type SlackMessage } from './render.js';
import { decodeSlackText } from './text.js';
import { type ConversationsClient, visibleTo } from './visibility.js';

/** Parses a command line (`/papers search rl page:2`) against the subcommands: the shared parse-line. */
export type LineParser = (
  line: string,
) => { ok: true; spec: CommandSpec; options: RawOptions } | { ok: false; view: View };

export interface HandlerDeps {
  /** Remembers trigger and event ids: a signed request replayed within Slack's 5-minute window runs once. */
  replays?: ReplayGuard;
  services: Services;
  parseLine: LineParser;
  permissions: Permissions;
  logger: Logger;
  /** Answer in the acknowledgement when the command is done by then (default 2 s; Slack allows 3 s). */
  answerWithinMs?: number;
  metrics?: Pick<Metrics, 'commands' | 'commandSeconds'>;
}

type Client = Parameters<Permissions['canManage']>[0];

const MANAGERS_ONLY = 'Only workspace admins and owners (or PAPERBOY_ADMINS) can change a channel’s digest.';

/** Tracks work still answering through response_url, so a shutdown can wait for it. */
export class Inflight {
  private readonly pending = new Set<Promise<unknown>>();
  track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p)).catch(() => {});
    return p;
  }
  async idle(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}

function payload(message: SlackMessage, extra: Record<string, unknown> = {}) {
  return {
    text: message.text,
    blocks: message.blocks,
    response_type: message.ephemeral ? ('ephemeral' as const) : ('in_channel' as const),
    unfurl_links: false,
    unfurl_media: false,
    ...extra,
  };
}

export function registerHandlers(app: App, deps: HandlerDeps): Inflight {
  const { services, logger } = deps;
  const inflight = new Inflight();
  const answerWithin = deps.answerWithinMs ?? 2000;
  const replays = deps.replays ?? new ReplayGuard();

  // Every command, press, submission and event carries an id Slack never reuses: a second copy is acknowledged
  // and dropped (a replayed signed request, or a retry of something already handled).
  app.use(async (args) => {
    const body = args.body as { trigger_id?: unknown; event_id?: unknown };
    const id = typeof body.trigger_id === 'string' ? body.trigger_id : body.event_id;
    if (typeof id === 'string' && !replays.firstTime(id)) {
      logger.warn({ id }, 'slack request received twice; the copy is ignored');
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await args.next();
  });

  /** Whether the member may see the channel (a private one only its members). */
  async function canSee(client: unknown, user: string, channel: string): Promise<boolean> {
    const kept = await visibleTo(client as ConversationsClient, user, [{ channel }], logger);
    return kept.length > 0;
  }

  /** Rate limit first, then parse, then ask Slack who is an admin: a refused line costs neither. */
  async function run(line: string, channel: ChannelKey, user: { id: string; name?: string }, client: Client) {
    const requestId = `${channel.workspace}:${Date.now().toString(36)}`;
    const refused = admit({ channel, user: { ...user, canManage: false }, requestId }, services);
    if (refused) return refused;
    const parsed = deps.parseLine(line);
    if (!parsed.ok) return parsed.view;
    const needsAdmin = parsed.spec.admin !== undefined && parsed.spec.admin !== false;
    const canManage = needsAdmin
      ? await deps.permissions.canManage(client, channel.workspace, user.id)
      : false;
    const ctx: CommandContext = { channel, user: { ...user, canManage }, requestId };
    const startedAt = performance.now();
    const view = await runCommand(parsed.spec, parsed.options, ctx, services, { admitted: true });
    const outcome = view.kind !== 'error' ? 'ok' : needsAdmin && !canManage ? 'refused' : 'error';
    deps.metrics?.commands.inc({ command: parsed.spec.name, platform: 'slack', outcome });
    deps.metrics?.commandSeconds.observe(
      { command: parsed.spec.name, platform: 'slack' },
      (performance.now() - startedAt) / 1000,
    );
    return view;
  }

  async function sendAll(respond: RespondFn, messages: SlackMessage[], first: Record<string, unknown> = {}) {
    for (const [i, message] of messages.entries()) {
      await respond(payload(message, i === 0 ? first : { replace_original: false }));
    }
  }

  app.command('/papers', async ({ command, ack, respond, client }) => {
    const channel: ChannelKey = {
      platform: 'slack',
      workspace: command.team_id,
      channel: command.channel_id,
    };
    const user = { id: command.user_id, name: command.user_name };
    const started = inLane(
      services.lane,
      () => run(`/papers ${decodeSlackText(command.text)}`, channel, user, client),
      'slack',
    );
    if (!started) {
      await ack({ response_type: 'ephemeral', text: BUSY_TEXT });
      return;
    }
    // With work already waiting, acknowledge at once rather than wait to answer inline.
    const waitInline = laneBacklogged(services.lane) ? 0 : answerWithin;
    const work = started.catch((error): View => {
      logger.error({ err: error }, 'slack command failed');
      return {
        kind: 'error',
        text: 'Sorry, something went wrong on our side. Please try again in a moment.',
      };
    });
    let timer: NodeJS.Timeout | undefined;
    const early = await Promise.race([
      work,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), waitInline);
      }),
    ]);
    clearTimeout(timer);
    if (early) {
      const [head, ...rest] = renderView(early);
      await ack(head ? payload(head) : undefined);
      if (rest.length > 0) await inflight.track(sendAll(respond, rest, { replace_original: false }));
      return;
    }
    // Slow work (summaries, digests): acknowledge now, answer through response_url when done.
    await ack({ response_type: 'ephemeral', text: 'Working on it…' });
    await inflight.track(
      work
        .then((view) => sendAll(respond, renderView(view), { replace_original: true }))
        .catch((error) => {
          logger.warn({ err: error }, 'slack respond failed');
        }),
    );
  });

  app.action(LINK_ACTION, async ({ ack }) => {
    await ack();
  });

  app.action(RUN_ACTION, async ({ body, action, ack, respond, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !action.value) return;
    const channelId = body.channel?.id ?? body.container?.channel_id;
    const team = body.team?.id ?? body.user.team_id;
    if (!channelId || !team) return;
    const channel: ChannelKey = { platform: 'slack', workspace: team, channel: channelId };
    const line = action.value;
    const press = () => run(line, channel, { id: body.user.id, name: body.user.name }, client);
    const queued = inLane(services.lane, press, 'slack');
    const answered: View = (await queued) ?? { kind: 'notice', text: BUSY_TEXT, ephemeral: true };
    // A press on a private answer stays private (Summarize, More like this) unless the answer is a share.
    const fromEphemeral = Boolean((body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral);
    const view: View =
      fromEphemeral && answered.ephemeral !== false ? { ...answered, ephemeral: true } : answered;
    const messages = renderView(view);
    // Paging replaces the page it was pressed on when both are seen by the same people; a share of private
    // results is a new message in the channel, anything else answers below.
    const paging =
      view.kind === 'list' && view.page !== undefined && Boolean(view.ephemeral) === fromEphemeral;
    await inflight.track(
      sendAll(respond, messages, { replace_original: paging }).catch((error) => {
        logger.warn({ err: error }, 'slack respond failed');
      }),
    );
  });

  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const team = context.teamId ?? '';
    const all = await services.store.listChannels({ platform: 'slack', workspace: team });
    const channels = await visibleTo(client as unknown as ConversationsClient, event.user, all, logger);
    await client.views.publish({ user_id: event.user, view: homeView(channels, services.clock.now()) });
  });

  app.action(HOME_EDIT, async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !action.value) return;
    const team = body.team?.id ?? body.user.team_id ?? '';
    const key: ChannelKey = { platform: 'slack', workspace: team, channel: action.value };
    // The modal shows the channel's settings and leads to changing them: both need the right to manage it.
    const allowed =
      (await canSee(client, body.user.id, action.value)) &&
      (await deps.permissions.canManage(client, team, body.user.id));
    if (!allowed) {
      await client.views.open({ trigger_id: body.trigger_id, view: refusalModal(MANAGERS_ONLY) });
      return;
    }
    const record = await services.store.getChannel(key);
    await client.views.open({ trigger_id: body.trigger_id, view: settingsModal(action.value, record) });
  });

  app.action(HOME_PREVIEW, async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !action.value) return;
    const team = body.team?.id ?? body.user.team_id ?? '';
    const key: ChannelKey = { platform: 'slack', workspace: team, channel: action.value };
    if (!(await canSee(client, body.user.id, action.value))) {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: refusalModal('You can preview the digest only of channels you are in.'),
      });
      return;
    }
    const view = await run('/papers digest', key, { id: body.user.id, name: body.user.name }, client);
    await client.views.open({ trigger_id: body.trigger_id, view: previewModal(action.value, view) });
  });

  app.view(SETTINGS_MODAL, async ({ ack, body, view, client }) => {
    const channelId = view.private_metadata;
    const team = body.team?.id ?? body.user.team_id ?? '';
    if (!(await deps.permissions.canManage(client, team, body.user.id))) {
      await ack({
        response_action: 'errors',
        errors: {
          topics: MANAGERS_ONLY,
        },
      });
      return;
    }
    const parsed = settingsFromModal(view.state.values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack();
    const key: ChannelKey = { platform: 'slack', workspace: team, channel: channelId };
    const before = await services.store.getChannel(key);
    const after = await services.store.updateChannel(key, parsed.value, `slack:${body.user.id}`);
    // As with /papers settings: a time moved to before now does not set off a digest at once.
    await settleScheduleChange(services.store, key, before, after, services.clock);
    const all = await services.store.listChannels({ platform: 'slack', workspace: team });
    const channels = await visibleTo(client as unknown as ConversationsClient, body.user.id, all, logger);
    await client.views.publish({ user_id: body.user.id, view: homeView(channels, services.clock.now()) });
  });

  return inflight;
}
