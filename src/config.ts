// readConfig(env): the whole configuration as a pure function of the environment, validated with zod.
import { z } from 'zod';
import { parseRateLimit, type RateLimit } from './app/command-quota.js';
import { parseSecretKey } from './keep/secret.js';
import { DEFAULT_ZOTERO_API_URL } from './keep/zotero.js';
import { DEFAULT_TLDR_SOURCES, parseTldrSources } from './views/tldr-source.js';
import type { TldrSource } from './views/types.js';

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** An unset-or-empty variable (`DISCORD_TOKEN=` in a .env file) counts as unset. */
function blankAsUnset<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
}

/** The store when DATABASE_URL is unset: an SQLite file created on first start. */
export const DEFAULT_DATABASE_URL = 'sqlite:./data/paperboy.db';

const EnvSchema = z.object({
  PAPERBOY_CATALOG: csv,
  PAPERBOY_ADMINS: csv,
  // Unset or empty: the SQLite file the store creates on first start.
  DATABASE_URL: blankAsUnset(z.string().trim())
    .transform((v) => v ?? DEFAULT_DATABASE_URL)
    .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), {
      message:
        'must start with sqlite: (e.g. sqlite:./data/paperboy.db) or postgres:// (e.g. postgres://user:pass@host/db)',
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // auto: the chat platforms when their credentials are set, else the interactive console.
  PAPERBOY_MODE: z
    .enum(['auto', 'console', 'server'], { message: 'must be auto, console or server' })
    .default('auto'),
  // Where people reach this server (a proxy or tunnel in front of PORT): the Slack manifest's request URLs.
  PAPERBOY_PUBLIC_URL: blankAsUnset(
    z.string().trim().url('must be the address people reach this server at, e.g. https://papers.example.org'),
  ),
  // Seals Zotero API keys in the store (AES-256-GCM); without it, no channel can link a Zotero library.
  PAPERBOY_SECRET_KEY: blankAsUnset(z.string()).transform((v, ctx): Buffer | undefined => {
    if (v === undefined) return undefined;
    const key = parseSecretKey(v);
    if (key) return key;
    // The message never echoes the value: it is a secret, even when it is a wrong one.
    ctx.addIssue({
      code: 'custom',
      message: 'must be 32 bytes as 64 hex digits or base64 (make one with: openssl rand -hex 32)',
    });
    return z.NEVER;
  }),
  // Where Save adds papers to a channel's Zotero group library; tests point it at a local mock.
  ZOTERO_API_URL: blankAsUnset(
    z.string().trim().url('must be an http(s) URL, e.g. https://api.zotero.org'),
  ).transform((v) => (v ?? DEFAULT_ZOTERO_API_URL).replace(/\/+$/, '')),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Prometheus /metrics on its own port (e.g. reachable only inside the cluster) instead of the public one.
  METRICS_PORT: blankAsUnset(z.coerce.number().int().min(1).max(65535)),
  LLM_BASE_URL: z.string().url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
  // Which TL;DR a card shows when several exist: the LLM's, Hugging Face's ai_summary, the built-in one.
  SUMMARY_SOURCES: blankAsUnset(z.string()).transform((v, ctx): TldrSource[] => {
    if (v === undefined) return [...DEFAULT_TLDR_SOURCES];
    const parsed = parseTldrSources(v);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }),
  DISCORD_TOKEN: blankAsUnset(z.string().trim()),
  DISCORD_APPLICATION_ID: blankAsUnset(
    z
      .string()
      .trim()
      .regex(
        /^\d{17,20}$/,
        'must be the numeric Application ID from the Developer Portal (General Information)',
      ),
  ),
  DISCORD_PUBLIC_KEY: blankAsUnset(
    z
      .string()
      .trim()
      .regex(
        /^[0-9a-fA-F]{64}$/,
        'must be the 64-hex-digit Public Key from the Developer Portal (General Information)',
      ),
  ),
  DISCORD_INTERACTIONS: z
    .enum(['gateway', 'http'], { error: 'must be gateway (default) or http' })
    .default('gateway'),
  DISCORD_API_URL: z
    .string()
    .url('must be a URL such as https://discord.com/api')
    .default('https://discord.com/api')
    .transform((v) => v.replace(/\/+$/, '')),
  DISCORD_SHARDS: blankAsUnset(
    z
      .string()
      .trim()
      .regex(/^(auto|[1-9]\d*)$/, 'must be auto or a number of shards (e.g. 4)'),
  ),
  DIGEST_GRACE_HOURS: z.coerce
    .number({ error: 'must be a number of hours, e.g. 6' })
    .min(0, 'must be 0 or more hours')
    .max(48, 'must be at most 48 hours')
    .default(6),
  PAPERBOY_SOURCES: z
    .string()
    .default('hf')
    .transform((v) =>
      v.trim().toLowerCase() === 'none'
        ? []
        : [
            ...new Set(
              v
                .split(',')
                .map((s) => s.trim().toLowerCase())
                .filter(Boolean),
            ),
          ],
    )
    .refine((list) => list.every((s) => s === 'hf' || s === 'arxiv'), {
      message: 'list live sources separated by commas: hf, arxiv (e.g. hf,arxiv), or none',
    }),
  HF_API_URL: z
    .string()
    .url('must be a URL such as https://huggingface.co/api')
    .default('https://huggingface.co/api'),
  ARXIV_API_URL: z
    .string()
    .url('must be a URL such as https://export.arxiv.org/api/query')
    .default('https://export.arxiv.org/api/query'),
  ARXIV_CATEGORIES: z
    .string()
    .default('cs.LG,cs.CL,cs.AI,cs.CV')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.length > 0 && list.every((c) => /^[a-z-]+(\.[A-Za-z-]+)?$/.test(c)), {
      message: 'list arXiv categories separated by commas, e.g. cs.LG,cs.CL,stat.ML',
    }),
  ARXIV_MAX_RESULTS: z.coerce.number().int().min(1).max(2000).default(200),
  HF_REFRESH_DAYS: z.coerce.number().int().min(1).max(14).default(3),
  HF_REFRESH_CRON: z
    .string()
    .default('0 22 * * *')
    .refine(validCron, { message: 'must be a cron expression, e.g. "0 22 * * *" (22:00 every day)' }),
  ARXIV_REFRESH_CRON: z.string().default('30 20 * * 0-4').refine(validCron, {
    message: 'must be a cron expression, e.g. "30 20 * * 0-4" (20:30 Sunday–Thursday)',
  }),
  SOURCES_TIMEZONE: z
    .string()
    .default('America/New_York')
    .refine(validTimeZone, { message: 'must be an IANA time zone, e.g. America/New_York or Europe/Paris' }),
  SOURCES_REFRESH_ON_START: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  SOURCES_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(20_000),
  ...slackEnv(),
  PAPERBOY_RATE_LIMIT: z
    .string()
    .default('5/10s')
    .transform((v, ctx) => {
      const limit = parseRateLimit(v);
      if (limit instanceof Error) {
        ctx.addIssue({ code: 'custom', message: limit.message });
        return z.NEVER;
      }
      return limit;
    }),
});

