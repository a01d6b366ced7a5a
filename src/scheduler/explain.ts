// Why each registration left out could not be placed: computed per registration from the final
// schedule, naming its slots, what is missing there and what one change would fit it.
import { groupsEn, groupsSv, slotRanges } from './labels';
import type { State } from './state';
import type { Group, Unscheduled, UnscheduledCode } from './types';

type Cause = Exclude<UnscheduledCode, 'NO_SLOTS'>;

interface SlotDiag {
  s: number;
  /** Per required list: why nobody of it can join, or null when someone can. */
  lists: (Cause | null)[];
  /** People who could join as things stand. */
  joinable: number;
  /** Whether it would fit were it digital (on-site registrations). */
  fitsDigital: boolean;
  /** Per required list, for travel: the nearest miss, named. */
  travelNotes: ({ en: string; sv: string } | undefined)[];
  /** Per required list: the people free then (and able to travel there) but at their maxVisits. */
  atMax: string[][];
}

const PRIORITY: Cause[] = [
  'GROUP_BUSY',
  'GROUP_AT_MAX',
  'TRAVEL',
  'NOBODY_AVAILABLE',
  'CONFLICT',
  'TEAM_TOO_SMALL',
];

function diagnose(st: State, r: number, s: number): SlotDiag {
  const m = st.m;
  const inst = m.inst;
  const lists = inst.rules.requireGroups;
  const out: (Cause | null)[] = [];
  let fitsDigital = m.physical[r] === 1;
  let joinable = 0;
  let joinableIgnoringTravel = 0;
  for (let p = 0; p < m.P; p++) {
    if (st.canJoin(p, r, s)) joinable++;
    if (
      m.staffAvail[p * m.S + s] &&
      !m.conflict[p * m.R + r] &&
      st.load[p]! < m.maxVisits[p]! &&
      st.freeAt(p, s)
    )
      joinableIgnoringTravel++;
  }
  const travelNotes: SlotDiag['travelNotes'] = [];
  const atMaxByList: string[][] = [];
  lists.forEach((_, l) => {
    const atMax: string[] = [];
    let travelNote: { en: string; sv: string } | undefined;
    const bit = 1 << l;
    let avail = 0;
    let nonConf = 0;
    let free = 0;
    let cap = 0;
    let ok = 0;
    let worst = Infinity;
    for (let p = 0; p < m.P; p++) {
      if ((m.listMask[p]! & bit) === 0 || !m.staffAvail[p * m.S + s]) continue;
      avail++;
      if (m.conflict[p * m.R + r]) continue;
      nonConf++;
      if (!st.freeAt(p, s)) continue;
      free++;
      if (st.load[p]! >= m.maxVisits[p]!) {
        if (st.travelOk(p, r, s)) atMax.push(inst.staff[p]!.id);
        continue;
      }
      cap++;
      if (st.travelOk(p, r, s)) {
        ok++;
        continue;
      }
      // Describe the nearest miss: the person whose on-site neighbour is closest to reachable.
      const id = inst.staff[p]!.id;
      const prev = st.prevPhysical(p, s);
      const next = st.nextPhysical(p, s);
      const company = (x: number) => inst.registrations[x]!.company;
      if (prev !== -1) {
        const need = st.travelMin(prev, r);
        const gap = m.slotStart[s]! - m.slotEnd[st.slotOf[prev]!]!;
        if (need > gap + 1e-9 && need - gap < worst) {
          worst = need - gap;
          const at = inst.slots[st.slotOf[prev]!]!.start;
          travelNote = {
            en: `${id} cannot get there from their ${at} visit at ${company(prev)} in time: ${Math.ceil(need)} min needed, ${gap} free`,
            sv: `${id} hinner inte dit från sitt besök kl. ${at} hos ${company(prev)}: ${Math.ceil(need)} min behövs, ${gap} min finns`,
          };
        }
      }
      if (next !== -1) {
        const need = st.travelMin(r, next);
        const gap = m.slotStart[st.slotOf[next]!]! - m.slotEnd[s]!;
        if (need > gap + 1e-9 && need - gap < worst) {
          worst = need - gap;
          const at = inst.slots[st.slotOf[next]!]!.start;
          travelNote = {
            en: `${id} could not get on to their ${at} visit at ${company(next)} in time: ${Math.ceil(need)} min needed, ${gap} free`,
            sv: `${id} skulle inte hinna vidare till sitt besök kl. ${at} hos ${company(next)}: ${Math.ceil(need)} min behövs, ${gap} min finns`,
          };
        }
      }
    }
    let cause: Cause | null = null;
    if (avail === 0) cause = 'NOBODY_AVAILABLE';
    else if (nonConf === 0) cause = 'CONFLICT';
    else if (free === 0) cause = 'GROUP_BUSY';
    else if (cap === 0) cause = 'GROUP_AT_MAX';
    else if (ok === 0) cause = 'TRAVEL';
    if (cause !== null && cause !== 'TRAVEL') fitsDigital = false;
    out.push(cause);
    travelNotes.push(travelNote);
    atMaxByList.push(atMax);
  });
  if (joinableIgnoringTravel < inst.rules.minTeam) fitsDigital = false;
  return { s, lists: out, joinable, fitsDigital, travelNotes, atMax: atMaxByList };
}

