// Paper identity: arXiv id normalisation, title keys for de-duplication, and deterministic title slugs.

/** New-style arXiv ids: YYMM.NNNN(N), optional version. */
const NEW_STYLE = /^(\d{2})(0[1-9]|1[0-2])\.(\d{4,5})(?:v\d+)?$/;
/** Old-style arXiv ids: archive(.SUBJECT)/YYMMNNN, optional version (hep-th/9901001, math.GT/0309136v2). */
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z]{2})?\/(\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v\d+)?$/i;
/** Prefixes that wrap an arXiv id: arXiv:, arxiv.org/abs|pdf|html, hf.co/papers, DOI 10.48550/arXiv. */
const WRAPPERS =
  /^(?:arxiv:\s*|(?:https?:\/\/)?(?:www\.|export\.)?(?:arxiv\.org|alphaxiv\.org|huggingface\.co|hf\.co)\/(?:abs|pdf|html|papers|format)\/|(?:https?:\/\/)?(?:dx\.)?doi\.org\/10\.48550\/arxiv\.|10\.48550\/arxiv\.)/i;

/**
 * The canonical arXiv id (no version, no prefix) in `value`, or undefined when it is not one.
 * Accepts `2505.01234v2`, `arXiv:2505.01234`, `https://arxiv.org/abs/2505.01234`, `.../pdf/2505.01234v1.pdf`,
 * `hep-th/9901001`, `math.GT/0309136` (→ `math/0309136`, the form arxiv.org itself uses).
 */
export function normalizeArxivId(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') return undefined;
  let s = value.trim();
  if (s.length === 0 || s.length > 200) return undefined;
  s = s.replace(WRAPPERS, '');
  s = s.replace(/[?#].*$/, '').replace(/\/+$/, '');
  s = s.replace(/\.pdf$/i, '');
  const m = NEW_STYLE.exec(s);
  if (m) return `${m[1]}${m[2]}.${m[3]}`;
  const o = OLD_STYLE.exec(s);
  if (o) return `${o[1]!.toLowerCase()}/${o[2]}`;
  return undefined;
}

/** Strips accents and case so "Naïve  Bayes!" and "naive bayes" compare equal. */
function fold(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The de-duplication key of a title: folded, letters and digits only, single spaces. Empty when none. */
export function titleKey(title: string): string {
  const folded = fold(title);
  if (!/[^\x00-\x7F]/.test(folded)) return folded.replace(/[^a-z0-9]+/g, ' ').trim();
  return folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const SLUG_MAX = 80;

/** 32-bit FNV-1a as 8 hex digits: a short, stable fingerprint for slugs. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A deterministic, URL-safe slug of the normalised title (ASCII; long or non-Latin titles get a fingerprint). */
export function titleSlug(title: string): string {
  const key = titleKey(title);
  const ascii = key
    .replace(/[^a-z0-9 ]+/g, ' ')
    .trim()
    .replace(/\s+/g, '-');
  if (ascii.length === 0) return `paper-${fingerprint(key || title)}`;
  const asciiOnly = ascii.replace(/-/g, ' ') === key;
  if (ascii.length <= SLUG_MAX && asciiOnly) return ascii;
  let cut = ascii.slice(0, SLUG_MAX);
  const dash = cut.lastIndexOf('-');
  if (ascii.length > SLUG_MAX && dash > SLUG_MAX / 2) cut = cut.slice(0, dash);
  return `${cut}-${fingerprint(key)}`;
}

/** A paper's id: its arXiv id without version when known, else the slug of its normalised title. */
export function paperIdFor(input: { arxivId?: string | undefined; title: string }): string {
  return normalizeArxivId(input.arxivId) ?? titleSlug(input.title);
}

/** arxiv.org and Hugging Face pages derived from an arXiv id. */
export function arxivLinks(arxivId: string): { abs: string; pdf: string; hf?: string } {
  const links = { abs: `https://arxiv.org/abs/${arxivId}`, pdf: `https://arxiv.org/pdf/${arxivId}` };
  // Hugging Face paper pages exist only for new-style ids.
  return arxivId.includes('/') ? links : { ...links, hf: `https://huggingface.co/papers/${arxivId}` };
}
