// Adds saved papers to a Zotero group library through the Zotero Web API (v3), as preprint items.
import { createHash } from 'node:crypto';
import type { Paper } from '../catalog/paper.js';
import { splitPersonName } from '../text/person-name.js';
import { arxivIdOf } from './cite.js';

export const DEFAULT_ZOTERO_API_URL = 'https://api.zotero.org';

/** A Zotero creator: first and last name, or one name for a group author or a single-word name. */
export type ZoteroCreator =
  | { creatorType: 'author'; firstName: string; lastName: string }
  | { creatorType: 'author'; name: string };

/** The fields of Zotero's preprint template that Paperboy fills; the rest stay at the template's "". */
export interface ZoteroPreprint {
  itemType: 'preprint';
  title: string;
  creators: ZoteroCreator[];
  abstractNote: string;
  repository: string;
  archiveID: string;
  date: string;
  DOI: string;
  url: string;
  libraryCatalog: string;
  extra: string;
  tags: { tag: string }[];
  collections: string[];
  relations: Record<string, never>;
}

function creator(name: string): ZoteroCreator {
  const { given, family } = splitPersonName(name);
  if (!given) return { creatorType: 'author', name: family };
  return { creatorType: 'author', firstName: given, lastName: family };
}

/** The item Zotero's own arXiv translator makes: a preprint in repository arXiv, archive ID arXiv:…, its DOI. */
export function zoteroPreprint(paper: Paper): ZoteroPreprint {
  const arxiv = arxivIdOf(paper);
  return {
    itemType: 'preprint',
    title: paper.title,
    creators: paper.authors.filter((a) => a.trim()).map(creator),
    abstractNote: paper.abstract,
    repository: arxiv ? 'arXiv' : '',
    archiveID: arxiv ? `arXiv:${arxiv}` : '',
    date: paper.published ?? paper.listed ?? '',
    DOI: paper.doi ?? (arxiv ? `10.48550/arXiv.${arxiv}` : ''),
    url: arxiv ? `https://arxiv.org/abs/${arxiv}` : (paper.links.abs ?? paper.links.hf ?? ''),
    libraryCatalog: arxiv ? 'arXiv.org' : '',
    extra: paper.journalRef ? `Journal reference: ${paper.journalRef}` : '',
    tags: [],
    collections: [],
    relations: {},
  };
}

/** Why Zotero did not take an item; `retry` says whether trying again later may work. */
export class ZoteroError extends Error {
  override readonly name = 'ZoteroError';
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
  }
}

export interface ZoteroClient {
  /**
   * Creates the item in the group library; returns its item key. `writeToken` makes a retry of a request whose
   * answer was lost harmless: Zotero refuses a token it has seen (412), which counts as added.
   */
  createItem(groupId: string, apiKey: string, item: ZoteroPreprint, writeToken: string): Promise<string>;
}

/** Zotero's answer to a multi-object write (Write Requests: "Creating Multiple Objects"). */
interface WriteAnswer {
  success?: Record<string, string>;
  failed?: Record<string, { code?: number; message?: string }>;
}

/** Written when Zotero refused a write token it had seen: the item exists, its key was in the lost answer. */
export const ALREADY_ADDED = 'already-added';

/** One write token per (channel, paper): 32 hex digits, as Zotero asks. */
export function writeTokenFor(channel: string, paperId: string): string {
  return createHash('sha256').update(`${channel}\n${paperId}`).digest('hex').slice(0, 32);
}

export function createZoteroClient(
  options: { apiUrl?: string; timeoutMs?: number; fetch?: typeof fetch } = {},
): ZoteroClient {
  const apiUrl = (options.apiUrl ?? DEFAULT_ZOTERO_API_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const doFetch = options.fetch ?? fetch;
  return {
    async createItem(groupId, apiKey, item, writeToken) {
      let response: Response;
      try {
        response = await doFetch(`${apiUrl}/groups/${encodeURIComponent(groupId)}/items`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Zotero-API-Version': '3',
            'Zotero-API-Key': apiKey,
            'Zotero-Write-Token': writeToken,
          },
          body: JSON.stringify([item]),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const e = error as Error;
        throw new ZoteroError(
          e.name === 'TimeoutError'
            ? `Zotero did not answer within ${timeoutMs / 1000} s`
            : `cannot reach Zotero (${e.message})`,
          true,
        );
      }
      const text = await response.text().catch(() => '');
      if (response.status === 412) return ALREADY_ADDED;
      if (response.status === 403) {
        throw new ZoteroError(
          'Zotero refused the API key: it needs write access to the group library',
          false,
        );
      }
      if (response.status === 404) throw new ZoteroError(`Zotero has no group ${groupId}`, false);
      if (response.status === 429 || response.status >= 500) {
        throw new ZoteroError(`Zotero is unavailable (HTTP ${response.status})`, true);
      }
      if (response.status !== 200) {
        throw new ZoteroError(
          `Zotero refused the item (HTTP ${response.status}: ${text.slice(0, 200)})`,
          false,
        );
      }
      let answer: WriteAnswer;
      try {
        answer = JSON.parse(text) as WriteAnswer;
      } catch {
        throw new ZoteroError('Zotero answered something that is not JSON', true);
      }
      const key = answer.success?.['0'];
      if (typeof key === 'string' && key) return key;
      const failed = answer.failed?.['0'];
      throw new ZoteroError(
        `Zotero refused the item${failed?.message ? `: ${failed.message}` : ''}`,
        (failed?.code ?? 400) >= 500,
      );
    },
  };
}
