/**
 * The emulator's own request/response shapes. Every service the emulator serves (ARM, Log Analytics, the
 * control API, the token endpoint) is a function from EmulatorRequest to EmulatorResponse, so that one HTTPS
 * server can route, authenticate, log and inject faults in one place.
 */
export interface EmulatorRequest {
  readonly method: string;
  /** Full URL as received, parsed (query keys decoded: `api%2Dversion` reads as `api-version`). */
  readonly url: URL;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Raw body text ('' when none). */
  readonly body: string;
}

export interface EmulatorResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON unless it is a string (sent as-is) or undefined (no body). */
  readonly body?: unknown;
}
