/**
 * One shared run of a piece of work per key for the life of the process: concurrent callers await the same promise,
 * and a failed run is forgotten so the next caller retries it. The stores use it for their one-time index checks.
 */
export class OncePerKey {
  private readonly runs = new Map<string, Promise<void>>();

  run(key: string, work: () => Promise<void>): Promise<void> {
    let done = this.runs.get(key);
    if (!done) {
      done = work();
      this.runs.set(key, done);
      done.catch(() => this.runs.delete(key));
    }
    return done;
  }
}
