/**
 * SNI 2007 sections (avdelningar, A–U) and the divisions (huvudgrupper, two digits) each spans.
 * The divisions' names ship in src/modules/companies/sni2007-divisions.csv; the sections' names
 * and ranges are short and stable enough to keep here.
 */
export const SNI_SECTIONS: ReadonlyArray<{ code: string; from: number; to: number; name: string }> = [
  { code: 'A', from: 1, to: 3, name: 'Jordbruk, skogsbruk och fiske' },
  { code: 'B', from: 5, to: 9, name: 'Utvinning av mineral' },
  { code: 'C', from: 10, to: 33, name: 'Tillverkning' },
  { code: 'D', from: 35, to: 35, name: 'Försörjning av el, gas, värme och kyla' },
  { code: 'E', from: 36, to: 39, name: 'Vattenförsörjning; avloppsrening, avfallshantering och sanering' },
  { code: 'F', from: 41, to: 43, name: 'Byggverksamhet' },
  { code: 'G', from: 45, to: 47, name: 'Handel; reparation av motorfordon och motorcyklar' },
  { code: 'H', from: 49, to: 53, name: 'Transport och magasinering' },
  { code: 'I', from: 55, to: 56, name: 'Hotell- och restaurangverksamhet' },
  { code: 'J', from: 58, to: 63, name: 'Informations- och kommunikationsverksamhet' },
  { code: 'K', from: 64, to: 66, name: 'Finans- och försäkringsverksamhet' },
  { code: 'L', from: 68, to: 68, name: 'Fastighetsverksamhet' },
  { code: 'M', from: 69, to: 75, name: 'Verksamhet inom juridik, ekonomi, vetenskap och teknik' },
  { code: 'N', from: 77, to: 82, name: 'Uthyrning, fastighetsservice, resetjänster och andra stödtjänster' },
  { code: 'O', from: 84, to: 84, name: 'Offentlig förvaltning och försvar; obligatorisk socialförsäkring' },
  { code: 'P', from: 85, to: 85, name: 'Utbildning' },
  { code: 'Q', from: 86, to: 88, name: 'Vård och omsorg; sociala tjänster' },
  { code: 'R', from: 90, to: 93, name: 'Kultur, nöje och fritid' },
  { code: 'S', from: 94, to: 96, name: 'Annan serviceverksamhet' },
  {
    code: 'T',
    from: 97,
    to: 98,
    name: 'Förvärvsarbete i hushåll; hushållens produktion av diverse varor och tjänster för eget bruk',
  },
  {
    code: 'U',
    from: 99,
    to: 99,
    name: 'Verksamhet vid internationella organisationer, utländska ambassader o.d.',
  },
];

/** "43" → "F"; null for a number that is no SNI 2007 division (04, 34, 40, …). */
export function sectionOfDivision(division: string): string | null {
  const d = Number(division);
  return SNI_SECTIONS.find((s) => d >= s.from && d <= s.to)?.code ?? null;
}

/** The divisions a section spans, as two-digit strings (for filtering by section). */
export function divisionRange(section: string): { from: string; to: string } | null {
  const s = SNI_SECTIONS.find((x) => x.code === section.toUpperCase());
  if (!s) return null;
  return { from: String(s.from).padStart(2, '0'), to: String(s.to).padStart(2, '0') };
}
