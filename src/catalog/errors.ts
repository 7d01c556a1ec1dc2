// CatalogError: a whole catalog file cannot be used (missing, unreadable, binary, empty, no paper in it).

/** A file-level failure, with a one-line message that names the file and how to fix it. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`.replace(/\s*\n\s*/g, ' '));
  }
}
