import type { Installation } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  createInstallationStore,
  installedBotToken,
} from '../../../src/platforms/slack/installation-store.js';
import { MemoryStore } from '../../digest/fakes.js';

const install = (team: string, token: string) =>
  ({
    team: { id: team, name: team },
    enterprise: undefined,
    user: { id: 'U1', token: undefined, scopes: undefined },
    bot: { id: 'B1', userId: 'UBOT', token, scopes: ['chat:write'] },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  }) as unknown as Installation;

describe('Slack OAuth installations in the Store', () => {
  it('keeps each workspace’s bot token, replaces it on reinstall and forgets it on uninstall', async () => {
    const kv = new MemoryStore();
    const store = createInstallationStore(kv);
    await store.storeInstallation(install('T1', 'xoxb-one'));
    await store.storeInstallation(install('T2', 'xoxb-two'));
    await store.storeInstallation(install('T1', 'xoxb-one-again'));
    expect(await installedBotToken(store, 'T1')).toBe('xoxb-one-again');
    expect(await installedBotToken(store, 'T2')).toBe('xoxb-two');
    // A fresh store over the same key-value data (a restart) still finds them.
    expect(await installedBotToken(createInstallationStore(kv), 'T2')).toBe('xoxb-two');
    await store.deleteInstallation?.({ teamId: 'T2', isEnterpriseInstall: false, enterpriseId: undefined });
    expect(await installedBotToken(store, 'T2')).toBeUndefined();
    await expect(
      store.fetchInstallation({ teamId: 'T9', isEnterpriseInstall: false, enterpriseId: undefined }),
    ).rejects.toThrow(/not installed/);
  });
});
