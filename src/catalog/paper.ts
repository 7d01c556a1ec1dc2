// The one Paper model every part of Paperboy uses: a zod schema and its inferred type.
import { z } from 'zod';

/** Where a paper came from; richer sources win when catalogs merge. */
export const PaperSourceSchema = z.enum(['seed', 'json', 'jsonl', 'beir', 'arxiv-listing', 'hf', 'arxiv']);
export type PaperSource = z.infer<typeof PaperSourceSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected an ISO date (YYYY-MM-DD)');
const url = z.string().url();

export const PaperLinksSchema = z.object({
  abs: url.optional(),
  pdf: url.optional(),
  hf: url.optional(),
  code: url.optional(),
  project: url.optional(),
});
export type PaperLinks = z.infer<typeof PaperLinksSchema>;

export const TrendingSchema = z.object({
  /** 1-based position on the trending list it was taken from. */
  rank: z.number().int().positive().optional(),
  upvotes: z.number().int().nonnegative().optional(),
  stars: z.number().int().nonnegative().optional(),
  comments: z.number().int().nonnegative().optional(),
  /** Upvotes gained per day, measured between live-source refreshes (src/sources/trending.ts). */
  velocity: z.number().nonnegative().optional(),
  /** Trending score from upvotes, velocity, rank and recency at `scoredAt`; higher is hotter. */
  score: z.number().optional(),
  /** When `velocity` and `score` were computed (ISO timestamp). */
  scoredAt: z.string().optional(),
});
export type Trending = z.infer<typeof TrendingSchema>;

const repoId = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected a Hub repository id (org/name)');

/** Models, datasets and Spaces on the Hugging Face Hub that cite a paper, with the top one of each kind. */
export const HubArtifactsSchema = z.object({
  models: z.number().int().nonnegative(),
  datasets: z.number().int().nonnegative(),
  spaces: z.number().int().nonnegative(),
  /** Repository ids, each the most liked of its kind. */
  top: z.object({ model: repoId.optional(), dataset: repoId.optional(), space: repoId.optional() }),
});
export type HubArtifacts = z.infer<typeof HubArtifactsSchema>;

export const PaperSchema = z.object({
  /** arXiv id without version where known (2505.01234, hep-th/9901001), else a slug of the normalised title. */
  id: z.string().min(1).max(200),
  arxivId: z.string().optional(),
  title: z.string().min(1),
  abstract: z.string(),
  authors: z.array(z.string()).default([]),
  categories: z.array(z.string()).default([]),
  /** Free keywords (e.g. Hugging Face ai_keywords); searched like the title. */
  keywords: z.array(z.string()).default([]),
  /** Date of first publication (YYYY-MM-DD). */
  published: isoDate.optional(),
  /** Date the paper was listed on a trending page or daily feed (YYYY-MM-DD). */
  listed: isoDate.optional(),
  updated: isoDate.optional(),
  links: PaperLinksSchema.default({}),
  trending: TrendingSchema.default({}),
  source: PaperSourceSchema,
  /** The authors' own note (arXiv comment): often the venue ("Accepted at ICSE 2026"); searchable. */
  comment: z.string().optional(),
  /** Where it was published (arXiv journal_ref, Kaggle journal-ref); searchable, shown as the venue. */
  journalRef: z.string().optional(),
  /** DOI without a resolver prefix (10.1103/PhysRevD.76.013009). */
  doi: z.string().optional(),
  /** The arXiv version the record describes (2 for …v2). */
  version: z.number().int().positive().optional(),
  /** Author affiliations as the source names them, each once, in author order. */
  affiliations: z.array(z.string()).optional(),
  /** A summary the source already had (e.g. Hugging Face ai_summary). */
  sourceSummary: z.string().optional(),
  /** Hugging Face: the paper's social thumbnail and the figures or videos its submitter attached. */
  thumbnail: url.optional(),
  mediaUrls: z.array(url).optional(),
  /** Hugging Face: the organisation the paper is listed under, and who put it on the daily list. */
  organization: z.string().optional(),
  submittedBy: z.string().optional(),
  /** Hugging Face Hub: the repositories citing the paper (`/api/arxiv/<id>/repos`). */
  hub: HubArtifactsSchema.optional(),
});
export type Paper = z.infer<typeof PaperSchema>;
/** What loaders build before defaults are applied. */
export type PaperInput = z.input<typeof PaperSchema>;

/** A problem with one record that was skipped; the rest of the file still loads. */
export interface CatalogWarning {
  file: string;
  line?: number;
  reason: string;
}

export interface LoadedCatalog {
  papers: Paper[];
  warnings: CatalogWarning[];
}
