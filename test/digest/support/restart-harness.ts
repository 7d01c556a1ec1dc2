// The kill-and-restart tests' harness: a platform that can stop answering mid-run, and a real child process to kill.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChildRun, runChild } from '../../support/child.js';

/**
 * The platform: shows the first post under each key once (Discord's enforce_nonce when keyed by nonce), answers
 * with `${idPrefix}${nonce}`, and after hangAfter(n) shows the next post but never answers: the worst moment to die.
 */
export function hangingPlatform<P extends { nonce: string }>(keyOf: (post: P) => string, idPrefix: string) {
  const requests: P[] = [];
  const shown = new Map<string, P>();
  let answerUpTo = Number.POSITIVE_INFINITY;
  let onHang: () => void = () => {};
  const hung = new Promise<void>((resolve) => {
    onHang = resolve;
  });
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const post = JSON.parse(body) as P;
    requests.push(post);
    if (!shown.has(keyOf(post))) shown.set(keyOf(post), post);
    if (shown.size > answerUpTo) {
      onHang();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `${idPrefix}${post.nonce}` }));
  });
  return {
    server,
    requests,
    shown,
    hung,
    hangAfter(n: number) {
      answerUpTo = n;
    },
    /** Starts listening on a free local port; the URL the child posts to. */
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/post`;
    },
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Waits until the platform hangs on the run's post, then kills the run (SIGKILL) and waits for it to end. */
export async function killWhenHung(hung: Promise<void>, run: ChildRun): Promise<void> {
  await Promise.race([
    hung,
    run.done.then(({ err }) => Promise.reject(new Error(`child ended early: ${err}`))),
  ]);
  run.child.kill('SIGKILL');
  await run.done;
}

/**
 * The environment of a start once the killed process's leases have run out. The children judge leases on the
 * clock NOW gives them (their store's clock too), so moving NOW on stands for waiting in real time.
 */
export function afterLease(env: Record<string, string>, leaseMs: number): Record<string, string> {
  const now = env.NOW;
  if (!now) throw new Error('afterLease: the children take their time from NOW');
  return { ...env, NOW: new Date(Date.parse(now) + leaseMs + 200).toISOString() };
}

/** Starts the script again once the killed process's leases have run out, and waits for it to end. */
export function restartAfterLease(script: string, env: Record<string, string>, leaseMs: number) {
  return runChild(script, afterLease(env, leaseMs)).done;
}
