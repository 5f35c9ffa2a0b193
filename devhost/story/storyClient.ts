import https from 'node:https';

export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * What the story calls: the app's HTTP API (as an operator's tools would) and the emulator's control API (HTTPS,
 * trusting only the emulator's CA).
 */
export class StoryClient {
  constructor(
    readonly hostUrl: string,
    readonly emulatorUrl: string,
    private readonly caPem: string,
  ) {}

  /** GET, or POST with a JSON body, as the signed-in local principal (the host adds App Service's headers). */
  async app(path: string, body?: unknown): Promise<JsonAnswer> {
    const res = await fetch(`${this.hostUrl}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : parseJson(text) };
  }

  control(method: string, path: string, body?: unknown): Promise<JsonAnswer> {
    const url = new URL(`/_emulator${path}`, this.emulatorUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method, ca: this.caPem, headers: payload ? { 'content-type': 'application/json' } : {} }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : parseJson(text) }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
