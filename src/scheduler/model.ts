// An instance compiled to flat arrays indexed by number, shared by the rules, the bound and the search.
import type { Instance } from './types';
import { minutesOf } from './validate';

export interface Model {
  inst: Instance;
  S: number;
  P: number;
  R: number;
  slotIds: string[];
  slotIndex: Map<string, number>;
  slotStart: Int32Array;
  slotEnd: Int32Array;
  /** Slot indices sorted by start time. */
  timeOrder: Int32Array;
  /** For each slot, the other slots that overlap it in time. */
  overlaps: number[][];
  staffIndex: Map<string, number>;
  regIndex: Map<string, number>;
  /** Bit l set: person p belongs to a group of rules.requireGroups[l]. */
  listMask: Int32Array;
  allListsMask: number;
  /** Effective visit cap: maxVisits, or the number of slots when absent. */
  maxVisits: Int32Array;
  /** [p * S + s] person p available in slot s. */
  staffAvail: Uint8Array;
  /** [r * S + s] registration r available in slot s. */
  regAvail: Uint8Array;
  regSlots: number[][];
  physical: Uint8Array;
  /** Index among physical registrations, or -1. */
  physIdx: Int32Array;
  nPhys: number;
  /** Travel minutes between physical registrations [i * nPhys + j] (distance / speed + buffer). */
  travel: Float64Array;
  /** [p * R + r] person p has a conflict with registration r. */
  conflict: Uint8Array;
  /** Topic coverage masks: registration r's topics in words regWordOff[r]..+regWords[r]. */
  regWordOff: Int32Array;
  regWords: Int32Array;
  totalWords: number;
  /** [p * totalWords + word]: the bits of r's topics that p has as expertise. */
  cov: Uint32Array;
  topicCount: Int32Array;
  /** Fixed visits: slot index per registration (-1 when not fixed) and its listed members. */
  fixedSlot: Int32Array;
  fixedTeam: number[][];
}

const EARTH_KM = 6371;

/** Travel minutes between two places, exactly as shared/tools/check-sprint.mjs computes them. */
export function travelMinutesBetween(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
  kmh: number,
  bufferMin: number,
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  const km = 2 * EARTH_KM * Math.asin(Math.sqrt(h));
  return (km / kmh) * 60 + bufferMin;
}

export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Compiles a validated instance into flat arrays (the instance is read once; later edits to it are not
 * seen by a model already built). `lite` skips the travel matrix and topic masks: the rule checks use it.
 */
