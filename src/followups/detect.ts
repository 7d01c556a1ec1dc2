// What a channel saw of a paper, and what is new since: code released, a new arXiv version, a venue, Hub artifacts.
import type { Paper } from '../catalog/paper.js';
import type { SnapshotState } from '../store/types.js';
import { truncate } from '../text/truncate.js';
import { paperVenue } from '../views/paper-card.js';

/** The parts of a paper a follow-up can be about, as the channel received it. */
export interface PaperState {
  code?: string;
  version?: number;
  venue?: string;
  models: number;
  datasets: number;
}

export type ChangeKind = 'code' | 'version' | 'venue' | 'models' | 'datasets';

/** One thing new about a paper. `key` names it in the ledger: each key is followed up once per channel. */
export interface PaperChange {
  kind: ChangeKind;
  key: string;
  /** The one line posted: "Code released for <title>: <link> ★12". */
  text: string;
}

export function stateOf(paper: Paper): PaperState {
  const venue = paperVenue(paper);
  return {
    ...(paper.links.code ? { code: paper.links.code } : {}),
    ...(paper.version !== undefined ? { version: paper.version } : {}),
    ...(venue ? { venue } : {}),
    models: paper.hub?.models ?? 0,
    datasets: paper.hub?.datasets ?? 0,
  };
}

/** Reads a stored snapshot leniently: a field of the wrong type counts as absent. */
export function readState(raw: SnapshotState): PaperState {
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
  return {
    ...(typeof raw.code === 'string' ? { code: raw.code } : {}),
    ...(typeof raw.version === 'number' ? { version: raw.version } : {}),
    ...(typeof raw.venue === 'string' ? { venue: raw.venue } : {}),
    models: count(raw.models),
    datasets: count(raw.datasets),
  };
}

const TITLE_MAX = 120;

/** ", top: <link>" for the most liked repository of the kind, when the Hub named one. */
function hubLink(kind: 'model' | 'dataset', repo: string | undefined): string {
  if (!repo) return '';
  return `, top: https://huggingface.co/${kind === 'model' ? '' : 'datasets/'}${repo}`;
}

/**
 * What `now` has that the channel's `before` did not. Only arrivals count: a code link that changes, a venue
 * reworded or more models on top of some are not news; a version counts each time it rises.
 */
export function detectChanges(before: PaperState, now: Paper): PaperChange[] {
  const after = stateOf(now);
  const title = truncate(now.title.replace(/\s+/g, ' ').trim(), TITLE_MAX, 'code-point', { atWord: true });
  const changes: PaperChange[] = [];
  if (!before.code && after.code) {
    const stars = now.trending.stars;
    changes.push({
      kind: 'code',
      key: 'code',
      text: `Code released for ${title}: ${after.code}${stars ? ` ★${stars}` : ''}`,
    });
  }
  // A paper first seen without a version (a Hugging Face listing) was seen at v1.
  if (after.version !== undefined && after.version > (before.version ?? 1)) {
    const link = now.arxivId ? ` https://arxiv.org/abs/${now.arxivId}v${after.version}` : '';
    changes.push({
      kind: 'version',
      key: `version:${after.version}`,
      text: `New arXiv version (v${after.version}) of ${title}:${link || ` ${now.links.abs ?? ''}`}`.replace(
        /:\s*$/,
        '',
      ),
    });
  }
  if (!before.venue && after.venue) {
    changes.push({ kind: 'venue', key: 'venue', text: `${title} has a venue: ${after.venue}` });
  }
  if (before.models === 0 && after.models > 0) {
    changes.push({
      kind: 'models',
      key: 'models',
      text: `Models on the Hugging Face Hub for ${title}: ${after.models}${hubLink('model', now.hub?.top.model)}`,
    });
  }
  if (before.datasets === 0 && after.datasets > 0) {
    changes.push({
      kind: 'datasets',
      key: 'datasets',
      text: `Datasets on the Hugging Face Hub for ${title}: ${after.datasets}${hubLink('dataset', now.hub?.top.dataset)}`,
    });
  }
  return changes;
}
