import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { createPermissions, type UsersInfoClient } from '../../../src/platforms/slack/permissions.js';
import { FakeClock } from '../../support/fake-clock.js';

/** users.info as a port: answers from a script, counting calls. */
function client(answer: (user: string) => Promise<{ ok: boolean; user?: { is_admin?: boolean } }>) {
  const calls: string[] = [];
  const c: UsersInfoClient = {
    users: {
      info: ({ user }) => {
        calls.push(user);
        return answer(user);
      },
    },
  };
  return { client: c, calls };
}

const never = () => new Promise<never>(() => {});

describe('Slack admin lookups are bounded', () => {
  it('gives up on a users.info that never answers after the timeout, refusing politely', async () => {
    const permissions = createPermissions({ logger: silentLogger(), timeoutMs: 30 });
    const { client: c } = client(never);
    await expect(permissions.canManage(c, 'T1', 'U1')).resolves.toBe(false);
  });

  it('asks once for twenty commands from one person while the lookup is pending', async () => {
    const permissions = createPermissions({ logger: silentLogger(), timeoutMs: 30 });
    const { client: c, calls } = client(never);
    const answers = await Promise.all(Array.from({ length: 20 }, () => permissions.canManage(c, 'T1', 'U1')));
    expect(answers.every((a) => a === false)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('uses the last answer when Slack fails after it expired', async () => {
    const clock = new FakeClock();
    let failing = false;
    const permissions = createPermissions({ logger: silentLogger(), ttlMs: 1000, clock });
    const { client: c, calls } = client(async () => {
      if (failing) throw new Error('internal_error (HTTP 500)');
      return { ok: true, user: { is_admin: true } };
    });
    expect(await permissions.canManage(c, 'T1', 'UADMIN')).toBe(true);
    clock.advance(2000);
    failing = true;
    expect(await permissions.canManage(c, 'T1', 'UADMIN')).toBe(true);
    expect(calls).toHaveLength(2);
  });
});
