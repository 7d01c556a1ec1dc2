// The neutral reply model: commands return these, and each platform renders them with a pure function.
import type { HubArtifacts, PaperLinks } from '../catalog/paper.js';

export interface PaperCard {
  id: string;
  title: string;
  /** Abstract page (or best available link) the title points to. */
  url?: string;
  tldr: string;
  keyPoints: string[];
  authors: string[];
  links: PaperLinks;
  /** Why it was picked or matched ("matches: diffusion"). */
  reason?: string;
  /** Terms that matched a search, for highlighting. */
  matched?: string[];
  source: string;
  /** The date worth showing (listed, else published), YYYY-MM-DD. */
  date?: string;
  upvotes?: number;
  /** Where it appeared: the journal reference, else the part of the authors' comment naming a venue. */
  venue?: string;
  /** GitHub stars of its code, and the organisation Hugging Face lists it under. */
  stars?: number;
  organization?: string;
  /** Discussion comments on the Hugging Face paper page. */
  comments?: number;
  /** DOI without a resolver prefix; cards link it through https://doi.org/. */
  doi?: string;
  /** The paper's figure or Hugging Face social thumbnail (https only), for platforms that show an image. */
  thumbnail?: string;
  /** Models, datasets and Spaces on the Hugging Face Hub that cite the paper. */
  hub?: HubArtifacts;
  /** Who wrote the TL;DR: the configured LLM, Hugging Face's ai_summary, or the built-in summariser. */
  tldrSource?: TldrSource;
  /**
   * Its buttons in a list (Summarize, More like this, Save…), set by the command that builds the card from the
   * shared `cardActions`; without them a renderer offers only Summarize.
   */
  actions?: Action[];
}

export type TldrSource = 'llm' | 'hf' | 'builtin';

export type { HubArtifacts };

/**
 * A file sent with an answer (a trend chart, a BibTeX export). Discord attaches it and Slack uploads it; where a
 * file cannot be sent (the console, a Slack install without files:write) the platform shows `fallback` instead.
 */
export interface ViewFile {
  /** File name with its extension: `trends-diffusion.png`, `reading-list.bib`. */
  name: string;
  contentType: string;
  data: Uint8Array;
  /** What the file shows, in a sentence: alt text for images, the title of an upload. */
  alt: string;
  /** The same content as text (a table, a code block), within a chat message's limits. */
  fallback: string;
}

/** A button that re-runs a command (paging, "Summarize", "More like this", "Share"). */
export interface Action {
  label: string;
  /** The command line it runs, e.g. `/papers summarize 2505.01234` or `/papers search rl page:2`. */
  command: string;
  style?: 'primary' | 'secondary';
  /** Posts the answer for everyone in the channel: a surface only one person reads leaves it out. */
  share?: true;
}

export type View =
  | {
      kind: 'paper';
      card: PaperCard;
      actions?: Action[];
      ephemeral?: boolean;
    }
  | {
      kind: 'list';
      title: string;
      /** A sentence above the cards (a topic overview, a digest intro). */
      intro?: string;
      cards: PaperCard[];
      /** Paging for search results: 1-based page of pages. */
      page?: {
        page: number;
        pages: number;
        total: number;
        /** The number of the first card (page 2 of 5 per page starts at 6), so numbering runs on across pages. */
        first?: number;
        prev?: Action;
        next?: Action;
      };
      actions?: Action[];
      ephemeral?: boolean;
      /**
       * Members (platform user ids) to mention once in the post because they asked to be (notify me). The
       * platform allows mentions of exactly these users: never roles, never everyone.
       */
      mentions?: string[];
    }
  | {
      kind: 'notice';
      title?: string;
      text: string;
      /** Key/value lines (settings, status). */
      fields?: { name: string; value: string }[];
      /** Files sent with the notice (a chart, an export). */
      files?: ViewFile[];
      actions?: Action[];
      ephemeral?: boolean;
    }
  | {
      kind: 'error';
      text: string;
      /** How to fix it: a usage line or example. */
      hint?: string;
      ephemeral?: true;
    };
