import { EventHeap } from "./EventHeap";
import { LogHistogram } from "./LogHistogram";
import { type Random, splitRandom, TimeDraw } from "./Random";
import type { StationModel, StationRun, WaitSummary } from "./types";

const ARRIVAL = 0;
const SERVICE_DONE = 1;
const LEAVE = 2;
const HOUR = 60;
const HOURS_PER_DAY = 24;

/**
 * Runs the discrete-event simulation of a station: people arrive, go through their persona's desk visits in order
 * (first come, first served at each desk, one person per member of staff), then stay on site for a while and leave.
 * The only events are arrivals, the end of a service and departures, kept in a binary heap; people in the station
 * live in typed arrays that are reused, and every figure is aggregated as the run goes (per hour, per day, in
 * fixed-size histograms), so memory does not grow with the number of arrivals. Pure: every draw comes from `random`.
 */
export function runStation(model: StationModel, random: Random): StationRun {
  // One stream per purpose, so that changing, say, the stays does not change who arrives when.
  const arrivalStream = splitRandom(random);
  const personaStream = splitRandom(random);
  const serviceDraw = new TimeDraw(splitRandom(random), model.serviceVariation);
  const stayDraw = new TimeDraw(splitRandom(random), model.stayVariation);
  const stayStart = splitRandom(random);

  const horizon = model.horizon;
  const D = model.servers.length;
  const S = model.services;
  const hours = Math.ceil(horizon / HOUR);
  const days = Math.ceil(hours / HOURS_PER_DAY);

  // Personas flattened: cumulative shares, and visits as parallel arrays.
  const P = model.personas.length;
  const cumulative = new Float64Array(P);
  const totalShare = model.personas.reduce((sum, p) => sum + p.share, 0);
  let running = 0;
  for (let p = 0; p < P; p++) {
    running += model.personas[p].share / totalShare;
    cumulative[p] = running;
  }
  cumulative[P - 1] = 1;
  const routeStart = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) routeStart[p + 1] = routeStart[p] + model.personas[p].visits.length;
  const visitDesk = new Int32Array(routeStart[P]);
  const visitMinutes = new Float64Array(routeStart[P]);
  const visitReferrals: number[][] = [];
  for (let p = 0, k = 0; p < P; p++)
    for (const visit of model.personas[p].visits) {
      visitDesk[k] = visit.desk;
      visitMinutes[k] = visit.minutes;
      visitReferrals[k++] = visit.referrals;
    }
  const stayMinutes = Float64Array.from(model.personas, (p) => p.stayMinutes);
  const servers = Int32Array.from(model.servers);

  // People in the station, in reusable slots.
  let slots = 1024;
  let personaOf = new Int32Array(slots);
  let visitOf = new Int32Array(slots);
  let queuedAt = new Float64Array(slots);
  let waited = new Float64Array(slots);
  let free = new Int32Array(slots);
  let freeCount = 0;
  let used = 0;
  const allocate = (): number => {
    if (freeCount > 0) return free[--freeCount];
    if (used === slots) {
      slots *= 2;
      personaOf = grow(personaOf, slots);
      visitOf = grow(visitOf, slots);
      queuedAt = grow(queuedAt, slots);
      waited = grow(waited, slots);
      free = grow(free, slots);
    }
    return used++;
  };

  // Desk queues: one ring buffer each.
  const queues = Array.from({ length: D }, () => new IntQueue());
  const busy = new Int32Array(D);
  const busyArea = new Float64Array(D);
  const busySince = new Float64Array(D);
  const queueArea = new Float64Array(D);
  const queueSince = new Float64Array(D);
  const queueTotalArea = new Float64Array(D);
  const queueMaxNow = new Int32Array(D);
  let queueTotal = 0;
  let queueTotalPeak = 0;

  let occupancy = model.initialOccupancy;
  // Running sums of fractional minutes live in typed arrays: a number kept in a variable that closures update is
  // boxed anew on every update, which for millions of events is most of the garbage.
  const occupancyArea = new Float64Array(1);
  const occupancySince = new Float64Array(1);
  let occupancyHourMax = occupancy;
  let occupancyDayMax = occupancy;

  const out: StationRun = {
    hours,
    days,
    desks: D,
    queueMean: new Float64Array(hours * D),
    queueMax: new Int32Array(hours * D),
    occupancyMean: new Float64Array(hours),
    occupancyMax: new Int32Array(hours),
    arrivals: new Int32Array(days),
    handled: new Int32Array(days),
    occupancyPeak: new Int32Array(days),
    occupancyEnd: new Int32Array(days),
    queuePeak: new Int32Array(days),
    referrals: new Int32Array(days * S),
    dailyWait: [],
    wait: emptySummary(),
    deskWait: [],
    utilisation: [],
    meanQueue: [],
    unfinished: 0,
    occupancyAtEnd: 0,
    events: 0,
  };
  const dayWaits = new LogHistogram();
  const allWaits = new LogHistogram();
  const deskWaits = Array.from({ length: D }, () => new LogHistogram());

  const heap = new EventHeap();
  const arrivals = model.arrivals(arrivalStream, horizon);
  let hour = 0;
  let hourEnd = Math.min(HOUR, horizon);
  let day = 0;

  const setQueue = (d: number, t: number, delta: number) => {
    const length = queues[d].length;
    queueArea[d] += (length - delta) * (t - queueSince[d]);
    queueSince[d] = t;
    if (length > queueMaxNow[d]) queueMaxNow[d] = length;
    queueTotal += delta;
    if (queueTotal > queueTotalPeak) queueTotalPeak = queueTotal;
  };
  const setBusy = (d: number, t: number, delta: number) => {
    busyArea[d] += busy[d] * (t - busySince[d]);
    busySince[d] = t;
    busy[d] += delta;
  };
  const setOccupancy = (t: number, delta: number) => {
    occupancyArea[0] += occupancy * (t - occupancySince[0]);
    occupancySince[0] = t;
    occupancy += delta;
    if (occupancy > occupancyHourMax) occupancyHourMax = occupancy;
    if (occupancy > occupancyDayMax) occupancyDayMax = occupancy;
  };

  const closeHour = () => {
    const start = hour * HOUR;
    const length = hourEnd - start;
    for (let d = 0; d < D; d++) {
      queueArea[d] += queues[d].length * (hourEnd - queueSince[d]);
      queueSince[d] = hourEnd;
      out.queueMean[hour * D + d] = queueArea[d] / length;
      out.queueMax[hour * D + d] = queueMaxNow[d];
      queueTotalArea[d] += queueArea[d];
      queueArea[d] = 0;
      queueMaxNow[d] = queues[d].length;
    }
    occupancyArea[0] += occupancy * (hourEnd - occupancySince[0]);
    occupancySince[0] = hourEnd;
    out.occupancyMean[hour] = occupancyArea[0] / length;
    out.occupancyMax[hour] = occupancyHourMax;
    occupancyArea[0] = 0;
    occupancyHourMax = occupancy;
    hour++;
    if (hour % HOURS_PER_DAY === 0 || hour === hours) {
      out.occupancyPeak[day] = occupancyDayMax;
      out.occupancyEnd[day] = occupancy;
      out.queuePeak[day] = queueTotalPeak;
      out.dailyWait.push(summarise(dayWaits));
      allWaits.merge(dayWaits);
      dayWaits.clear();
      occupancyDayMax = occupancy;
      queueTotalPeak = queueTotal;
      day++;
    }
    hourEnd = Math.min((hour + 1) * HOUR, horizon);
  };

  const startService = (id: number, d: number, t: number, wait: number) => {
    waited[id] += wait;
    deskWaits[d].add(wait);
    setBusy(d, t, 1);
    heap.push(t + serviceDraw.draw(visitMinutes[visitOf[id]]), (id << 2) | SERVICE_DONE);
  };
  const joinDesk = (id: number, t: number) => {
    const d = visitDesk[visitOf[id]];
    if (busy[d] < servers[d]) startService(id, d, t, 0);
    else {
      queuedAt[id] = t;
      queues[d].push(id);
      setQueue(d, t, 1);
    }
  };
  const countReferrals = (services: readonly number[]) => {
    for (const s of services) out.referrals[day * S + s]++;
  };
  const finish = (id: number, t: number) => {
    const p = personaOf[id];
    countReferrals(model.personas[p].referralsAtEnd);
    out.handled[day]++;
    dayWaits.add(waited[id]);
    const stay = stayDraw.draw(stayMinutes[p]);
    if (stay <= 0) setOccupancy(t, -1);
    else if (t + stay < horizon) heap.push(t + stay, LEAVE);
    free[freeCount++] = id;
  };

  // People already on site leave after what is left of their stay.
  const meanStay = model.personas.reduce((sum, p) => sum + (p.share / totalShare) * p.stayMinutes, 0);
  for (let i = 0; i < model.initialOccupancy; i++) {
    const leave = stayStart.next() * stayDraw.draw(meanStay);
    if (leave < horizon) heap.push(leave, LEAVE);
  }
  const first = arrivals.next();
  if (first < horizon) heap.push(first, ARRIVAL);

  while (heap.size > 0) {
    const t = heap.peekTime();
    if (t >= horizon) break;
    while (t >= hourEnd) closeHour();
    const payload = heap.pop();
    out.events++;
    const kind = payload & 3;
    if (kind === ARRIVAL) {
      out.arrivals[day]++;
      setOccupancy(t, 1);
      const u = personaStream.next();
      let p = 0;
      while (cumulative[p] <= u && p < P - 1) p++;
      const id = allocate();
      personaOf[id] = p;
      visitOf[id] = routeStart[p];
      waited[id] = 0;
      if (routeStart[p] === routeStart[p + 1]) finish(id, t);
      else joinDesk(id, t);
      const next = arrivals.next();
      if (next < horizon) heap.push(next, ARRIVAL);
    } else if (kind === SERVICE_DONE) {
      const id = payload >> 2;
      const k = visitOf[id];
      const d = visitDesk[k];
      setBusy(d, t, -1);
      countReferrals(visitReferrals[k]);
      visitOf[id] = k + 1;
      if (k + 1 < routeStart[personaOf[id] + 1]) joinDesk(id, t);
      else finish(id, t);
      if (queues[d].length > 0 && busy[d] < servers[d]) {
        const next = queues[d].shift();
        setQueue(d, t, -1);
        startService(next, d, t, t - queuedAt[next]);
      }
    } else setOccupancy(t, -1);
  }
  while (hour < hours) closeHour();

  for (let d = 0; d < D; d++) {
    busyArea[d] += busy[d] * (horizon - busySince[d]);
    out.utilisation.push(servers[d] > 0 && horizon > 0 ? busyArea[d] / (servers[d] * horizon) : 0);
    out.meanQueue.push(horizon > 0 ? queueTotalArea[d] / horizon : 0);
    out.deskWait.push(summarise(deskWaits[d]));
    out.unfinished += queues[d].length + busy[d];
  }
  out.wait = summarise(allWaits);
  out.occupancyAtEnd = occupancy;
  return out;
}

function summarise(h: LogHistogram): WaitSummary {
  return {
    count: h.count,
    mean: h.mean,
    p50: h.quantile(0.5),
    p90: h.quantile(0.9),
    p95: h.quantile(0.95),
    max: h.maximum,
    waitedShare: h.count > 0 ? 1 - h.zeroCount / h.count : 0,
  };
}

function emptySummary(): WaitSummary {
  return { count: 0, mean: 0, p50: 0, p90: 0, p95: 0, max: 0, waitedShare: 0 };
}

function grow<T extends Int32Array | Float64Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

/** A first-in, first-out queue of integers in a ring buffer that doubles when full. */
class IntQueue {
  private items = new Int32Array(64);
  private head = 0;
  length = 0;

  push(value: number): void {
    if (this.length === this.items.length) {
      const bigger = new Int32Array(this.items.length * 2);
      for (let i = 0; i < this.length; i++) bigger[i] = this.items[(this.head + i) % this.items.length];
      this.items = bigger;
      this.head = 0;
    }
    this.items[(this.head + this.length) % this.items.length] = value;
    this.length++;
  }

  shift(): number {
    const value = this.items[this.head];
    this.head = (this.head + 1) % this.items.length;
    this.length--;
    return value;
  }
}
