import { describe, expect, it } from 'vitest';
import { HttpRequest } from '@azure/functions';
import { readBodyText } from '../../../src/functions/support/requestBody';

const request = (body: Uint8Array | string | undefined, headers: Record<string, string> = {}): HttpRequest =>
  new HttpRequest({ method: 'POST', url: 'https://conductor.example/api/x', headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? { string: body } : { bytes: body } }) });

describe('readBodyText', () => {
  it('reads a body within the limit as UTF-8, and an absent body as empty', async () => {
    expect(await readBodyText(request('décision=approve'), 100)).toEqual({ ok: true, text: 'décision=approve' });
    expect(await readBodyText(request(undefined), 100)).toEqual({ ok: true, text: '' });
  });

  it('refuses a declared Content-Length over the limit before reading anything (413)', async () => {
    const r = request('small', { 'content-length': '999999' });
    expect(await readBodyText(r, 100)).toMatchObject({ ok: false, status: 413 });
    expect(r.bodyUsed).toBe(false);
  });

  it('stops reading a stream without a Content-Length as soon as it passes the limit (413)', async () => {
    expect(await readBodyText(request(new Uint8Array(101)), 100)).toMatchObject({ ok: false, status: 413 });
    expect(await readBodyText(request(new Uint8Array(100)), 100)).toMatchObject({ ok: true });
  });

  it('refuses invalid UTF-8 (400) instead of replacing characters', async () => {
    expect(await readBodyText(request(new Uint8Array([0x61, 0xff, 0xfe])), 100)).toMatchObject({ ok: false, status: 400 });
  });
});
