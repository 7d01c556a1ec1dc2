// What every command and job is handed: the services (ports) and the context of one invocation.
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { DigestPlanner } from '../digest/types.js';
import type { KeepServices } from '../keep/types.js';
import type { SearchEngine } from '../search/types.js';
import type { ChannelKey, Store } from '../store/types.js';
import type { Summarizer } from '../summarize/types.js';
import type { TldrSource } from '../views/types.js';
import type { WorkLane } from './work-lane.js';

export interface Services {
  search: SearchEngine;
  summarizer: Summarizer;
  digest: DigestPlanner;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Per-user rate limit applied by runCommand on every platform; absent means unlimited. */
  limiter?: CommandLimiter;
  /** Where platforms run commands after acknowledging them; absent means at once (tests, the console). */
  lane?: WorkLane;
  /** SUMMARY_SOURCES: which TL;DR cards show first; absent means the default order (llm, hf, builtin). */
  tldrSources?: readonly TldrSource[];
  /** Reading lists' feed addresses and Zotero sync; absent means relative feed paths and no Zotero. */
  keep?: KeepServices;
}

/** Who asked, and where: filled in by each platform adapter. */
export interface CommandContext {
  channel: ChannelKey;
  user: {
    id: string;
    name?: string;
    /** Allowed to change channel configuration (Manage Channels, workspace admin, PAPERBOY_ADMINS). */
    canManage: boolean;
    /** The person's IANA time zone when the platform knows it (Slack profiles, the console's system zone). */
    timezone?: string;
  };
  /** Id for logs, one per request. */
  requestId?: string;
  /** What the platform knows about the conversation; the runtime checks it for commands that need it. */
  conversation?: ConversationFacts;
}

/** Facts an adapter knows about where a command was typed; a fact left out raises no objection. */
export interface ConversationFacts {
  /** The bot itself can post here: not in another person's DM, nor where only a user installed the app. */
  botCanPost?: boolean;
  /** Permissions the bot lacks to post here, by their names on the platform ("Embed Links"). */
  missingPermissions?: readonly string[];
}

/** The per-user command quota's port (src/app/command-quota.ts builds it). */
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

export interface CommandLimiter {
  /** Takes one token for this user, or says how long until one is available. */
  take(ctx: CommandContext): RateDecision;
  /** Buckets held in memory (for tests and metrics). */
  readonly size: number;
}
