import { useTranslation } from 'react-i18next';

/** The follow-ups' words, Swedish first (same shape per language, checked by the type). */
const sv = {
  title: 'Uppföljningar',
  intro: 'Det företagen behöver efter besöken: vem som ansvarar, till när, och vad som har gjorts.',
  tabs: { label: 'Visa', mine: 'Mina', open: 'Alla öppna', overdue: 'Försenade' },
  empty: {
    mine: 'Du har inga uppföljningar.',
    open: 'Inga öppna uppföljningar.',
    overdue: 'Inga försenade uppföljningar.',
  },
  byOwner: (owner: string, n: number) => `${owner} (${n})`,
  age: (days: number) => (days === 1 ? '1 dag gammal' : `${days} dagar gammal`),
  due: (d: string) => `klart senast ${d}`,
  company: 'Företag',
  status: { open: 'Öppen', in_progress: 'Pågår', done: 'Klar', not_possible: 'Inte möjlig' } as Record<
    string,
    string
  >,
  overdue: 'Försenad',
  detail: {
    facts: 'Uppföljningen',
    need: 'Vad företaget behöver',
    owner: 'Ansvarig',
    dueDate: 'Klart senast',
    visit: 'Besöket',
    openVisit: 'Öppna besöket',
    topic: 'Ämne',
    reason: 'Varför det inte är möjligt',
    update: 'Uppdatera',
    newStatus: 'Status',
    reasonLabel: 'Varför är det inte möjligt?',
    reasonHint: 'Skrivs i återkopplingen till företaget.',
    note: 'Vad har gjorts?',
    noteHint: 'Skrivs i loggen (och den senaste anteckningen i återkopplingen).',
    newDue: 'Nytt datum',
    ownerKind: 'Ansvarig',
    ownerPerson: 'En person',
    ownerDepartment: 'En förvaltning eller avdelning',
    ownerUser: 'Ansvarig person',
    ownerUserChoose: 'Välj person',
    department: 'Förvaltning eller avdelning',
    ownerHint: 'En ny ansvarig person får ett e-postmeddelande.',
    save: 'Spara',
    saved: 'Uppföljningen är uppdaterad.',
    log: 'Logg',
    system: 'Besök',
    stale:
      'Någon annan ändrade uppföljningen under tiden. Uppgifterna nedan är de senaste – gör ändringen igen.',
  },
};

export type FollowupTexts = typeof sv;

const en: FollowupTexts = {
  title: 'Follow-ups',
  intro: 'What companies need after the visits: who owns it, by when, and what has been done.',
  tabs: { label: 'Show', mine: 'Mine', open: 'All open', overdue: 'Overdue' },
  empty: { mine: 'You have no follow-ups.', open: 'No open follow-ups.', overdue: 'No overdue follow-ups.' },
  byOwner: (owner: string, n: number) => `${owner} (${n})`,
  age: (days: number) => (days === 1 ? '1 day old' : `${days} days old`),
  due: (d: string) => `due ${d}`,
  company: 'Company',
  status: { open: 'Open', in_progress: 'In progress', done: 'Done', not_possible: 'Not possible' },
  overdue: 'Overdue',
  detail: {
    facts: 'The follow-up',
    need: 'What the company needs',
    owner: 'Owner',
    dueDate: 'Due',
    visit: 'The visit',
    openVisit: 'Open the visit',
    topic: 'Topic',
    reason: 'Why it is not possible',
    update: 'Update',
    newStatus: 'Status',
    reasonLabel: 'Why is it not possible?',
    reasonHint: 'Written in the feedback to the company.',
    note: 'What has been done?',
    noteHint: 'Written in the log (and the latest note in the feedback).',
    newDue: 'New date',
    ownerKind: 'Owner',
    ownerPerson: 'A person',
    ownerDepartment: 'A department',
    ownerUser: 'Owner',
    ownerUserChoose: 'Choose a person',
    department: 'Department',
    ownerHint: 'A new owner gets an e-mail.',
    save: 'Save',
    saved: 'The follow-up is updated.',
    log: 'Log',
    system: 'Besök',
    stale:
      'Someone else changed the follow-up meanwhile. The details below are the latest – make the change again.',
  },
};

export function useTexts(): { tx: FollowupTexts; lang: 'sv' | 'en' } {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return { tx: lang === 'en' ? en : sv, lang };
}

export function fmtDateTime(iso: string, lang: 'sv' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}
