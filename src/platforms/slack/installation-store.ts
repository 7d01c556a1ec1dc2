// Bolt's InstallationStore kept in Paperboy's Store (key-value), so OAuth installs survive restarts and replicas.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { KeyValueStore } from '../../store/types.js';

export const INSTALLATIONS = 'slack-installations';

function keyOf(q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `enterprise:${q.enterpriseId}`;
  if (q.teamId) return `team:${q.teamId}`;
  throw new Error('a Slack installation needs a team or an enterprise id');
}

export function createInstallationStore(kv: KeyValueStore): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      const key = keyOf({
        isEnterpriseInstall: installation.isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await kv.setValue(INSTALLATIONS, key, JSON.stringify(installation));
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const raw = await kv.getValue(INSTALLATIONS, keyOf(query));
      if (!raw)
        throw new Error(`Paperboy is not installed in Slack workspace ${query.teamId ?? query.enterpriseId}`);
      return JSON.parse(raw) as Installation<'v1' | 'v2', boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await kv.deleteValue(INSTALLATIONS, keyOf(query));
    },
  };
}

/** The bot token for a workspace from its stored installation, or undefined when it is not installed. */
export async function installedBotToken(
  store: InstallationStore,
  teamId: string,
): Promise<string | undefined> {
  try {
    const installation = await store.fetchInstallation({
      teamId,
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    return installation.bot?.token;
  } catch {
    return undefined;
  }
}
