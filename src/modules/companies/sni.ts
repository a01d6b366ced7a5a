import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SNI_SECTIONS } from '../../core/register/sni';
import type { SniSection } from '../../contracts/companies';

/**
 * SNI 2007 sections and divisions with their Swedish names. The divisions come from the copy of
 * SCB's list shipped beside this file (sni2007-divisions.csv: avdelning;huvudgrupp;benamning),
 * read once on first use.
 */
let cached: SniSection[] | null = null;

export function sniSections(): SniSection[] {
  if (cached) return cached;
  const text = readFileSync(path.join(import.meta.dirname, 'sni2007-divisions.csv'), 'utf8').replace(
    /^\ufeff/,
    '',
  );
  const divisions = new Map<string, Array<{ code: string; name: string }>>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue;
    const [section, code, ...name] = line.split(';');
    if (!section || !code) continue;
    const list = divisions.get(section) ?? [];
    list.push({ code, name: name.join(';').trim() });
    divisions.set(section, list);
  }
  cached = SNI_SECTIONS.map((s) => ({ code: s.code, name: s.name, divisions: divisions.get(s.code) ?? [] }));
  return cached;
}

export function sniNames(division: string | null): { section: string | null; division: string | null } {
  if (!division) return { section: null, division: null };
  for (const s of sniSections()) {
    const d = s.divisions.find((x) => x.code === division);
    if (d) return { section: s.name, division: d.name };
  }
  return { section: null, division: null };
}
