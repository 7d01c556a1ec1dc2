// The one command pipeline every platform feeds: rate limit → parse → permission → validate → run → View.
//
// Adapters turn platform input into an Invocation and the Views back into payloads; everything between is here:
// the work lane, the acknowledge-or-defer deadline, background work after an answer, per-command hooks on the
// conversation, metrics and logging, and the busy and apology answers.
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';
import type { Platform } from '../store/types.js';
import type { View } from '../views/types.js';
import { Background } from './background.js';
import type { CommandSpec } from './command.js';
import { admit, apology, type RawOptions, runCommand } from './dispatch.js';
import { parseLine } from './parse-line.js';
import type { CommandContext, ConversationFacts, Services } from './types.js';
import { BUSY_TEXT, inLane, laneBacklogged } from './work-lane.js';

/** Turns a command line (typed, or carried by a button) into its command and raw options. */
export type LineParser = (
  line: string,
) => { ok: true; spec: CommandSpec; options: RawOptions } | { ok: false; view: View };

/** One command to run, as an adapter hands it over. */
export interface Invocation {
  /** A command with raw option values (Discord's typed options), or a line of text (Slack, console, buttons). */
  command: { spec: CommandSpec; options: RawOptions } | { line: string };
  ctx: CommandContext;
  /**
   * Asked only when the command needs the right to manage the channel, after the rate limit (Slack asks its
   * API who is an admin); without it ctx.user.canManage stands.
   */
  canManage?: () => Promise<boolean>;
  /**
   * Asked only when the command sets up posts here (needsPostingChannel) and ctx.conversation says nothing: Slack
   * asks its API whether the bot is in the channel.
   */
  conversation?: () => Promise<ConversationFacts>;
  /** A press on a private message: the answer stays private unless it is explicitly public (a share). */
  privately?: boolean;
}

/** How a command ended, as /metrics counts it. */
export type Outcome = 'ok' | 'error' | 'refused' | 'busy' | 'limited';

export interface Result {
  /** The answer, then any extra messages (a heads-up) in order. */
  views: View[];
  outcome: Outcome;
  /** Known once the line was read. */
  spec?: CommandSpec;
  options?: RawOptions;
}

/** An answer in time for the platform's deadline, or the promise of one (the adapter defers, then edits). */
export type Answer =
  | ({ at: 'once' } & Result)
  | { at: 'later'; spec: CommandSpec; options: RawOptions; result: Promise<Result> };

export interface AnswerTiming {
  /** Answer at once when the work is done by then (ms), else defer. */
  within: number;
  /** Defer commands marked slow at once, without waiting for the deadline. */
  deferSlow?: boolean;
}

export interface RuntimeOptions {
  commands: readonly CommandSpec[];
  services: Services;
  /** Default: the shared line parser over `commands`. */
  parseLine?: LineParser;
  /** Default: services.logger. */
  logger?: Logger;
  metrics?: Pick<Metrics, 'commands' | 'commandSeconds'>;
}

export interface Runtime {
  readonly commands: readonly CommandSpec[];
  readonly services: Services;
  /** Runs the whole pipeline and waits for the answer however long it takes (console, modals). Never rejects. */
  run(invocation: Invocation): Promise<Result>;
  /** Runs the whole pipeline and answers within the platform's deadline, or says the answer comes later. */
  answer(invocation: Invocation, timing: AnswerTiming): Promise<Answer>;
  /** Work after an answer was sent: tracked for idle(), a failure logged with `context`. Never rejects. */
  later(context: Record<string, unknown>, work: () => Promise<void>): Promise<void>;
  /** Waits for the work started with later(). */
  idle(): Promise<void>;
}

/** The answer when the work lane is full. */
export function busyView(): View {
  return { kind: 'notice', text: BUSY_TEXT, ephemeral: true };
}

/** A command that sets up posts here, typed where the bot cannot post. */
function cannotPostHere(spec: CommandSpec): View {
  return {
    kind: 'error',
    text: 'Digests need a channel Paperboy can post in, and this conversation is not one.',
    hint: `Run /papers ${spec.name} in a channel Paperboy was added to, or in a DM with Paperboy.`,
    ephemeral: true,
  };
}

/** The heads-up after a command that sets up posts here, when the bot lacks permissions to post. */
function missingPermissionsNotice(missing: readonly string[]): View {
  return {
    kind: 'notice',
    title: 'Paperboy cannot post here yet',
    text: `Daily digests will fail in this channel until I have ${missing.join(', ')}. A server admin can grant them in the channel's settings → Permissions.`,
    ephemeral: true,
  };
}

