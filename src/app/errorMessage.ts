/** The message of anything thrown: an Error's `message`, anything else as text (a thrown string, a rejected value). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