export function explainUnscheduled(st: State, r: number): Unscheduled {
  const m = st.m;
  const inst = m.inst;
  const reg = inst.registrations[r]!;
  const slots = m.regSlots[r]!;
  const slotIds = slots.map((s) => m.slotIds[s]!);
  if (slots.length === 0)
    return {
      registration: reg.id,
      code: 'NO_SLOTS',
      reason: `${reg.id} (${reg.company}) marked no slot of the day; ask which times suit them`,
      reasonSv: `${reg.id} (${reg.company}) har inte angett något pass under dagen; fråga vilka tider som passar`,
      slots: [],
    };
  const lists = inst.rules.requireGroups;
  const diags = slots.map((s) => diagnose(st, r, s));
  // Group the causes: (cause, list) → slots.
  const groups = new Map<
    string,
    {
      cause: Cause;
      list: number;
      slots: string[];
      people: Set<string>;
      note?: { en: string; sv: string };
      /** TEAM_TOO_SMALL: how many could join (the slots are grouped by it). */
      joinable?: number;
    }
  >();
  const count = new Map<Cause, number>();
  for (const d of diags) {
    const id = m.slotIds[d.s]!;
    let any = false;
    d.lists.forEach((c, l) => {
      if (!c) return;
      any = true;
      const key = `${c}|${l}`;
      if (!groups.has(key)) groups.set(key, { cause: c, list: l, slots: [], people: new Set() });
      const g = groups.get(key)!;
      g.slots.push(id);
      if (c === 'TRAVEL' && d.travelNotes[l] && !g.note) g.note = d.travelNotes[l];
      if (c === 'GROUP_AT_MAX') for (const id of d.atMax[l]!) g.people.add(id);
      count.set(c, (count.get(c) ?? 0) + 1);
    });
    if (!any) {
      // Slots where the same number could join go together: the message names that number.
      const key = `TEAM_TOO_SMALL|-1|${d.joinable}`;
      if (!groups.has(key))
        groups.set(key, {
          cause: 'TEAM_TOO_SMALL',
          list: -1,
          slots: [],
          people: new Set(),
          joinable: d.joinable,
        });
      groups.get(key)!.slots.push(id);
      count.set('TEAM_TOO_SMALL', (count.get('TEAM_TOO_SMALL') ?? 0) + 1);
    }
  }
  let code: Cause = 'TEAM_TOO_SMALL';
  let best = -1;
  for (const c of PRIORITY) {
    const n = count.get(c) ?? 0;
    if (n > best) {
      best = n;
      code = c;
    }
  }
  const en: string[] = [];
  const sv: string[] = [];
  let onSite = false;
  for (const g of groups.values()) {
    const where = slotRanges(inst, g.slots);
    const list: Group[] = g.list >= 0 ? lists[g.list]! : [];
    const one = groupsEn(list);
    const oneSv = groupsSv(list);
    const many = groupsSv(list, true);
    switch (g.cause) {
      case 'NOBODY_AVAILABLE':
        en.push(`no ${one} is available in ${where}`);
        sv.push(`ingen ${oneSv} är tillgänglig i ${where}`);
        break;
      case 'CONFLICT':
        en.push(`every ${one} available in ${where} has a conflict of interest with ${reg.company}`);
        sv.push(`alla ${many} som är tillgängliga i ${where} är jäviga mot ${reg.company}`);
        break;
      case 'GROUP_BUSY':
        en.push(`in ${where} every available ${one} is already in another visit`);
        sv.push(`i ${where} är alla tillgängliga ${many} redan med i andra besök`);
        break;
      case 'GROUP_AT_MAX':
        // Named: those who could get there were they allowed one more visit. None such: those at
        // their maximum could not get there in time either.
        en.push(
          `in ${where} the ${groupsEn(list, true)} still free${g.people.size ? ` (${[...g.people].join(', ')})` : ''} have reached their maximum number of visits${g.people.size ? '' : ', and none of them could get there in time either'}`,
        );
        sv.push(
          `i ${where} har de ${many} som fortfarande är lediga${g.people.size ? ` (${[...g.people].join(', ')})` : ''} redan så många besök som de får ha${g.people.size ? '' : ', och ingen av dem skulle hinna dit i tid heller'}`,
        );
        break;
      case 'TRAVEL':
        en.push(
          `${onSite ? '' : `on site at ${reg.company}: `}in ${where} no free ${one} can get there in time${g.note ? ` (e.g. ${g.note.en})` : ''}`,
        );
        sv.push(
          `${onSite ? '' : `på plats hos ${reg.company}: `}i ${where} hinner ingen ledig ${oneSv} dit i tid${g.note ? ` (t.ex. ${g.note.sv})` : ''}`,
        );
        onSite = true;
        break;
      case 'TEAM_TOO_SMALL': {
        const n = g.joinable ?? 0;
        en.push(
          `in ${where} only ${n} ${n === 1 ? 'person is' : 'people are'} free for it, but a team needs at least ${inst.rules.minTeam}`,
        );
        sv.push(
          `i ${where} ${n === 1 ? 'är bara 1 person ledig' : `är bara ${n} personer lediga`} för det, men ett lag behöver minst ${inst.rules.minTeam}`,
        );
        break;
      }
    }
  }
  // One change that would fit it: the slot where the fewest lists are missing.
  let fix: { en: string; sv: string } | undefined;
  const digital = diags.find((d) => d.fitsDigital);
  let bestD: SlotDiag | undefined;
  let bestMissing = Infinity;
  for (const d of diags) {
    const missing = d.lists.filter((c) => c !== null).length;
    const short = Math.max(0, inst.rules.minTeam - d.joinable - missing);
    const total = missing + short;
    if (total > 0 && total < bestMissing) {
      bestMissing = total;
      bestD = d;
    }
  }
  if (bestD) {
    const at = m.slotIds[bestD.s]!;
    const need = bestD.lists.flatMap((c, l) => (c !== null ? [l] : []));
    const short = Math.max(0, inst.rules.minTeam - bestD.joinable - need.length);
    const partsEn = need.map((l) => `one more ${groupsEn(lists[l]!)}`);
    const partsSv = need.map((l) => `en ${groupsSv(lists[l]!)} till`);
    if (short > 0) {
      partsEn.push(`${short} more ${short === 1 ? 'person' : 'people'}`);
      partsSv.push(`${short} ${short === 1 ? 'person' : 'personer'} till`);
    }
    // When the only missing list is blocked by caps, raising one of those caps would do as well.
    const capped =
      need.length === 1 && short === 0 && bestD.lists[need[0]!] === 'GROUP_AT_MAX'
        ? bestD.atMax[need[0]!]!
        : [];
    const orEn = capped.length ? ` (or one more visit allowed for ${capped.join(' or ')})` : '';
    const orSv = capped.length ? ` (eller om ${OR_SV.format(capped)} fick göra ett besök till)` : '';
    fix = {
      en: `${partsEn.join(' and ')} free in ${at}${orEn} would fit it`,
      sv: `besöket skulle gå att lägga in om ${partsSv.join(' och ')} ${need.length + short > 1 ? 'var lediga' : 'var ledig'} i ${at}${orSv}`,
    };
  }
  if (digital) {
    const at = m.slotIds[digital.s]!;
    const d = {
      en: `as a digital meeting it would fit in ${at}`,
      sv: `som digitalt möte skulle det gå att lägga in i ${at}`,
    };
    fix = fix ? { en: `${fix.en}; ${d.en}`, sv: `${fix.sv}; ${d.sv}` } : d;
  }
  const ranges = slotRanges(inst, slotIds);
  const reason = `${reg.id} (${reg.company}) can meet in ${ranges}; ${en.join('; ')}${fix ? ` — ${fix.en}` : ''}`;
  const reasonSv = `${reg.id} (${reg.company}) kan träffas i ${ranges}; ${sv.join('; ')}${fix ? ` — ${fix.sv}` : ''}`;
  return { registration: reg.id, code, reason, reasonSv, slots: slotIds };
}

/** "m4", "m4 eller m5", "m4, m5 eller m6" */
const OR_SV = new Intl.ListFormat('sv', { type: 'disjunction' });