export function compile(inst: Instance, lite = false): Model {
  const S = inst.slots.length;
  const P = inst.staff.length;
  const R = inst.registrations.length;
  const slotIds = inst.slots.map((s) => s.id);
  const slotIndex = new Map(slotIds.map((id, i) => [id, i]));
  const slotStart = Int32Array.from(inst.slots, (s) => minutesOf(s.start));
  const slotEnd = Int32Array.from(inst.slots, (s) => minutesOf(s.end));
  const timeOrder = Int32Array.from(
    [...Array(S).keys()].sort((a, b) => slotStart[a]! - slotStart[b]! || slotEnd[a]! - slotEnd[b]! || a - b),
  );
  const overlaps: number[][] = [];
  for (let s = 0; s < S; s++) {
    const o: number[] = [];
    for (let t = 0; t < S; t++)
      if (t !== s && slotStart[s]! < slotEnd[t]! && slotStart[t]! < slotEnd[s]!) o.push(t);
    overlaps.push(o);
  }
  const staffIndex = new Map(inst.staff.map((m, i) => [m.id, i]));
  const regIndex = new Map(inst.registrations.map((r, i) => [r.id, i]));
  const lists = inst.rules.requireGroups;
  const listMask = Int32Array.from(inst.staff, (m) => {
    let mask = 0;
    lists.forEach((l, i) => {
      if (l.includes(m.group)) mask |= 1 << i;
    });
    return mask;
  });
  const allListsMask = lists.length >= 31 ? -1 : (1 << lists.length) - 1;
  const maxVisits = Int32Array.from(inst.staff, (m) => Math.min(m.maxVisits ?? S, S));
  const staffAvail = new Uint8Array(P * S);
  inst.staff.forEach((m, p) => {
    for (const id of m.available) {
      const s = slotIndex.get(id);
      if (s !== undefined) staffAvail[p * S + s] = 1;
    }
  });
  const regAvail = new Uint8Array(R * S);
  const regSlots: number[][] = [];
  inst.registrations.forEach((r, i) => {
    const list: number[] = [];
    for (const id of r.available) {
      const s = slotIndex.get(id);
      if (s !== undefined && !regAvail[i * S + s]) {
        regAvail[i * S + s] = 1;
        list.push(s);
      }
    }
    list.sort((a, b) => slotStart[a]! - slotStart[b]! || a - b);
    regSlots.push(list);
  });
  const physical = Uint8Array.from(inst.registrations, (r) => (r.mode === 'physical' && r.location ? 1 : 0));
  const physIdx = new Int32Array(R).fill(-1);
  const places: { lat: number; lon: number }[] = [];
  inst.registrations.forEach((r, i) => {
    if (physical[i]) {
      physIdx[i] = places.length;
      places.push(r.location!);
    }
  });
  const nPhys = places.length;
  const travel = new Float64Array(lite ? 0 : nPhys * nPhys);
  const { travelKmh, travelBufferMin } = inst.rules;
  for (let a = 0; a < (lite ? 0 : nPhys); a++)
    for (let b = a + 1; b < nPhys; b++) {
      const t = travelMinutesBetween(places[a]!, places[b]!, travelKmh, travelBufferMin);
      travel[a * nPhys + b] = t;
      travel[b * nPhys + a] = t;
    }
  const conflict = new Uint8Array(P * R);
  for (const c of inst.conflicts ?? []) {
    const p = staffIndex.get(c.staff);
    const r = regIndex.get(c.registration);
    if (p !== undefined && r !== undefined) conflict[p * R + r] = 1;
  }
  const regWordOff = new Int32Array(R);
  const regWords = new Int32Array(R);
  const topicCount = new Int32Array(R);
  let totalWords = 0;
  inst.registrations.forEach((r, i) => {
    const n = new Set(r.topics).size;
    topicCount[i] = n;
    regWordOff[i] = totalWords;
    regWords[i] = Math.ceil(n / 32);
    totalWords += regWords[i]!;
  });
  const cov = new Uint32Array(lite ? 0 : P * totalWords);
  if (!lite)
    inst.registrations.forEach((r, i) => {
      const topics = [...new Set(r.topics)];
      inst.staff.forEach((m, p) => {
        const ex = new Set(m.expertise);
        topics.forEach((t, k) => {
          if (ex.has(t)) cov[p * totalWords + regWordOff[i]! + (k >> 5)]! |= 1 << (k & 31);
        });
      });
    });
  const fixedSlot = new Int32Array(R).fill(-1);
  const fixedTeam: number[][] = Array.from({ length: R }, () => []);
  for (const f of inst.fixed ?? []) {
    const r = regIndex.get(f.registration);
    const s = slotIndex.get(f.slot);
    if (r === undefined || s === undefined) continue;
    fixedSlot[r] = s;
    fixedTeam[r] = (f.team ?? []).map((id) => staffIndex.get(id)).filter((p): p is number => p !== undefined);
  }
  const model: Model = {
    inst,
    S,
    P,
    R,
    slotIds,
    slotIndex,
    slotStart,
    slotEnd,
    timeOrder,
    overlaps,
    staffIndex,
    regIndex,
    listMask,
    allListsMask,
    maxVisits,
    staffAvail,
    regAvail,
    regSlots,
    physical,
    physIdx,
    nPhys,
    travel,
    conflict,
    regWordOff,
    regWords,
    totalWords,
    cov,
    topicCount,
    fixedSlot,
    fixedTeam,
  };
  return model;
}

/** Topic coverage of registration r by a team (person indices). */
export function coverageOf(m: Model, r: number, team: ArrayLike<number>, n = team.length): number {
  const off = m.regWordOff[r]!;
  const words = m.regWords[r]!;
  let total = 0;
  for (let w = 0; w < words; w++) {
    let bits = 0;
    for (let i = 0; i < n; i++) bits |= m.cov[team[i]! * m.totalWords + off + w]!;
    total += popcount(bits);
  }
  return total;
}
