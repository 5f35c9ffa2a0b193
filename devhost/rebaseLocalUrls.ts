/**
 * Local settings and scenarios name the default local origins (the host on 7071, the emulator on 9443). When the
 * world runs on other ports, every value that starts with a default origin is moved to the actual one, so Event Grid
 * subscriptions, APP_BASE_URL and the sink URLs follow `--port` and `--emulator-port` instead of silently pointing
 * at whatever else listens on the defaults.
 */
export interface OriginMove {
  readonly from: readonly string[];
  readonly to: string;
}

export function rebaseUrl(value: string, moves: readonly OriginMove[]): string {
  for (const move of moves) {
    for (const from of move.from) {
      const origin = from.replace(/\/+$/, '');
      if (value === origin || value.startsWith(`${origin}/`) || value.startsWith(`${origin}?`)) return move.to.replace(/\/+$/, '') + value.slice(origin.length);
    }
  }
  return value;
}

export function rebaseSettings(settings: Readonly<Record<string, string>>, moves: readonly OriginMove[]): Record<string, string> {
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, rebaseUrl(v, moves)]));
}

/** The default local origins of the host (Core Tools' 7071) and the emulator (9443), in the spellings in use. */
export function defaultOrigins(port: number): readonly string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `https://127.0.0.1:${port}`, `https://localhost:${port}`];
}
