import type { HttpRequest } from '@azure/functions';

export type BodyResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly status: 413 | 400; readonly detail: string };

/**
 * Reads a request body as UTF-8, at most `maxBytes`: a declared Content-Length over the limit is refused before
 * anything is read, and the stream (HttpRequest.body, a web ReadableStream in @azure/functions v4) is read chunk by
 * chunk and cancelled as soon as the limit is passed, so an oversized body is never held whole (413). Invalid UTF-8
 * is a 400 rather than silently replaced characters.
 */
export async function readBodyText(request: HttpRequest, maxBytes: number): Promise<BodyResult> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) return tooLarge(maxBytes);
  const stream = request.body;
  if (stream === null) return { ok: true, text: '' };
  const reader = stream.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, status: 400, detail: 'The body is not valid UTF-8' };
  }
}

function tooLarge(maxBytes: number): BodyResult {
  return { ok: false, status: 413, detail: `The body must be at most ${maxBytes} bytes` };
}