/**
 * The shape of a 5- or 6-field cron expression (node-cron syntax: numbers, ranges, lists, steps, names).
 * A syntax check only, so reading the configuration does not load the scheduler; it refuses prose and typos.
 */
function validCron(expression: string): boolean {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return false;
  const item = /^(\*|\?|[0-9]{1,2}|[a-z]{3})(-([0-9]{1,2}|[a-z]{3}))?(\/[0-9]{1,2})?$|^[0-9]#[1-5]$|^L$/i;
  return fields.every((f) => f.split(',').every((part) => item.test(part)));
}

function slackEnv() {
  return {
    SLACK_BOT_TOKEN: blankAsUnset(
      z.string().trim().startsWith('xoxb-', 'must be a bot token starting with xoxb- (OAuth & Permissions)'),
    ),
    SLACK_SIGNING_SECRET: blankAsUnset(z.string().trim()),
    SLACK_APP_TOKEN: blankAsUnset(
      z
        .string()
        .trim()
        .startsWith('xapp-', 'must be an app-level token starting with xapp- (Basic Information)'),
    ),
    SLACK_API_URL: z
      .string()
      .url('must be a URL such as https://slack.com/api/')
      .default('https://slack.com/api/')
      .transform((v) => (v.endsWith('/') ? v : `${v}/`)),
    SLACK_CLIENT_ID: blankAsUnset(z.string().trim()),
    SLACK_CLIENT_SECRET: blankAsUnset(z.string().trim()),
    SLACK_STATE_SECRET: blankAsUnset(z.string().trim()),
  };
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  catalogPaths: string[];
  /** User ids that may configure any channel, bare or platform-prefixed (discord:123…, slack:U123…). */
  admins: string[];
  databaseUrl: string;
  logLevel: Env['LOG_LEVEL'];
  /** What `npm start` runs: auto (platforms if configured, else the console), console, or server. */
  mode: Env['PAPERBOY_MODE'];
  port: number;
  /** PAPERBOY_PUBLIC_URL: the server's address as the world sees it; unset when nothing needs it. */
  publicUrl?: string;
  /** METRICS_PORT: serve /metrics there only; unset keeps it on `port`. */
  metricsPort?: number;
  llm: { baseUrl: string; apiKey?: string; model: string; timeoutMs: number } | null;
  /** A digest slot missed (downtime) by less than this still goes out; older ones are skipped. */
  digestGraceHours: number;
  sources: SourcesConfig;
  /** Set when Slack is configured (SLACK_BOT_TOKEN, SLACK_APP_TOKEN or OAuth client credentials). */
  slack: SlackConfig | null;
  /** Set when Discord is configured (DISCORD_TOKEN, or DISCORD_INTERACTIONS=http). */
  discord: DiscordConfig | null;
  /** Commands per user (PAPERBOY_RATE_LIMIT, default 5 per 10 s); null when turned off. */
  rateLimit: RateLimit | null;
  /** SUMMARY_SOURCES: which TL;DR a card shows first (default llm, hf, builtin). */
  summarySources: TldrSource[];
  /** Reading lists' Zotero sync: the API (ZOTERO_API_URL) and the key sealing API keys (PAPERBOY_SECRET_KEY). */
  zotero: { apiUrl: string; secretKey?: Buffer };
  /** The interactive console: its colours, and whether LOG_LEVEL was set (else it logs warnings only). */
  console: { color: ColorSetting; logLevelSet: boolean };
}

