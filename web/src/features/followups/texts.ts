import { useTranslation } from 'react-i18next';
import type { FollowupLogData } from '@contracts/visits';

const STATUS_SV: Record<string, string> = {
  open: 'Öppen',
  in_progress: 'Pågår',
  done: 'Klar',
  not_possible: 'Inte möjlig',
};
const STATUS_EN: Record<string, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  not_possible: 'Not possible',
};

/** The follow-ups' words, Swedish first (same shape per language, checked by the type). */
const sv = {
  title: 'Uppföljningar',
  intro: 'Det företagen behöver efter besöken: vem som ansvarar, till när, och vad som har gjorts.',
  tabs: { label: 'Visa', mine: 'Mina', open: 'Alla öppna', overdue: 'Försenade' },
  mineHint:
    'De du är ansvarig för, och de du har lagt till åt en förvaltning eller åt någon som inte längre är aktiv: påminnelserna om dem kommer till dig.',
  empty: {
    mine: 'Du har inga uppföljningar.',
    open: 'Inga öppna uppföljningar.',
    overdue: 'Inga försenade uppföljningar.',
  },
  byOwner: (owner: string, n: number) => `${owner} (${n})`,
  age: (days: number) => (days === 1 ? '1 dag gammal' : `${days} dagar gammal`),
  due: (d: string) => `klart senast ${d}`,
  company: 'Företag',
  status: STATUS_SV,
  overdue: 'Försenad',
  inactive: (name: string) => `${name} (inaktiverad)`,
  /** A log entry's change, from what it keeps (the server writes the same in Swedish). */
  logLine: (d: FollowupLogData): string => {
    switch (d.type) {
      case 'created':
        return `Ansvarig: ${d.owner}. Klart senast ${d.due}.`;
      case 'owner':
        return `Ny ansvarig: ${d.owner}`;
      case 'due':
        return `Nytt datum: ${d.due} (var ${d.was})`;
      case 'status':
        return `Status: ${STATUS_SV[d.status]}${d.reason ? ` – ${d.reason}` : ''}`;
      case 'notified':
        return `Påminnelse om försening skickas till ${d.to.join(', ')}.`;
    }
  },
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
    ownerInactiveHint: (name: string) =>
      `${name} är inaktiverad i Besök och kan inte längre arbeta med uppföljningen. Välj en ny ansvarig.`,
    department: 'Förvaltning eller avdelning',
    ownerUserMissing: 'Välj vem som ska vara ansvarig person.',
    departmentMissing: 'Skriv vilken förvaltning eller avdelning som ska vara ansvarig.',
    readOnly:
      'Bara den ansvariga, den som lade till uppföljningen, besökarna och administratörer kan ändra den.',
    ownerHint: 'En ny ansvarig person får ett e-postmeddelande (utom när du gör dig själv ansvarig).',
    save: 'Spara',
    saved: 'Uppföljningen är uppdaterad.',
    log: 'Logg',
    system: 'Besök',
    stale:
      'Någon annan ändrade uppföljningen under tiden. Uppgifterna nedan är de senaste – gör ändringen igen.',
    /** After a stale save: the form shows the latest copy, with what this person changed kept. */
    staleKept: (theirs: string[], mine: string[]) =>
      `Någon annan ändrade uppföljningen under tiden${theirs.length ? ` (${theirs.join(', ')})` : ''}. ` +
      `Uppgifterna nedan är de senaste, och det du ändrade finns kvar (${mine.join(', ')}). Se över det och spara igen.`,
    parts: {
      status: 'status',
      reason: 'varför det inte är möjligt',
      note: 'anteckningen',
      due: 'datum',
      owner: 'ansvarig',
    },
  },
};

export type FollowupTexts = typeof sv;

const en: FollowupTexts = {
  title: 'Follow-ups',
  intro: 'What companies need after the visits: who owns it, by when, and what has been done.',
  tabs: { label: 'Show', mine: 'Mine', open: 'All open', overdue: 'Overdue' },
  mineHint:
    'Those you own, and those you added for a department or for someone no longer active: their reminders come to you.',
  empty: { mine: 'You have no follow-ups.', open: 'No open follow-ups.', overdue: 'No overdue follow-ups.' },
  byOwner: (owner: string, n: number) => `${owner} (${n})`,
  age: (days: number) => (days === 1 ? '1 day old' : `${days} days old`),
  due: (d: string) => `due ${d}`,
  company: 'Company',
  status: STATUS_EN,
  overdue: 'Overdue',
  inactive: (name: string) => `${name} (deactivated)`,
  logLine: (d: FollowupLogData): string => {
    switch (d.type) {
      case 'created':
        return `Owner: ${d.owner}. Due ${d.due}.`;
      case 'owner':
        return `New owner: ${d.owner}`;
      case 'due':
        return `New date: ${d.due} (was ${d.was})`;
      case 'status':
        return `Status: ${STATUS_EN[d.status]}${d.reason ? ` – ${d.reason}` : ''}`;
      case 'notified':
        return `Overdue reminder sent to ${d.to.join(', ')}.`;
    }
  },
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
    ownerInactiveHint: (name: string) =>
      `${name} is deactivated in Besök and can no longer work on the follow-up. Choose a new owner.`,
    department: 'Department',
    ownerUserMissing: 'Choose the person who is to own it.',
    departmentMissing: 'Type the department that is to own it.',
    readOnly: 'Only the owner, the person who added the follow-up, the visitors and admins can change it.',
    ownerHint: 'A new owner gets an e-mail (unless you make yourself the owner).',
    save: 'Save',
    saved: 'The follow-up is updated.',
    log: 'Log',
    system: 'Besök',
    stale:
      'Someone else changed the follow-up meanwhile. The details below are the latest – make the change again.',
    staleKept: (theirs: string[], mine: string[]) =>
      `Someone else changed the follow-up meanwhile${theirs.length ? ` (${theirs.join(', ')})` : ''}. ` +
      `The details below are the latest, with what you changed kept (${mine.join(', ')}). Check it and save again.`,
    parts: {
      status: 'status',
      reason: 'why it is not possible',
      note: 'the note',
      due: 'date',
      owner: 'owner',
    },
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
