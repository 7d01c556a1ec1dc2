// A minimal mock of Discord's gateway: a node:http WebSocket endpoint (text frames only) speaking just enough of
// the protocol (HELLO, IDENTIFY → READY, heartbeats, dispatches) for a real discord.js Client to log in.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(text: string, opcode = 0x1): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const n = payload.length;
  const head = n < 126 ? Buffer.alloc(2) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = 0x80 | opcode;
  if (n < 126) head[1] = n;
  else if (n < 65536) {
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

/** Reads client frames (always masked) out of a byte buffer; returns the frames and what is left over. */
function parseFrames(buffer: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let offset = 0;
  while (buffer.length - offset >= 2) {
    const b0 = buffer[offset]!;
    const b1 = buffer[offset + 1]!;
    let length = b1 & 0x7f;
    let pos = offset + 2;
    if (length === 126) {
      if (buffer.length < pos + 2) break;
      length = buffer.readUInt16BE(pos);
      pos += 2;
    } else if (length === 127) {
      if (buffer.length < pos + 8) break;
      length = Number(buffer.readBigUInt64BE(pos));
      pos += 8;
    }
    const masked = (b1 & 0x80) !== 0;
    const maskEnd = pos + (masked ? 4 : 0);
    if (buffer.length < maskEnd + length) break;
    const payload = Buffer.from(buffer.subarray(maskEnd, maskEnd + length));
    if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= buffer[pos + (i % 4)]!;
    frames.push({ opcode: b0 & 0x0f, payload });
    offset = maskEnd + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

export class MockGateway {
  private server: Server | undefined;
  private sockets = new Set<Duplex>();
  private seq = 0;
  readonly identifies: { token: string; intents: number; shard?: [number, number] }[] = [];
  /** WebSocket upgrades accepted so far (a reconnecting client adds one per attempt). */
  connections = 0;
  readonly applicationId = '111111111111111111';
  /** When false, IDENTIFY gets no READY (a gateway that never comes up). */
  answerIdentify = true;
  /** When true, every socket is closed as soon as it opens (a gateway that keeps hanging up). */
  hangUp = false;
  /** When true, upgrade requests are held without an answer (a handshake that never completes). */
  stallHandshake = false;
  /** Connections held mid-handshake (stallHandshake) that the client has not closed. */
  private stalled = new Set<Duplex>();

  get url(): string {
    return `ws://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((_req, res) => res.writeHead(426).end());
    this.server.on('upgrade', (req, socket) => {
      if (this.stallHandshake) {
        this.stalled.add(socket);
        socket.on('close', () => this.stalled.delete(socket));
        // The client hanging up ends only its half of the connection: the server closes its own.
        socket.on('end', () => {
          this.stalled.delete(socket);
          socket.destroy();
        });
        socket.on('error', () => this.stalled.delete(socket));
        return;
      }
      this.accept(req.headers['sec-websocket-key'] as string, socket);
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  async stop(): Promise<void> {
    for (const s of [...this.sockets, ...this.stalled]) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Connections a client still holds open mid-handshake. */
  get stalledHandshakes(): number {
    return this.stalled.size;
  }

  /** Sockets a client still holds open. */
  get openSockets(): number {
    return this.sockets.size;
  }

  /** Sends a dispatch (op 0) to every connected client. */
  dispatch(t: string, d: unknown): void {
    this.seq += 1;
    for (const s of this.sockets) s.write(frame(JSON.stringify({ op: 0, t, s: this.seq, d })));
  }

  private send(socket: Duplex, payload: unknown) {
    socket.write(frame(JSON.stringify(payload)));
  }

  private accept(key: string, socket: Duplex) {
    const accept = createHash('sha1')
      .update(key + WS_GUID)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.connections += 1;
    if (this.hangUp) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = parseFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const f of frames) this.onFrame(socket, f.opcode, f.payload);
    });
    this.send(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
  }

  private onFrame(socket: Duplex, opcode: number, payload: Buffer) {
    if (opcode === 0x8) {
      socket.end(frame('', 0x8));
      return;
    }
    if (opcode === 0x9) {
      socket.write(frame(payload.toString('utf8'), 0xa));
      return;
    }
    if (opcode !== 0x1) return;
    const message = JSON.parse(payload.toString('utf8')) as { op: number; d: Record<string, unknown> };
    if (message.op === 1) this.send(socket, { op: 11 });
    if (message.op === 2 && this.answerIdentify) {
      this.identifies.push(message.d as (typeof this.identifies)[number]);
      this.seq += 1;
      this.send(socket, {
        op: 0,
        t: 'READY',
        s: this.seq,
        d: {
          v: 10,
          user: {
            id: '999999999999999999',
            username: 'Paperboy',
            discriminator: '0',
            bot: true,
            avatar: null,
          },
          guilds: [],
          session_id: 'session-1',
          resume_gateway_url: this.url,
          shard: (message.d as { shard?: [number, number] }).shard ?? [0, 1],
          application: { id: this.applicationId, flags: 0 },
        },
      });
    }
  }
}
