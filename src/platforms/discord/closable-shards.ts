// discord.js's own sharding strategy with a close() that leaves no shard behind, whatever the shard was waiting for.
import { CloseCodes, type Collection, type SessionInfo, SimpleShardingStrategy } from 'discord.js';

/** @discordjs/ws's WebSocketManager (discord.js exports its own class under that name). */
type ShardManager = ConstructorParameters<typeof SimpleShardingStrategy>[0];

/** The event @discordjs/ws's WebSocketShard emits when its socket closes (discord.js shadows its enum too). */
const CLOSED = 'closed';

/** A shard's socket: `ws`'s WebSocket in Node (terminate, on), the global WebSocket elsewhere. */
interface ShardSocket {
  readonly readyState: number;
  close(): void;
  terminate?(): void;
  on?(event: 'error', listener: () => void): unknown;
}

/** WebSocket.CONNECTING: the handshake has not completed. */
const CONNECTING = 0;

/** The part of SimpleShardingStrategy's private state close() needs (@discordjs/ws 1.2, pinned with discord.js 14). */
interface ShardsView {
  shards: Collection<
    number,
    { emit(event: typeof CLOSED, payload: { code: number }): unknown; connection: ShardSocket | null }
  >;
}

/**
 * Why close() is not just destroy(): @discordjs/ws 1.2's WebSocketShard, destroyed while it waits for an event
 * (HELLO, READY), aborts that wait, and the wait's handler destroys the shard a second time with "reconnect".
 * The second destroy unhooks the first one's close handler (so Client.destroy() never resolves) and reconnects
 * 500 ms later, for ever: a gateway that never sent READY left a shard redialling it after the bot gave up.
 * close() first emits `closed` on each shard, the event the shard emits itself when its socket goes: on it every
 * pending wait (HELLO, the identify throttle, READY) ends quietly. Only then are the shards destroyed, once each.
 * A shard already asleep before a reconnect (its last socket failed) starts every connection by asking for its
 * session, and after close() that question is never answered, so it never dials again.
 * destroy() closes only an open socket: one still in its handshake is unhooked and left to finish or time out
 * (30 s), and a failing handshake then throws with no error listener. close() ends those itself.
 */
export class ClosableShardingStrategy extends SimpleShardingStrategy {
  #closed = false;

  constructor(manager: ShardManager) {
    super(manager);
    const options = manager.options as { retrieveSessionInfo(shardId: number): SessionInfo | null };
    const retrieve = options.retrieveSessionInfo;
    options.retrieveSessionInfo = (shardId) =>
      this.#closed ? (new Promise<never>(() => {}) as never) : retrieve(shardId);
  }

  override async connect(): Promise<void> {
    // login() may still have been fetching the gateway's address when the bot gave up.
    if (this.#closed) throw new Error('The Discord gateway connection was closed before it opened');
    await super.connect();
  }

  /** Ends every shard for good: no socket stays open and none reconnects. Client.destroy() is a no-op after. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const { shards } = this as unknown as ShardsView;
    for (const shard of shards.values()) shard.emit(CLOSED, { code: CloseCodes.Normal });
    // Let the ended waits run their cleanup (they drop their abort controllers, which destroy() would fire).
    await new Promise((resolve) => setImmediate(resolve));
    const sockets = [...shards.values()].map((shard) => shard.connection);
    await this.destroy({ code: CloseCodes.Normal, reason: 'Paperboy is stopping' });
    for (const socket of sockets) {
      if (socket?.readyState !== CONNECTING) continue;
      // Aborting a handshake reports an error; destroy() removed the shard's listener, so one is added.
      socket.on?.('error', () => {});
      if (socket.terminate) socket.terminate();
      else socket.close();
    }
  }
}
