// Missing-scope warnings: once per workspace while missing, and news again after the workspace healed.
import { describe, expect, it } from 'vitest';
import { healOnInstall } from '../../../src/platforms/slack/index.js';
import { createInstallationStore } from '../../../src/platforms/slack/installation-store.js';
import { ScopeWarnings } from '../../../src/platforms/slack/scopes.js';
import { captureLogger, MemoryStore } from '../../digest/fakes.js';

const UPLOAD = 'cannot upload files';
const HISTORY = 'cannot read channel history';
const warned = (lines: Array<Record<string, unknown>>) =>
  lines.filter((l) => l.level === 40).map((l) => `${l.team} ${l.needed}`);

describe('Slack missing-scope warnings', () => {
  it('logs a workspace’s missing scope once however often it is met', () => {
    const { logger, lines } = captureLogger();
    const scopes = new ScopeWarnings(logger);
    expect(scopes.warn('T1', { needed: 'files:write' }, UPLOAD)).toBe(true);
    expect(scopes.warn('T1', { needed: 'files:write' }, UPLOAD)).toBe(false);
    expect(scopes.warn('T2', { needed: 'files:write' }, UPLOAD)).toBe(true);
    expect(warned(lines)).toEqual(['T1 files:write', 'T2 files:write']);
  });

  it('logs again after a call needing the scope succeeded in between', () => {
    const { logger, lines } = captureLogger();
    const scopes = new ScopeWarnings(logger);
    scopes.warn('T1', { needed: 'files:write' }, UPLOAD);
    scopes.succeeded('T1', UPLOAD);
    expect(scopes.warn('T1', { needed: 'files:write' }, UPLOAD)).toBe(true);
    expect(warned(lines)).toEqual(['T1 files:write', 'T1 files:write']);
  });

  it('keeps it remembered when only another workspace or an unrelated call succeeds', () => {
    const { logger } = captureLogger();
    const scopes = new ScopeWarnings(logger);
    scopes.warn('T1', { needed: 'files:write' }, UPLOAD);
    scopes.succeeded('T2', UPLOAD);
    scopes.succeeded('T1', HISTORY);
    expect(scopes.warn('T1', { needed: 'files:write' }, UPLOAD)).toBe(false);
  });

  it('heals a scope when any call that met it succeeds, not only the first to log it', () => {
    const { logger } = captureLogger();
    const scopes = new ScopeWarnings(logger);
    scopes.warn('T1', { needed: 'channels:read' }, 'first');
    scopes.warn('T1', { needed: 'channels:read' }, 'second');
    scopes.succeeded('T1', 'second');
    expect(scopes.warn('T1', { needed: 'channels:read' }, 'first')).toBe(true);
  });

  it('forgets a workspace’s scopes when the app is installed there again', async () => {
    const { logger, lines } = captureLogger();
    const scopes = new ScopeWarnings(logger);
    const installs = healOnInstall(createInstallationStore(new MemoryStore()), scopes);
    scopes.warn('T1', { needed: 'files:write' }, UPLOAD);
    scopes.warn('T2', { needed: 'files:write' }, UPLOAD);
    await installs.storeInstallation({
      team: { id: 'T1' },
      enterprise: undefined,
      user: { id: 'U1', token: undefined, scopes: undefined },
      bot: { token: 'xoxb-1', scopes: ['files:write'], id: 'B1', userId: 'UB1' },
    });
    expect(scopes.warn('T1', { needed: 'files:write' }, UPLOAD)).toBe(true);
    expect(scopes.warn('T2', { needed: 'files:write' }, UPLOAD)).toBe(false);
    expect(warned(lines)).toEqual(['T1 files:write', 'T2 files:write', 'T1 files:write']);
    expect(
      (
        await installs.fetchInstallation({
          teamId: 'T1',
          enterpriseId: undefined,
          isEnterpriseInstall: false,
        })
      ).bot?.token,
    ).toBe('xoxb-1');
  });
});
