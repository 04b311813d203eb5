/**
 * Range allocators for Service ClusterIPs and NodePorts, like the API server's bitmap allocators: random
 * picks from the upper ("dynamic") part of the range so that the lower ("static") band stays free for
 * addresses users choose themselves (kube-dns's 10.96.0.10), falling back to the static band when full.
 *
 * What is allocated is derived from the stored Services (kept in sync by a store listener), so a create
 * that fails after admission leaks nothing and a deleted Service releases its IP and ports at once.
 */
import type { Rng } from '../sim/rng';

export class RangeAllocator {
  /** value -> owner key (`namespace/name`) */
  private readonly used = new Map<number, string>();
  private readonly staticBand: number;

  /**
   * @param first the first allocatable value
   * @param size how many values the range holds
   * @param maxStaticBand the upper bound of the static band (256 for IPs, 128 for ports, as upstream)
   */
  constructor(
    readonly first: number,
    readonly size: number,
    maxStaticBand: number,
    private readonly rng: Rng,
  ) {
    this.staticBand = Math.min(Math.max(16, Math.floor(size / 16)), maxStaticBand);
  }

  contains(value: number): boolean {
    return value >= this.first && value < this.first + this.size;
  }

  ownerOf(value: number): string | undefined {
    return this.used.get(value);
  }

  get allocatedCount(): number {
    return this.used.size;
  }

  hold(value: number, owner: string): void {
    this.used.set(value, owner);
  }

  release(value: number, owner: string): void {
    if (this.used.get(value) === owner) this.used.delete(value);
  }

  /** A free value, or undefined when the range is full. Does not hold it: the stored object will. */
  next(): number | undefined {
    if (this.used.size >= this.size) return undefined;
    const dynamic = this.size - this.staticBand;
    if (dynamic > 0) {
      const found = this.scan(this.staticBand, dynamic, this.rng.int(0, dynamic - 1));
      if (found !== undefined) return found;
    }
    return this.scan(0, this.staticBand, this.rng.int(0, this.staticBand - 1));
  }

  private scan(offset: number, length: number, start: number): number | undefined {
    for (let i = 0; i < length; i++) {
      const v = this.first + offset + ((start + i) % length);
      if (!this.used.has(v)) return v;
    }
    return undefined;
  }
}
