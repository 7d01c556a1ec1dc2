// Reads an HTTP answer's body as text, but never more than a byte limit: a huge or endless answer is cut off.

/** The body as UTF-8 text, or 'too-large' (the rest is cancelled unread) once it passes `maxBytes`. */
export async function readLimited(response: Response, maxBytes: number): Promise<string | 'too-large'> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return 'too-large';
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return 'too-large';
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
