/** Formatting for display. Organisation numbers as NNNNNN-NNNN; numbers and dates in Swedish style. */
export function formatOrgNr(orgNr: string): string {
  const d = orgNr.replace(/\D/g, '');
  return d.length === 10 ? `${d.slice(0, 6)}-${d.slice(6)}` : orgNr;
}

export function formatNumber(n: number | null | undefined, lang = 'sv'): string {
  if (n === null || n === undefined) return '–';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'sv-SE').format(n);
}

export function formatDateTime(iso: string | null | undefined, lang = 'sv'): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}

export function formatPostalCode(code: string | null | undefined): string {
  if (!code) return '';
  const d = code.replace(/\D/g, '');
  return d.length === 5 ? `${d.slice(0, 3)} ${d.slice(3)}` : code;
}

/** "58,28° N, 12,2912° Ö" (Swedish) or "58.28° N, 12.2912° E": degrees as people read them, no padding. */
export function formatCoordinates(lat: number, lon: number, lang = 'sv'): string {
  const sv = lang.startsWith('sv');
  const n = new Intl.NumberFormat(sv ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 5 });
  const ns = lat >= 0 ? 'N' : 'S';
  const ew = lon >= 0 ? (sv ? 'Ö' : 'E') : sv ? 'V' : 'W';
  return `${n.format(Math.abs(lat))}° ${ns}, ${n.format(Math.abs(lon))}° ${ew}`;
}

/**
 * The tel: address of a phone number as registers write it: "+46 (0)520-12 34 56" → "+46520123456"
 * (the "(0)" is dialled only from inside Sweden, so it is dropped after a country code), and
 * "0520-123 45" → "052012345".
 */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/^(\s*\+\d{1,3})\s*\(0\)/, '$1').replace(/[^\d+]/g, '')}`;
}

/** YYYY-MM-DD and HH:MM of an instant in Sweden. */
export function swedishParts(iso: string): { date: string; time: string } {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = (type: string) => f.find((x) => x.type === type)?.value ?? '';
  return { date: `${p('year')}-${p('month')}-${p('day')}`, time: `${p('hour')}:${p('minute')}` };
}

/** A Swedish wall-clock date and time as a UTC instant (handles summer time). */
export function swedishToIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  // Guess with UTC, then correct by the offset Sweden had at that moment (twice for DST edges).
  let t = Date.parse(`${date}T${time}:00Z`);
  for (let i = 0; i < 2; i++) {
    const p = swedishParts(new Date(t).toISOString());
    const shown = Date.parse(`${p.date}T${p.time}:00Z`);
    t += Date.parse(`${date}T${time}:00Z`) - shown;
  }
  return new Date(t).toISOString();
}
