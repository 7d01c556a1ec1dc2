// What the reading-list, citation and feed commands need beyond the catalog and the store.
import type { SecretBox } from './secret.js';
import type { ZoteroClient } from './zotero.js';

export interface KeepServices {
  /** PAPERBOY_PUBLIC_URL: feed addresses are absolute under it, else shown as a path. */
  publicUrl?: string;
  /** Seals Zotero API keys; absent without PAPERBOY_SECRET_KEY, and then Zotero cannot be linked. */
  secrets?: SecretBox;
  zotero: ZoteroClient;
}
