// Registers Paperboy's Slack behaviour on a Bolt App: /papers, button actions, App Home, the settings modal, and
// the events that say a channel or the install is gone.
import type { App, InstallationStore, RespondFn, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { forgetDeletedChannel, forgetWorkspace } from '../../app/channel-gone.js';
import type { CommandSpec } from '../../app/command.js';
import { parseLine } from '../../app/parse-line.js';
import { ReplayGuard } from '../../app/replay-guard.js';
import { createRuntime, type Invocation, type LineParser, type Runtime } from '../../app/runtime.js';
import type { Services } from '../../app/types.js';
import type { Metrics } from '../../metrics.js';
import type { ChannelKey } from '../../store/types.js';
import type { View } from '../../views/types.js';
import { type ConversationInfoClient, slackConversationFacts } from './conversation.js';
import {
  HOME_EDIT,
  HOME_PREVIEW,
  homeView,
  previewModal,
  refusalModal,
  SETTINGS_MODAL,
  settingsCommandOptions,
  settingsFromModal,
  settingsModal,
} from './home.js';
import type { Permissions } from './permissions.js';
import { fileFallback, LINK_ACTION, RUN_ACTION, renderView, type SlackMessage } from './render.js';
import { missingScope, reinstallText, ScopeWarnings } from './scopes.js';
import { decodeSlackText, truncate } from './text.js';
import { type ConversationsClient, visibleTo } from './visibility.js';

export type { LineParser } from '../../app/runtime.js';

export interface HandlerDeps {
  /** Remembers trigger and event ids: a signed request replayed within Slack's 5-minute window runs once. */
  replays?: ReplayGuard;
  services: Services;
  /** Needed without a runtime. */
  parseLine?: LineParser;
  /** The shared command pipeline; built from services, parseLine and metrics when not given. */
  runtime?: Runtime;
  /** The subcommands, for a runtime built here (the parser alone reads lines). */
  commands?: readonly CommandSpec[];
  permissions: Permissions;
  logger: Logger;
  /** OAuth installs: a workspace that uninstalls the app or revokes its bot token loses its stored install. */
  installations?: InstallationStore;
  /** Answer in the acknowledgement when the command is done by then (default 2 s; Slack allows 3 s). */
  answerWithinMs?: number;
  metrics?: Pick<Metrics, 'commands' | 'commandSeconds'>;
  /** Where a missing scope is logged, once per workspace (shared with delivery). */
  scopeWarnings?: ScopeWarnings;
}

/** Where a message's files go: the channel the command came from, in its workspace. */
interface Upload {
  client: webApi.WebClient;
  channel: string;
  team: string;
}

type Client = Parameters<Permissions['canManage']>[0];

const MANAGERS_ONLY = 'Only workspace admins and owners (or PAPERBOY_ADMINS) can change a channel’s digest.';

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

/** Answers still going out through response_url, for a shutdown to wait for. */
export interface InflightAnswers {
  idle(): Promise<void>;
}

/** Every Slack view, rendered in order: the answer, then any extra messages; their files are uploaded. */
function renderAll(views: readonly View[]): SlackMessage[] {
  return views.flatMap((view) => renderView(view, { uploads: true }));
}

/** The Slack error code of a failed Web API call (`missing_scope`, `not_in_channel`), if it has one. */
function slackError(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

// What each call that can meet a missing scope was for: the log line, and the key its success heals.
const SEE_PRIVATE = 'cannot tell who may see a private channel; App Home lists none';
const CHECK_POSTING =
  'cannot tell whether it may post in a private channel; subscriptions go ahead unchecked';
const UPLOAD_FILES = 'cannot upload files (charts, exports); their text is sent instead';

export function registerHandlers(app: App, deps: HandlerDeps): InflightAnswers {
  const { services, logger } = deps;
  const runtime =
    deps.runtime ??
    createRuntime({
      commands: deps.commands ?? [],
      services,
      ...(deps.parseLine ? { parseLine: deps.parseLine } : {}),
      logger,
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
    });
  const answerWithin = deps.answerWithinMs ?? 2000;
  const scopes = deps.scopeWarnings ?? new ScopeWarnings(logger);
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

  /**
   * The channels the member may see (a private one only its members). A scope the install lacks is logged once
   * per workspace and comes back as the polite line to show instead.
   */
  async function visible<C extends { channel: string }>(
    client: unknown,
    team: string,
    user: string,
    channels: C[],
  ) {
    const seen = await visibleTo(client as ConversationsClient, user, channels, logger);
    if (seen.answered) scopes.succeeded(team, SEE_PRIVATE);
    if (!seen.missing) return { channels: seen.channels };
    scopes.warn(team, seen.missing, SEE_PRIVATE);
    const note = reinstallText(seen.missing, 'Paperboy cannot tell who may see which channel');
    return { channels: seen.channels, note };
  }

  /** Whether the member may see the channel, or why Paperboy cannot tell. */
  async function canSee(client: unknown, team: string, user: string, channel: string) {
    const seen = await visible(client, team, user, [{ channel }]);
    return seen.note ? { note: seen.note } : { ok: seen.channels.length > 0 };
  }

  /** A line to run as this member: Slack is asked who is an admin only when the command needs it. */
  function invocation(
    line: string,
    channel: ChannelKey,
    user: { id: string; name?: string },
    client: Client,
    privately = false,
  ): Invocation {
    return {
      command: { line },
      ctx: {
        channel,
        user: { ...user, canManage: false },
        requestId: `${channel.workspace}:${Date.now().toString(36)}`,
      },
      canManage: () => deps.permissions.canManage(client, channel.workspace, user.id),
      conversation: () =>
        slackConversationFacts(
          client as unknown as ConversationInfoClient,
          channel.channel,
          logger,
          (scope) => scopes.warn(channel.workspace, scope, CHECK_POSTING),
          () => scopes.succeeded(channel.workspace, CHECK_POSTING),
        ),
      ...(privately ? { privately } : {}),
    };
  }

  const later = (what: string, work: () => Promise<void>) => runtime.later({ platform: 'slack', what }, work);

  /**
   * Uploads a message's files to the channel the command came from (files.uploadV2: getUploadURLExternal,
   * the bytes, completeUploadExternal). When Slack refuses (files:write not granted, the bot not in the
   * channel) the files' text goes out instead: the answer is never lost.
   */
  async function uploadFiles(upload: Upload, message: SlackMessage, respond: RespondFn) {
    const { client, channel, team } = upload;
    const files = message.files ?? [];
    if (files.length === 0) return;
    try {
      await client.files.uploadV2({
        channel_id: channel,
        file_uploads: files.map((f) => ({
          file: Buffer.from(f.data),
          filename: f.name,
          title: f.alt.slice(0, 250),
          ...(f.contentType.startsWith('image/') ? { alt_text: f.alt.slice(0, 1000) } : {}),
        })),
      });
      scopes.succeeded(team, UPLOAD_FILES);
    } catch (error) {
      const scope = missingScope(error);
      if (scope) scopes.warn(team, scope, UPLOAD_FILES);
      else {
        logger.warn(
          { err: error, channel, code: slackError(error) },
          'slack upload failed; sent the text instead',
        );
      }
      await respond(payload(fileFallback(files, message.ephemeral), { replace_original: false }));
      // The one who asked learns why the file did not come, and who can fix it; only they see it.
      if (scope) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: reinstallText(scope, 'the file could not be uploaded here, so it came as text'),
        });
      }
    }
  }

  async function sendAll(
    respond: RespondFn,
    messages: SlackMessage[],
    first: Record<string, unknown> = {},
    upload?: Upload,
  ) {
    for (const [i, message] of messages.entries()) {
      await respond(payload(message, i === 0 ? first : { replace_original: false }));
      if (upload) await uploadFiles(upload, message, respond);
    }
  }

  app.command('/papers', async ({ command, ack, respond, client }) => {
    const channel: ChannelKey = {
      platform: 'slack',
      workspace: command.team_id,
      channel: command.channel_id,
    };
    const user = { id: command.user_id, name: command.user_name };
    const line = `/papers ${decodeSlackText(command.text)}`;
    const given = await runtime.answer(invocation(line, channel, user, client), { within: answerWithin });
    const upload: Upload = { client, channel: command.channel_id, team: command.team_id };
    if (given.at === 'once') {
      const [head, ...rest] = renderAll(given.views);
      await ack(head ? payload(head) : undefined);
      if (head?.files?.length || rest.length > 0) {
        await later('extra messages', async () => {
          if (head) await uploadFiles(upload, head, respond);
          await sendAll(respond, rest, { replace_original: false }, upload);
        });
      }
      return;
    }
    // Slow work (summaries, digests): acknowledge now, answer through response_url when done.
    await ack({ response_type: 'ephemeral', text: 'Working on it…' });
    await later('deferred answer', async () => {
      const { views } = await given.result;
      await sendAll(respond, renderAll(views), { replace_original: true }, upload);
    });
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
    // A press on a private answer stays private (Summarize, More like this) unless the answer is a share.
    const fromEphemeral = Boolean((body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral);
    const user = { id: body.user.id, name: body.user.name };
    const { views } = await runtime.run(invocation(action.value, channel, user, client, fromEphemeral));
    const view = views[0];
    // Paging replaces the page it was pressed on when both are seen by the same people; a share of private
    // results is a new message in the channel, anything else answers below.
    const paging =
      view?.kind === 'list' && view.page !== undefined && Boolean(view.ephemeral) === fromEphemeral;
    await later('button answer', () =>
      sendAll(respond, renderAll(views), { replace_original: paging }, { client, channel: channelId, team }),
    );
  });

  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const team = context.teamId ?? '';
    const all = await services.store.listChannels({ platform: 'slack', workspace: team });
    const { channels, note } = await visible(client, team, event.user, all);
    await client.views.publish({ user_id: event.user, view: homeView(channels, services.clock.now(), note) });
  });

  // What Paperboy keeps for a channel goes when Slack deletes the channel (public or private), and for every
  // channel of a workspace that uninstalls the app or revokes its bot token.
  const teamOf = (context: { teamId?: string }, body: unknown) =>
    context.teamId ?? (body as { team_id?: string }).team_id;
  for (const type of ['channel_deleted', 'group_deleted'] as const) {
    app.event(type, async ({ event, context, body }) => {
      const team = teamOf(context, body);
      if (!team || !event.channel) return;
      const key: ChannelKey = { platform: 'slack', workspace: team, channel: event.channel };
      await forgetDeletedChannel(services.store, key, type, logger);
    });
  }
  // The stored OAuth install goes too: its bot token no longer works, and a reinstall stores a new one.
  async function forgetInstall(
    context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean },
    team: string,
  ) {
    if (!deps.installations?.deleteInstallation) return;
    const isEnterpriseInstall = context.isEnterpriseInstall === true;
    try {
      await deps.installations.deleteInstallation({
        teamId: isEnterpriseInstall ? undefined : team,
        enterpriseId: context.enterpriseId,
        isEnterpriseInstall,
      });
    } catch (err) {
      logger.warn({ err, team }, 'could not delete the Slack installation');
    }
  }
  app.event('app_uninstalled', async ({ context, body }) => {
    const team = teamOf(context, body);
    if (!team) return;
    await forgetWorkspace(services.store, { platform: 'slack', workspace: team }, 'app_uninstalled', logger);
    await forgetInstall(context, team);
  });
  app.event('tokens_revoked', async ({ event, context, body }) => {
    const team = teamOf(context, body);
    // Revoked user tokens leave the bot working; Paperboy acts only through its bot token.
    if (!team || (event.tokens.bot ?? []).length === 0) return;
    await forgetWorkspace(services.store, { platform: 'slack', workspace: team }, 'tokens_revoked', logger);
    await forgetInstall(context, team);
  });

  app.action(HOME_EDIT, async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !action.value) return;
    const team = body.team?.id ?? body.user.team_id ?? '';
    const key: ChannelKey = { platform: 'slack', workspace: team, channel: action.value };
    // The modal shows the channel's settings and leads to changing them: both need the right to manage it.
    const seen = await canSee(client, team, body.user.id, action.value);
    if (seen.note) {
      await client.views.open({ trigger_id: body.trigger_id, view: refusalModal(seen.note) });
      return;
    }
    const allowed = seen.ok && (await deps.permissions.canManage(client, team, body.user.id));
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
    const seen = await canSee(client, team, body.user.id, action.value);
    if (!seen.ok) {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: refusalModal(seen.note ?? 'You can preview the digest only of channels you are in.'),
      });
      return;
    }
    const user = { id: body.user.id, name: body.user.name };
    const { views } = await runtime.run(invocation('/papers digest', key, user, client));
    const view = views[0] ?? { kind: 'error', text: 'Nothing to preview.' };
    await client.views.open({ trigger_id: body.trigger_id, view: previewModal(action.value, view) });
  });

  /** /papers settings as the runtime reads it: the command the settings modal runs. */
  const settingsCommand = () => {
    const parsed = (deps.parseLine ?? ((line: string) => parseLine(line, runtime.commands)))(
      '/papers settings',
    );
    return parsed.ok ? parsed.spec : undefined;
  };

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
    // Field by field, so each problem shows under its box; the command below checks them again as it saves.
    const parsed = settingsFromModal(view.state.values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const spec = settingsCommand();
    if (!spec) {
      await ack({ response_action: 'errors', errors: { topics: 'Settings cannot be changed here.' } });
      return;
    }
    const key: ChannelKey = { platform: 'slack', workspace: team, channel: channelId };
    const before = await services.store.getChannel(key);
    // The same /papers settings a member types, so the modal can change nothing the command cannot (topics
    // included), and both settle a moved time the same way.
    const user = { id: body.user.id, name: body.user.name };
    const options = settingsCommandOptions(view.state.values, before?.paused ?? false);
    const answer = await runtime.answer(
      { ...invocation('/papers settings', key, user, client), command: { spec, options } },
      { within: answerWithin },
    );
    const refused = answer.at === 'once' ? answer.views.find((v) => v.kind === 'error') : undefined;
    if (refused?.kind === 'error') {
      await ack({ response_action: 'errors', errors: { topics: truncate(refused.text, 150) } });
      return;
    }
    await ack();
    if (answer.at === 'later') await answer.result;
    const all = await services.store.listChannels({ platform: 'slack', workspace: team });
    const { channels, note } = await visible(client, team, body.user.id, all);
    await client.views.publish({
      user_id: body.user.id,
      view: homeView(channels, services.clock.now(), note),
    });
  });

  return { idle: () => runtime.idle() };
}
