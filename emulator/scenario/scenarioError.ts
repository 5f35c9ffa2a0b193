/** A scenario that cannot be loaded: not found, not parseable, or invalid (every problem, one per line). */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}
