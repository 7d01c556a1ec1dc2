// The environment of reading lists, channel feeds and Zotero, read apart from src/config.ts's Config.
import { ConfigError } from '../config.js';
import { parseSecretKey } from './secret.js';
import { DEFAULT_ZOTERO_API_URL } from './zotero.js';

export interface KeepConfig {
  /** PAPERBOY_PUBLIC_URL without a trailing slash: where feed addresses point. */
  publicUrl?: string;
  /** ZOTERO_API_URL (default https://api.zotero.org); tests point it at a local mock. */
  zoteroApiUrl: string;
  /** PAPERBOY_SECRET_KEY: 32 bytes (64 hex digits or base64) sealing Zotero API keys in the store. */
  secretKey?: Buffer;
}

/** Fails with one ConfigError naming every variable to fix. */
export function readKeepConfig(env: NodeJS.ProcessEnv): KeepConfig {
  const problems: string[] = [];
  const url = (name: string, value: string | undefined): string | undefined => {
    const text = value?.trim();
    if (!text) return undefined;
    try {
      const parsed = new URL(text);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return text.replace(/\/+$/, '');
    } catch {
      // reported below
    }
    problems.push(`${name} must be an http(s) URL, e.g. https://paperboy.example.org`);
    return undefined;
  };
  const publicUrl = url('PAPERBOY_PUBLIC_URL', env.PAPERBOY_PUBLIC_URL);
  const zoteroApiUrl = url('ZOTERO_API_URL', env.ZOTERO_API_URL) ?? DEFAULT_ZOTERO_API_URL;
  let secretKey: Buffer | undefined;
  if (env.PAPERBOY_SECRET_KEY?.trim()) {
    secretKey = parseSecretKey(env.PAPERBOY_SECRET_KEY);
    if (!secretKey) {
      problems.push(
        'PAPERBOY_SECRET_KEY must be 32 bytes as 64 hex digits (make one with: openssl rand -hex 32)',
      );
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration — set these environment variables: ${problems.join('; ')}`);
  }
  return { ...(publicUrl ? { publicUrl } : {}), zoteroApiUrl, ...(secretKey ? { secretKey } : {}) };
}
