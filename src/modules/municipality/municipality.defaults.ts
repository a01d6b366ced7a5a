/**
 * What a new municipality starts with. Everything here is data, stored in the municipality's
 * record and editable by an admin; nothing in the code depends on these values.
 */
export const DEFAULT_TOPICS: ReadonlyArray<{ slug: string; sv: string; en: string }> = [
  { slug: 'kompetensforsorjning', sv: 'Kompetensförsörjning och rekrytering', en: 'Skills and recruitment' },
  { slug: 'lokaler-mark', sv: 'Lokaler och mark', en: 'Premises and land' },
  { slug: 'tillstand', sv: 'Tillstånd och tillsyn', en: 'Permits and inspections' },
  { slug: 'infrastruktur', sv: 'Infrastruktur och transporter', en: 'Infrastructure and transport' },
  { slug: 'upphandling', sv: 'Offentlig upphandling', en: 'Public procurement' },
  { slug: 'natverk', sv: 'Nätverk', en: 'Networks' },
  { slug: 'etablering', sv: 'Etablering och expansion', en: 'Establishment and expansion' },
  { slug: 'nyforetagande', sv: 'Nyföretagande', en: 'Start-ups' },
  { slug: 'hallbarhet', sv: 'Hållbarhet', en: 'Sustainability' },
  { slug: 'service', sv: 'Kommunal service', en: 'Municipal service' },
  { slug: 'bostader', sv: 'Bostäder', en: 'Housing' },
  { slug: 'finansiering', sv: 'Finansiering', en: 'Financing' },
];

export interface MunicipalitySettings {
  /** Days after a visit within which the company should have had feedback. */
  feedbackDays: number;
  /** Where replies to e-mail from Besök go (the business unit's shared mailbox). */
  replyTo: string;
  /** The business unit's name as shown to companies. */
  unitName: string;
  /** Days a privacy-notice retention applies to registrations (shown in the notice). */
  retentionMonths: number;
}

export const DEFAULT_SETTINGS: MunicipalitySettings = {
  feedbackDays: 30,
  replyTo: '',
  unitName: 'Näringslivsenheten',
  retentionMonths: 36,
};
