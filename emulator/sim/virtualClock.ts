/**
 * Virtual time = origin + real elapsed × speed + explicit advances. Speed 0 freezes time so tests are
 * deterministic and move it only through `advance`.
 */
export class VirtualClock {
  private virtualAtAnchor: number;
  private realAnchor: number;

  constructor(
    startMs: number,
    private speedFactor: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.virtualAtAnchor = startMs;
    this.realAnchor = realNow();
  }

  nowMs(): number {
    return this.virtualAtAnchor + (this.realNow() - this.realAnchor) * this.speedFactor;
  }

  get speed(): number {
    return this.speedFactor;
  }

  setSpeed(speed: number): void {
    this.reanchor();
    this.speedFactor = speed;
  }

  advance(ms: number): void {
    this.reanchor();
    this.virtualAtAnchor += ms;
  }

  private reanchor(): void {
    this.virtualAtAnchor = this.nowMs();
    this.realAnchor = this.realNow();
  }
}