function needsManager(spec: CommandSpec): boolean {
  return spec.admin !== undefined && spec.admin !== false;
}

/** Keeps an answer private unless the command made it public on purpose (ephemeral: false, a share). */
function keptPrivate(view: View): View {
  return view.ephemeral === false ? view : { ...view, ephemeral: true };
}

/** Resolves to `work`'s value when it settles within `ms`, else to undefined. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

type Started =
  | { done: Result }
  | { spec: CommandSpec; options: RawOptions; result: Promise<Result>; queued: boolean };

export function createRuntime(options: RuntimeOptions): Runtime {
  const { commands, services, metrics } = options;
  const logger = options.logger ?? services.logger;
  const parse = options.parseLine ?? ((line: string) => parseLine(line, commands));
  const background = new Background(logger);

  function record(spec: CommandSpec, ctx: CommandContext, outcome: Outcome, startedAt: number): void {
    const platform: Platform = ctx.channel.platform;
    const seconds = (performance.now() - startedAt) / 1000;
    metrics?.commands.inc({ command: spec.name, platform, outcome });
    metrics?.commandSeconds.observe({ command: spec.name, platform }, seconds);
    logger.debug(
      { command: spec.name, platform, outcome, ms: Math.round(seconds * 1000), requestId: ctx.requestId },
      'command answered',
    );
  }

  /** Permission, the command's hooks, validation and the run itself: what goes through the work lane. */
  async function execute(spec: CommandSpec, raw: RawOptions, invocation: Invocation): Promise<Result> {
    let ctx = invocation.ctx;
    if (needsManager(spec) && invocation.canManage) {
      ctx = { ...ctx, user: { ...ctx.user, canManage: await invocation.canManage() } };
    }
    const facts =
      ctx.conversation ??
      (spec.needsPostingChannel && invocation.conversation ? await invocation.conversation() : undefined);
    if (spec.needsPostingChannel && facts?.botCanPost === false) {
      return { views: [cannotPostHere(spec)], outcome: 'refused', spec, options: raw };
    }
    const view = await runCommand(spec, raw, ctx, services, { admitted: true });
    const outcome: Outcome =
      view.kind !== 'error' ? 'ok' : needsManager(spec) && !ctx.user.canManage ? 'refused' : 'error';
    const missing = facts?.missingPermissions ?? [];
    const views =
      spec.needsPostingChannel && outcome === 'ok' && missing.length > 0
        ? [view, missingPermissionsNotice(missing)]
        : [view];
    return { views, outcome, spec, options: raw };
  }

  /** Rate limit and parse at once (a refused or unreadable line costs nothing), the rest in the lane. */
  function start(invocation: Invocation): Started {
    const startedAt = performance.now();
    const finish = (result: Result): Result => {
      if (result.spec) record(result.spec, invocation.ctx, result.outcome, startedAt);
      return invocation.privately ? { ...result, views: result.views.map(keptPrivate) } : result;
    };
    const limited = admit(invocation.ctx, services);
    if (limited) return { done: finish({ views: [limited], outcome: 'limited' }) };
    const { command } = invocation;
    const parsed = 'line' in command ? parse(command.line) : ({ ok: true, ...command } as const);
    if (!parsed.ok) return { done: finish({ views: [parsed.view], outcome: 'error' }) };
    const { spec, options: raw } = parsed;
    const platform = invocation.ctx.channel.platform;
    const work = inLane(services.lane, () => execute(spec, raw, invocation), platform);
    if (!work) return { done: finish({ views: [busyView()], outcome: 'busy', spec, options: raw }) };
    const result = work.then(finish, (error: unknown): Result => {
      logger.error(
        { err: error, command: spec.name, platform, requestId: invocation.ctx.requestId },
        'command failed',
      );
      return finish({ views: [apology()], outcome: 'error', spec, options: raw });
    });
    return { spec, options: raw, result, queued: laneBacklogged(services.lane) };
  }

  return {
    commands,
    services,
    async run(invocation) {
      const started = start(invocation);
      return 'done' in started ? started.done : started.result;
    },
    async answer(invocation, timing) {
      const started = start(invocation);
      if ('done' in started) return { at: 'once', ...started.done };
      const { spec, options: raw, result } = started;
      // With work already waiting, say "later" at once rather than hold the acknowledgement hoping to answer.
      const deferNow = started.queued || (timing.deferSlow === true && spec.slow === true);
      const early = deferNow ? undefined : await within(result, timing.within);
      return early ? { at: 'once', ...early } : { at: 'later', spec, options: raw, result };
    },
    later(context, work) {
      return background.run(context, work);
    },
    idle() {
      return background.idle();
    },
  };
}
