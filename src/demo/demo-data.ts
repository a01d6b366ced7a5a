import type { z } from 'zod';
import type { CreateStaffBody } from '../contracts/staff';

/** Printed on start in demo mode; a demo database is for trying the app, never for real data. */
export const DEMO_PASSWORD = 'besok-demo-2026';

type DemoStaff = Omit<z.output<typeof CreateStaffBody>, 'password'>;

const p = (
  email: string,
  name: string,
  title: string,
  role: DemoStaff['role'],
  group: DemoStaff['group'],
  expertise: string[],
  party: DemoStaff['party'] = null,
): DemoStaff => ({ email, name, title, phone: '', role, group, party, expertise });

// The reference day's thirteen: three politicians, two from the leadership, five from the
// business unit, three heads of other departments — plus a viewer from management.
export const DEMO_STAFF: DemoStaff[] = [
  p(
    'admin@demo.besok.se',
    'Annika Lund',
    'Näringslivschef',
    'admin',
    'business',
    ['etablering', 'natverk'],
    null,
  ),
  p('utvecklare1@demo.besok.se', 'Jonas Berg', 'Näringslivsutvecklare', 'admin', 'business', [
    'nyforetagande',
    'finansiering',
  ]),
  p('utvecklare2@demo.besok.se', 'Sara Nyström', 'Näringslivsutvecklare', 'staff', 'business', [
    'kompetensforsorjning',
    'natverk',
  ]),
  p('utvecklare3@demo.besok.se', 'Ahmed Karimi', 'Näringslivsutvecklare', 'staff', 'business', [
    'upphandling',
    'hallbarhet',
  ]),
  p('utvecklingsledare@demo.besok.se', 'Lena Holm', 'Utvecklingsledare', 'staff', 'business', [
    'kompetensforsorjning',
    'service',
  ]),
  p(
    'ks.ordforande@demo.besok.se',
    'Per Andersson',
    'Kommunstyrelsens ordförande',
    'staff',
    'politician',
    ['etablering'],
    'majority',
  ),
  p('kommunalrad@demo.besok.se', 'Maria Ek', 'Kommunalråd', 'staff', 'politician', ['bostader'], 'majority'),
  p(
    'oppositionsrad@demo.besok.se',
    'Erik Svensson',
    'Oppositionsråd',
    'staff',
    'politician',
    ['infrastruktur'],
    'opposition',
  ),
  p('kommundirektor@demo.besok.se', 'Karin Dahl', 'Kommundirektör', 'staff', 'leadership', [
    'service',
    'etablering',
  ]),
  p('samhallsbyggnad@demo.besok.se', 'Johan Lindqvist', 'Samhällsbyggnadsdirektör', 'staff', 'leadership', [
    'lokaler-mark',
    'infrastruktur',
  ]),
  p('miljochef@demo.besok.se', 'Eva Sjöberg', 'Miljöchef', 'staff', 'department', [
    'tillstand',
    'hallbarhet',
  ]),
  p('planchef@demo.besok.se', 'Nils Forsberg', 'Planchef', 'staff', 'department', [
    'lokaler-mark',
    'bostader',
  ]),
  p('gatuchef@demo.besok.se', 'Linnea Wallin', 'Chef för gata och park', 'staff', 'department', [
    'infrastruktur',
  ]),
  p('ledning@demo.besok.se', 'Gunilla Strand', 'Ekonomichef', 'viewer', 'leadership', []),
];
