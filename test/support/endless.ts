// A fetch answer whose body streams without a content-length, counting the bytes a reader pulled from it.

/** A Response streaming `total` bytes of `unit` in 64 kB chunks, generated as they are read. */
export function streamingResponse(total: number, unit = 'x', status = 200) {
  const chunk = new TextEncoder().encode(unit.repeat(Math.ceil(65_536 / unit.length)).slice(0, 65_536));
  const pulled = { bytes: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) {
        controller.close();
        return;
      }
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { response: new Response(body, { status }), pulled };
}