export interface DiscordConfig {
  token?: string;
  applicationId?: string;
  publicKey?: string;
  /** gateway: a discord.js client receives interactions; http: Discord POSTs them to /discord/interactions. */
  interactions: 'gateway' | 'http';
  /** Base of every REST call (no trailing slash); tests point it at a local mock. */
  apiUrl: string;
  /** Gateway sharding through discord.js's ShardingManager: 'auto' or a count; unset runs one process. */
  shards?: 'auto' | number;
}

export interface SlackConfig {
  mode: 'http' | 'socket';
  /** Single workspace; undefined with OAuth, where each workspace's token comes from its installation. */
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl: string;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
}

/** Live sources: which run, where they are, and when they refresh. */
export interface SourcesConfig {
  enabled: Array<'hf' | 'arxiv'>;
  hf: { apiUrl: string; cron: string; days: number };
  arxiv: { apiUrl: string; cron: string; categories: string[]; maxResults: number };
  /** Zone of the cron schedules and of "today" for the Hugging Face daily list. */
  timeZone: string;
  refreshOnStart: boolean;
  timeoutMs: number;
}

/** Environment variables whose values are secrets, by name. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|API_KEY|PRIVATE|CREDENTIAL/i;

/**
 * The secret values in this environment (and DATABASE_URL's password), longest first so none is half-replaced:
 * the logger scrubs them from every line.
 */
