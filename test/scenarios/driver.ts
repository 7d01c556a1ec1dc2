// What the scenario table asks of an adapter: run a command line, press a button, and say what the person saw —
// each driver reads that from what its platform's API received (the mock), not from Paperboy's internals.

import type { DeliveryPort } from '../../src/digest/types.js';

export type AdapterName = 'discord' | 'slack' | 'console';

export interface Reply {
  /** Everything the person sees in this message, flattened to text (the platform payload as JSON). */
  text: string;
  /** Only the person who asked sees it. */
  private: boolean;
  /** Button labels, in order. */
  buttons: string[];
  /** The platform payload, for the driver's own use when a button of it is pressed. */
  raw: unknown;
}

/** What pressing a button did. */
export type PressOutcome =
  /** The pressed message was replaced (Discord UPDATE_MESSAGE or deferred update + PATCH @original; Slack replace_original). */
  | { kind: 'in-place'; reply: Reply }
  /**
   * A new message everyone in the channel sees, sent without pinging anyone (Discord: no ephemeral flag and
   * allowed_mentions parse []; Slack: in_channel). `note` is what the pressed private message now says, if it changed.
   */
  | { kind: 'public'; reply: Reply; note?: string }
  /** A new message below; `reply.private` says who sees it. */
  | { kind: 'new'; reply: Reply }
  /** The console printed the answer (it has no messages to replace). */
  | { kind: 'printed'; reply: Reply };

export interface CommandOptions {
  /** Who types it (each scenario has its own people so the rate limit of one does not touch another). */
  user: string;
  /** Where: an ordinary channel, or a conversation the bot cannot post in. */
  place?: 'channel' | 'cannot-post';
}

export interface Driver {
  readonly name: AdapterName;
  /** Runs `/papers <line>` as typed (Slack: as Slack sends it, escaped). */
  command(line: string, options: CommandOptions): Promise<Reply>;
  /** Presses the button whose label starts with `label` on `on`. */
  press(on: Reply, label: string, options: CommandOptions): Promise<PressOutcome>;
  /** What Paperboy posts to the channel on its own (scheduled posts): the port it posts through and what arrived. */
  channel(): ChannelSide;
  close(): Promise<void>;
}

export interface ChannelSide {
  /** The adapter's delivery port, as the scheduler uses it. */
  port: DeliveryPort;
  /** Every post the platform received in the scenario's channel, oldest first, as its members see them. */
  posts(): Reply[];
}

/** The button label that starts with `label`, or a failure naming the labels there were. */
export function findLabel(reply: Reply, label: string): string {
  const found = reply.buttons.find((b) => b.startsWith(label));
  if (!found) throw new Error(`no "${label}" button; the message has: ${reply.buttons.join(', ') || 'none'}`);
  return found;
}
