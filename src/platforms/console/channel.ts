// The console as a channel: who is typing (a local user who manages it) and where its digests print.
import { userInfo } from 'node:os';
import type { CommandContext } from '../../app/types.js';
import type { DeliveryPort, DeliveryResult, OutgoingPost } from '../../digest/types.js';
import { modernZoneName } from '../../schedule/zone-names.js';
import type { ChannelKey } from '../../store/types.js';
import type { View } from '../../views/types.js';
import { type RenderOptions, renderView } from './render.js';

export const CONSOLE_CHANNEL: ChannelKey = { platform: 'console', workspace: 'local', channel: 'console' };

function localUserName(): string {
  try {
    return userInfo().username || 'console';
  } catch {
    return 'console';
  }
}

/** The computer's time zone, so a digest set to 08:30 in the console means 08:30 on this clock. */
function systemZone(): { timezone?: string } {
  const zone = modernZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone);
  return zone ? { timezone: zone } : {};
}

let requests = 0;

/** The person at the terminal owns the console channel, so they may configure it. */
export function consoleContext(name = localUserName()): CommandContext {
  requests += 1;
  return {
    channel: CONSOLE_CHANNEL,
    user: { id: `console:${name}`, name, canManage: true, ...systemZone() },
    requestId: `console-${process.pid}-${requests}`,
  };
}

/** Delivers digests to the console by printing them; the writer decides where (above the prompt, a file). */
export class ConsoleDelivery implements DeliveryPort {
  readonly platform = 'console' as const;
  private sent = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly render: RenderOptions = {},
    /** Told of each view printed (the console session numbers a digest's cards, so "save 2" presses one). */
    private readonly printed?: (view: View) => void,
  ) {}

  async deliver(post: OutgoingPost): Promise<DeliveryResult> {
    if (post.channel.platform !== 'console') {
      return {
        ok: false,
        kind: 'unreachable',
        reason: `the console cannot post to ${post.channel.platform}`,
      };
    }
    this.write(`${renderView(post.view, this.render)}\n`);
    this.printed?.(post.view);
    this.sent += 1;
    return { ok: true, messageIds: [`console-${post.nonce}-${this.sent}`] };
  }
}
