/** RFC 9457 problem details, the error body of every non-2xx answer the local host produces itself. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
}

export function problem(status: number, title: string, detail: string, instance?: string): Problem {
  return { type: 'about:blank', title, status, detail, ...(instance ? { instance } : {}) };
}
