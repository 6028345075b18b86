/**
 * A binary min-heap of events: a time and an integer payload each, kept in typed arrays that grow by doubling, so a
 * long simulation allocates nothing per event. Events at the same time leave in the order they were pushed, so a run
 * never depends on how the heap happens to break ties.
 */
export class EventHeap {
  private times: Float64Array;
  private orders: Float64Array;
  private payloads: Int32Array;
  private count = 0;
  private pushed = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.orders = new Float64Array(capacity);
    this.payloads = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The time of the earliest event; Infinity when there is none. */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Number.POSITIVE_INFINITY;
  }

  push(time: number, payload: number): void {
    if (this.count === this.times.length) this.grow();
    const order = this.pushed++;
    let i = this.count++;
    const times = this.times;
    const orders = this.orders;
    const payloads = this.payloads;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && orders[parent] < order)) break;
      times[i] = pt;
      orders[i] = orders[parent];
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = time;
    orders[i] = order;
    payloads[i] = payload;
  }

  /** Removes the earliest event and returns its payload (read its time with `peekTime` first). */
  pop(): number {
    const times = this.times;
    const orders = this.orders;
    const payloads = this.payloads;
    const top = payloads[0];
    const last = --this.count;
    if (last === 0) return top;
    const time = times[last];
    const order = orders[last];
    const payload = payloads[last];
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (
        right < last &&
        (times[right] < times[child] || (times[right] === times[child] && orders[right] < orders[child]))
      )
        child = right;
      const ct = times[child];
      if (time < ct || (time === ct && order < orders[child])) break;
      times[i] = ct;
      orders[i] = orders[child];
      payloads[i] = payloads[child];
      i = child;
    }
    times[i] = time;
    orders[i] = order;
    payloads[i] = payload;
    return top;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    const orders = new Float64Array(size);
    const payloads = new Int32Array(size);
    times.set(this.times);
    orders.set(this.orders);
    payloads.set(this.payloads);
    this.times = times;
    this.orders = orders;
    this.payloads = payloads;
  }
}
