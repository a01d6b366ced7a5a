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
