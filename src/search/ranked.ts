// What ranking and filtered listing hand back: the best documents, their scores and how many matched.

export interface Ranked {
  docs: number[];
  scores: number[];
  total: number;
  /** The total is estimated (phrases checked on the best candidates only). */
  approximate?: boolean;
}
