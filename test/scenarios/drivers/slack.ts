// The scenario suite's Slack driver: startSlack with real Bolt behind the shared HTTP server, signed bodies built on
// recorded Slack payloads, answers read from the slash command's acknowledgement and the mock's response_url.
import { papersCommands } from '../../../commands/index.js';
import { createRuntime, type Runtime } from '../../../src/app/runtime.js';
import type { Services } from '../../../src/app/types.js';
import { type RunningServer, startHttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/logger.js';
import type { Metrics } from '../../../src/metrics.js';
import { type SlackRuntime, startSlack } from '../../../src/platforms/slack/index.js';
import { captureLogger } from '../../digest/fakes.js';
import { MockSlack } from '../../platforms/slack/mock-slack.js';
import { interactionBody, nextTrigger, postSigned, SIGNING_SECRET } from '../../platforms/slack/signed.js';
import type { CommandOptions, Driver, Reply } from '../driver.js';
import { findLabel } from '../driver.js';
import { slackBlockActions, slackSlash } from '../recorded.js';

type Json = Record<string, unknown>;
type Button = { type: 'button'; action_id?: string; text?: { text?: string }; value?: string; url?: string };

export interface SlackHarness {
  mock: MockSlack;
  /** What Paperboy and Bolt logged (a failing handler says why here). */
  logs: Array<Record<string, unknown>>;
  runtime: SlackRuntime;
  /** The command pipeline the adapter feeds: its idle() is when every answer has been sent. */
  pipeline: Runtime;
  server: RunningServer;
  events: string;
  close(): Promise<void>;
}

export async function startSlackHarness(services: Services, metrics?: Metrics): Promise<SlackHarness> {
  const mock = await new MockSlack().start();
  const { logger, lines } = captureLogger();
  const pipeline = createRuntime({
    commands: papersCommands,
    services,
    logger,
    ...(metrics ? { metrics } : {}),
  });
  const runtime = await startSlack({
    config: { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl: mock.apiUrl },
    services,
    runtime: pipeline,
    logger,
    answerWithinMs: 1500,
    delivery: { minIntervalMs: 0, retry: { retries: 0 } },
    ...(metrics ? { metrics } : {}),
  });
  const server = await startHttpServer({
    routes: runtime.httpRoutes,
    health: async () => ({ ready: true, checks: {} }),
    logger: silentLogger(),
    port: 0,
    host: '127.0.0.1',
  });
  return {
    mock,
    logs: lines,
    runtime,
    pipeline,
    server,
    events: `http://127.0.0.1:${server.port}/slack/events`,
    async close() {
      await runtime.stop();
      await server.close();
      await mock.stop();
    },
  };
}

function buttonsOf(message: unknown): Button[] {
  const found: Button[] = [];
  JSON.stringify(message, (_key, value: unknown) => {
    const v = value as Button | null;
    if (v && typeof v === 'object' && v.type === 'button') found.push(v);
    return value;
  });
  return found;
}

function toReply(message: Json): Reply {
  const buttons = buttonsOf(message)
    .map((b) => b.text?.text ?? '')
    .filter(Boolean);
  return {
    text: JSON.stringify(message),
    private: message.response_type !== 'in_channel',
    buttons,
    raw: message,
  };
}

/** Slack user ids are upper-case letters and digits. */
export const slackUser = (name: string) => `U${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;

let answers = 0;

/** The mock answers as Slack does for a private channel the bot was never invited to. */
function notAMember(mock: MockSlack, channel: string) {
  const before = mock.script;
  mock.script = (call) => {
    if (String(call.body.channel) !== channel) return before(call);
    if (call.method === 'conversations.info') {
      return { json: { ok: true, channel: { id: channel, is_private: true, is_member: false } } };
    }
    if (call.method.startsWith('chat.') || call.method.startsWith('conversations.')) {
      return { json: { ok: false, error: 'not_in_channel' } };
    }
    return before(call);
  };
}

export async function slackDriver(
  services: Services,
  metrics?: Metrics,
): Promise<Driver & { harness: SlackHarness }> {
  const h = await startSlackHarness(services, metrics);

  async function waitRespond(id: string): Promise<Json[]> {
    await h.mock.waitFor(`/respond/${id}`);
    // Paperboy may answer in several messages, all sent as the pipeline's background work: complete once it is idle.
    await h.pipeline.idle();
    return h.mock.called(`/respond/${id}`).map((c) => c.body);
  }

  return {
    name: 'slack',
    harness: h,
    async command(line, options: CommandOptions) {
      // A private channel's recorded command for a conversation the bot is not in; else the enterprise install's.
      const body = slackSlash(options.place === 'cannot-post' ? 'private-channel' : 'enterprise');
      const id = `cmd-${++answers}`;
      // Substituted: Paperboy's command and text, a fresh trigger_id, the user, and a response_url on the mock.
      body.set('command', '/papers');
      body.set('text', line);
      body.set('trigger_id', nextTrigger());
      body.set('user_id', slackUser(options.user));
      body.set('response_url', h.mock.responseUrl(id));
      // Everyone in the suite is a workspace admin: refusals come from where a command runs, never from who.
      h.mock.users.set(slackUser(options.user), { is_admin: true });
      if (options.place === 'cannot-post') notAMember(h.mock, body.get('channel_id') ?? '');
      const res = await postSigned(h.events, body.toString());
      if (res.status !== 200) throw new Error(`Slack answered ${res.status}: ${res.text}`);
      const ack = res.json ?? {};
      if (ack.text === 'Working on it…') {
        const [first] = await waitRespond(id);
        return toReply(first ?? {});
      }
      return toReply(ack);
    },
    async press(on, label, options) {
      const wanted = findLabel(on, label);
      const button = buttonsOf(on.raw).find((b) => b.text?.text === wanted);
      if (!button?.action_id || button.value === undefined)
        throw new Error(`"${wanted}" is a link, not a button`);
      const id = `press-${++answers}`;
      // The recorded press from the matching container (ephemeral or message, both in a private channel), with
      // Paperboy's action_id and value, a fresh trigger_id, the user, the channel, and a response_url on the mock
      // substituted.
      // The team too: the person presses in the workspace they typed the command in (the enterprise install's).
      const team = slackSlash('enterprise').get('team_id') ?? '';
      const payload = slackBlockActions(on.private ? 'ephemeral' : 'message');
      const [action] = payload.actions as Json[];
      payload.actions = [{ ...action, action_id: button.action_id, value: button.value }];
      payload.trigger_id = nextTrigger();
      payload.user = { ...(payload.user as Json), id: slackUser(options.user), team_id: team };
      payload.team = { ...(payload.team as Json), id: team };
      // And in the channel they typed it in, where the message with the button is.
      const channel = slackSlash('enterprise').get('channel_id') ?? '';
      payload.channel = { ...(payload.channel as Json), id: channel };
      payload.container = { ...(payload.container as Json), channel_id: channel };
      payload.response_url = h.mock.responseUrl(id);
      const res = await postSigned(h.events, interactionBody(payload));
      if (res.status !== 200) throw new Error(`Slack answered ${res.status}: ${res.text}`);
      const [first] = await waitRespond(id);
      const body = first ?? {};
      if (body.replace_original === true) return { kind: 'in-place', reply: toReply(body) };
      if (body.response_type === 'in_channel') return { kind: 'public', reply: toReply(body) };
      return { kind: 'new', reply: toReply(body) };
    },
    channel() {
      return {
        port: h.runtime.deliveryPort,
        posts: () =>
          h.mock.called('chat.postMessage').map((c) => {
            const blocks = typeof c.body.blocks === 'string' ? JSON.parse(c.body.blocks) : c.body.blocks;
            // A channel post is seen by everyone in it (toReply reads privacy from a response's response_type).
            return { ...toReply({ ...c.body, blocks }), private: false };
          }),
      };
    },
    close: () => h.close(),
  };
}
