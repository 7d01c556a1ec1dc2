// Runs one command from raw option values: validation, permission check and error views, the same on every platform.

import type { View } from '../views/types.js';
import type { CommandSpec, OptionSpec } from './command.js';
import { slowDown } from './command-quota.js';
import type { CommandContext, Services } from './types.js';

/** Raw values as a platform hands them: text from Slack/console, typed values from Discord. */
export type RawOptions = Record<string, unknown>;

export type Validated = { ok: true; input: Record<string, unknown> } | { ok: false; view: View };

/** A wrong or missing argument: the problem, then the subcommand's usage and its first example. */
export function usageError(spec: Pick<CommandSpec, 'usage' | 'examples'>, text: string): View {
  const example = spec.examples[0];
  const hint = example ? `Usage: ${spec.usage}\nExample: ${example}` : `Usage: ${spec.usage}`;
  return { kind: 'error', text, hint, ephemeral: true };
}

/** What the user sees when Paperboy itself failed: short and private; the stack goes to the log. */
export function apology(): View {
  return {
    kind: 'error',
    text: 'Sorry, something went wrong on our side. Please try again in a moment.',
    ephemeral: true,
  };
}

/** The polite refusal for people who may not change this channel's configuration. */
export function refusal(spec: Pick<CommandSpec, 'name' | 'admin'>): View {
  const text =
    spec.admin === 'changes' || typeof spec.admin === 'function'
      ? `Only people who can manage this channel can change this. Anyone can look: /papers ${spec.name}`
      : `Only people who can manage this channel can use /papers ${spec.name}.`;
  return {
    kind: 'error',
    text,
    hint: 'Ask a channel or workspace admin, or have them add you to PAPERBOY_ADMINS.',
    ephemeral: true,
  };
}

/** Whether these raw options ask for a change (any value given), for commands that are open to view. */
function asksForChange(raw: RawOptions): boolean {
  return Object.values(raw).some((v) => v !== undefined && v !== null && v !== '');
}

/** One sentence: "Missing query (what to look for: words, …)." */
function missingMessage(name: string, description: string): string {
  const what = description.replace(/\.$/, '');
  // "Topics, separated by ; or ," reads on from the name itself.
  if (what.toLowerCase().startsWith(name.toLowerCase())) return `Missing ${name}${what.slice(name.length)}.`;
  return `Missing ${name} (${what.charAt(0).toLowerCase()}${what.slice(1)}).`;
}

/** One capitalised sentence: "Count must be at most 10.", or "Time: "25:00" is not a time: …" when the reason is a sentence of its own. */
function optionMessage(name: string, why: string): string {
  const text = why.replace(/^Invalid input:?\s*/i, 'is invalid: ');
  const message = /^(must|is|are|needs|should|has|takes)\b/.test(text)
    ? `${name} ${text}`
    : `${name}: ${text}`;
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}${/[.?!)]$/.test(message) ? '' : '.'}`;
}

/** Validates raw option values against the command's declarations; unknown options are refused by name. */
export function validateOptions(spec: CommandSpec, raw: RawOptions): Validated {
  const declared = spec.options as Record<string, OptionSpec>;
  const unknown = Object.keys(raw).filter((k) => !(k in declared));
  if (unknown.length > 0) {
    const names = Object.keys(declared).join(', ') || 'none';
    return {
      ok: false,
      view: usageError(spec, `Unknown option ${unknown.map((u) => `"${u}"`).join(', ')}. Options: ${names}.`),
    };
  }
  const input: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(declared)) {
    const value = raw[name];
    if (value === undefined || value === null || value === '') {
      if (option.required)
        return { ok: false, view: usageError(spec, missingMessage(name, option.description)) };
      continue;
    }
    const parsed = option.schema.safeParse(value);
    if (!parsed.success) {
      const why = parsed.error.issues[0]?.message ?? 'is not valid';
      return {
        ok: false,
        view: usageError(spec, optionMessage(name, why)),
      };
    }
    input[name] = parsed.data;
  }
  return { ok: true, input };
}

/**
 * Takes this user's rate-limit token: undefined when they may go on, else the polite refusal. Callers that do
 * work before runCommand (parsing a typed line, asking Slack who is an admin) call this first, so a refused
 * command costs nothing, then pass `{ admitted: true }` to runCommand.
 */
export function admit(ctx: CommandContext, services: Pick<Services, 'limiter'>): View | undefined {
  const allowed = services.limiter?.take(ctx);
  return allowed && !allowed.ok ? slowDown(allowed.retryAfterMs) : undefined;
}

/**
 * The one entry point platforms call. Refuses a user over the rate limit (services.limiter) unless the caller
 * already admitted them. Never throws: an unexpected failure is logged with its stack and the user gets a short
 * ephemeral apology.
 */
export async function runCommand(
  spec: CommandSpec,
  raw: RawOptions,
  ctx: CommandContext,
  services: Services,
  options: { admitted?: boolean } = {},
): Promise<View> {
  const refused = options.admitted ? undefined : admit(ctx, services);
  if (refused) return refused;
  if (spec.admin === true && !ctx.user.canManage) return refusal(spec);
  if (spec.admin === 'changes' && !ctx.user.canManage && asksForChange(raw)) return refusal(spec);
  if (typeof spec.admin === 'function' && !ctx.user.canManage && spec.admin(raw)) return refusal(spec);
  const validated = validateOptions(spec, raw);
  if (!validated.ok) return validated.view;
  try {
    return await spec.run(validated.input as never, ctx, services);
  } catch (error) {
    services.logger.error(
      { err: error, command: spec.name, requestId: ctx.requestId, channel: ctx.channel },
      'command failed',
    );
    return apology();
  }
}
