// A small seeded PRNG (mulberry32): the scheduler never calls Math.random, so a seed fixes the result.
export class Rng {
  private a: number;
  constructor(seed: number) {
    // Mix the seed so that nearby seeds start far apart.
    this.a = (Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0x27d4eb2f) | 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), 1 | t);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