export function secretValues(env: NodeJS.ProcessEnv = process.env): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < 6) continue;
    if (SECRET_NAME.test(name)) values.add(value);
  }
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:([^@\s/]+)@/i.exec(env.DATABASE_URL ?? '')?.[1];
  if (password && password.length >= 4) {
    values.add(password);
    try {
      values.add(decodeURIComponent(password));
    } catch {
      // a malformed escape: the raw form is already covered
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/**
 * Colour in the console, by the conventions terminals share: NO_COLOR (non-empty) wins, then FORCE_COLOR (not
 * empty, not 0); otherwise colour only on a terminal that is not TERM=dumb.
 */
export type ColorSetting = 'never' | 'always' | 'terminal';

export function colorSetting(env: NodeJS.ProcessEnv): ColorSetting {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 'never';
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return 'always';
  return env.TERM === 'dumb' ? 'never' : 'terminal';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses with `schema`, or throws one ConfigError naming every variable to fix and how. */
function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration — set these environment variables: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/**
 * Only the named variables, validated as readConfig validates them: for CLI commands that must not be stopped by
 * a variable they do not use (a Discord token typo does not matter to `paperboy search`).
 */
export function readVariables<K extends keyof Env>(
  env: NodeJS.ProcessEnv,
  names: readonly K[],
): Pick<Env, K> {
  const mask: Partial<Record<keyof Env, true>> = Object.fromEntries(names.map((n) => [n, true]));
  return parseEnv(EnvSchema.pick(mask), env) as unknown as Pick<Env, K>;
}

/** Fails fast with one message naming every variable to fix. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const e = parseEnv(EnvSchema, env);
  if (e.LLM_BASE_URL && !e.LLM_MODEL) {
    throw new ConfigError(
      'LLM_BASE_URL is set but LLM_MODEL is not: set LLM_MODEL (e.g. llama3.1) or unset LLM_BASE_URL',
    );
  }
  const discord = discordConfig(e);
  return {
    catalogPaths: e.PAPERBOY_CATALOG,
    admins: e.PAPERBOY_ADMINS,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    mode: e.PAPERBOY_MODE,
    port: e.PORT,
    // Without its trailing slash, so paths (feeds, Slack request URLs) join it with one.
    ...(e.PAPERBOY_PUBLIC_URL !== undefined ? { publicUrl: e.PAPERBOY_PUBLIC_URL.replace(/\/+$/, '') } : {}),
    ...(e.METRICS_PORT !== undefined ? { metricsPort: e.METRICS_PORT } : {}),
    llm:
      e.LLM_BASE_URL && e.LLM_MODEL
        ? { baseUrl: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY, model: e.LLM_MODEL, timeoutMs: e.LLM_TIMEOUT_MS }
        : null,
    digestGraceHours: e.DIGEST_GRACE_HOURS,
    slack: slackConfig(e),
    sources: {
      enabled: e.PAPERBOY_SOURCES as Array<'hf' | 'arxiv'>,
      hf: { apiUrl: e.HF_API_URL, cron: e.HF_REFRESH_CRON, days: e.HF_REFRESH_DAYS },
      arxiv: {
        apiUrl: e.ARXIV_API_URL,
        cron: e.ARXIV_REFRESH_CRON,
        categories: e.ARXIV_CATEGORIES,
        maxResults: e.ARXIV_MAX_RESULTS,
      },
      timeZone: e.SOURCES_TIMEZONE,
      refreshOnStart: e.SOURCES_REFRESH_ON_START,
      timeoutMs: e.SOURCES_TIMEOUT_MS,
    },
    discord,
    rateLimit: e.PAPERBOY_RATE_LIMIT,
    summarySources: e.SUMMARY_SOURCES,
    zotero: {
      apiUrl: e.ZOTERO_API_URL,
      ...(e.PAPERBOY_SECRET_KEY ? { secretKey: e.PAPERBOY_SECRET_KEY } : {}),
    },
    console: { color: colorSetting(env), logLevelSet: Boolean(env.LOG_LEVEL) },
  };
}

function discordConfig(e: Env): DiscordConfig | null {
  if (e.DISCORD_INTERACTIONS === 'http') {
    const missing = [
      !e.DISCORD_PUBLIC_KEY && 'DISCORD_PUBLIC_KEY (General Information → Public Key)',
      !e.DISCORD_APPLICATION_ID && 'DISCORD_APPLICATION_ID (General Information → Application ID)',
      !e.DISCORD_TOKEN && 'DISCORD_TOKEN (Bot → Reset Token; digests are posted with it)',
    ].filter(Boolean);
    if (missing.length > 0) {
      throw new ConfigError(
        `DISCORD_INTERACTIONS=http needs ${missing.join(', ')}: copy them from https://discord.com/developers/applications`,
      );
    }
    if (e.DISCORD_SHARDS) {
      throw new ConfigError(
        'DISCORD_SHARDS applies to gateway mode only: unset it or DISCORD_INTERACTIONS=http',
      );
    }
  } else if (!e.DISCORD_TOKEN) {
    const stray = ['DISCORD_APPLICATION_ID', 'DISCORD_PUBLIC_KEY', 'DISCORD_SHARDS'].filter(
      (k) => e[k as keyof Env] !== undefined,
    );
    if (stray.length > 0) {
      throw new ConfigError(
        `${stray.join(', ')} set but DISCORD_TOKEN is not: set DISCORD_TOKEN (Bot → Reset Token)`,
      );
    }
    return null;
  }
  return {
    token: e.DISCORD_TOKEN,
    applicationId: e.DISCORD_APPLICATION_ID,
    publicKey: e.DISCORD_PUBLIC_KEY?.toLowerCase(),
    interactions: e.DISCORD_INTERACTIONS,
    apiUrl: e.DISCORD_API_URL,
    shards:
      e.DISCORD_SHARDS === undefined
        ? undefined
        : e.DISCORD_SHARDS === 'auto'
          ? 'auto'
          : Number(e.DISCORD_SHARDS),
  };
}

function slackConfig(e: Env): SlackConfig | null {
  const oauthVars = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET];
  const anyOauth = oauthVars.some(Boolean);
  if (!e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !anyOauth) {
    if (e.SLACK_SIGNING_SECRET) {
      throw new ConfigError(
        'SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not: copy the Bot User OAuth Token (xoxb-…) from your Slack app’s OAuth & Permissions page',
      );
    }
    return null;
  }
  if (anyOauth && !oauthVars.every(Boolean)) {
    throw new ConfigError(
      'Slack OAuth needs all of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (any long random string): set the missing ones or unset them all for a single workspace',
    );
  }
  const mode = e.SLACK_APP_TOKEN ? 'socket' : 'http';
  if (mode === 'socket' && anyOauth) {
    throw new ConfigError(
      'Slack OAuth (several workspaces) runs in HTTP mode: unset SLACK_APP_TOKEN, or unset SLACK_CLIENT_ID/SECRET/STATE_SECRET for one workspace over Socket Mode',
    );
  }
  if (!e.SLACK_SIGNING_SECRET && (mode === 'http' || anyOauth)) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET is missing: copy the Signing Secret from your Slack app’s Basic Information page',
    );
  }
  if (!anyOauth && !e.SLACK_BOT_TOKEN) {
    throw new ConfigError(
      'SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not: copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
    );
  }
  return {
    mode,
    apiUrl: e.SLACK_API_URL,
    ...(e.SLACK_BOT_TOKEN && !anyOauth ? { botToken: e.SLACK_BOT_TOKEN } : {}),
    ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
    ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
    ...(anyOauth
      ? {
          oauth: {
            clientId: e.SLACK_CLIENT_ID as string,
            clientSecret: e.SLACK_CLIENT_SECRET as string,
            stateSecret: e.SLACK_STATE_SECRET as string,
          },
        }
      : {}),
  };
}
