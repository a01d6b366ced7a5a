import { DateTime } from 'luxon';
import { ZONE } from './sprint.model';

/**
 * What a sprint sends the companies, in the language they registered in (the form is Swedish or
 * English; `lang` is stored with the registration). Staff mail stays Swedish. Plain text only:
 * nothing a registrant typed is ever rendered as HTML.
 */
export type MailLang = 'sv' | 'en';

export const mailLang = (lang: string | null | undefined): MailLang => (lang === 'en' ? 'en' : 'sv');

const LOCALE: Record<MailLang, string> = { sv: 'sv', en: 'en-GB' };

/** "tisdag 29 mars 2026" / "Tuesday 29 March 2026". */
export function formatDay(day: string, lang: MailLang): string {
  return DateTime.fromISO(day, { zone: ZONE }).setLocale(LOCALE[lang]).toFormat('cccc d MMMM yyyy');
}

/** "18 maj 2026 kl. 12:00" / "18 May 2026 at 12:00", Swedish time. */
export function formatInstant(iso: string, lang: MailLang): string {
  return DateTime.fromISO(iso, { zone: 'utc' })
    .setZone(ZONE)
    .setLocale(LOCALE[lang])
    .toFormat(lang === 'en' ? "d MMMM yyyy 'at' HH:mm" : "d MMMM yyyy 'kl.' HH:mm");
}

/** A visit's day and times: "tisdag 29 mars 2026 kl. 09:00–09:45". `start`/`end` are wall-clock "YYYY-MM-DDTHH:MM". */
export function visitTime(start: string, end: string, lang: MailLang): string {
  const times = `${start.slice(11)}–${end.slice(11)}`;
  return `${formatDay(start.slice(0, 10), lang)} ${lang === 'en' ? 'at' : 'kl.'} ${times}`;
}

interface Sprint {
  name: string;
  day: string;
  closesAt: string;
}

/** The company's private link to see, change or withdraw its registration. */
export const privateLink = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/$/, '')}/anmalan/${token}`;

export function confirmationText(
  lang: MailLang,
  p: {
    sprint: Sprint;
    contactName: string;
    companyName: string;
    mode: 'digital' | 'physical' | string;
    visitAddress: string;
    slots: string[];
    link: string;
  },
): { subject: string; text: string } {
  if (lang === 'en') {
    return {
      subject: `Thank you for registering for ${p.sprint.name}`,
      text: [
        `Hello ${p.contactName},`,
        '',
        `Thank you for registering ${p.companyName}'s interest in ${p.sprint.name} on ${formatDay(p.sprint.day, lang)}.`,
        '',
        `Visit: ${p.mode === 'digital' ? 'digital (video meeting)' : `on site, ${p.visitAddress}`}`,
        `Times you can do: ${p.slots.join(', ')}`,
        '',
        `Here you can see, change or withdraw the registration until ${formatInstant(p.sprint.closesAt, lang)}:`,
        p.link,
        '',
        'The link is personal. Do not share it.',
        'When the day is planned you will get a calendar invitation with the time and who is coming.',
      ].join('\n'),
    };
  }
  return {
    subject: `Tack för er anmälan till ${p.sprint.name}`,
    text: [
      `Hej ${p.contactName},`,
      '',
      `Tack för att ${p.companyName} har anmält intresse för ${p.sprint.name} den ${formatDay(p.sprint.day, lang)}.`,
      '',
      `Besök: ${p.mode === 'digital' ? 'digitalt (videomöte)' : `på plats, ${p.visitAddress}`}`,
      `Tider ni kan: ${p.slots.join(', ')}`,
      '',
      `Här kan ni se, ändra eller återkalla anmälan fram till ${formatInstant(p.sprint.closesAt, lang)}:`,
      p.link,
      '',
      'Länken är personlig. Dela den inte.',
      'När dagen är planerad får ni en kalenderinbjudan med tid och vilka som kommer.',
    ].join('\n'),
  };
}

/** The form sent again: a new link to the registration's own contact. */
export function sentAgainText(
  lang: MailLang,
  p: { sprint: Sprint; contactName: string; companyName: string; link: string },
): { subject: string; text: string } {
  if (lang === 'en') {
    return {
      subject: `Your registration for ${p.sprint.name}`,
      text: [
        `Hello ${p.contactName},`,
        '',
        `Someone sent the registration for ${p.sprint.name} again for ${p.companyName}. The registration is unchanged.`,
        '',
        `Here you can see, change or withdraw it until ${formatInstant(p.sprint.closesAt, lang)}:`,
        p.link,
        '',
        'The link is personal and replaces the one you had before. Do not share it.',
        'If it was not you or a colleague, you need not do anything. Questions: reply to this e-mail.',
      ].join('\n'),
    };
  }
  return {
    subject: `Er anmälan till ${p.sprint.name}`,
    text: [
      `Hej ${p.contactName},`,
      '',
      `Någon skickade anmälan till ${p.sprint.name} igen för ${p.companyName}. Anmälan är oförändrad.`,
      '',
      `Här kan ni se, ändra eller återkalla den fram till ${formatInstant(p.sprint.closesAt, lang)}:`,
      p.link,
      '',
      'Länken är personlig och ersätter den ni fått tidigare. Dela den inte.',
      'Var det inte ni eller en kollega, behöver ni inte göra något. Frågor: svara på det här mejlet.',
    ].join('\n'),
  };
}

/** The form sent again from another address: only where the link went, never the link. */
export function alreadyRegisteredText(
  lang: MailLang,
  p: { sprint: Sprint; contactName: string; companyName: string },
): { subject: string; text: string } {
  if (lang === 'en') {
    return {
      subject: `${p.companyName} is already registered for ${p.sprint.name}`,
      text: [
        `Hello ${p.contactName},`,
        '',
        `${p.companyName} was already registered for ${p.sprint.name} on ${formatDay(p.sprint.day, lang)}, so the registration you sent changed nothing.`,
        'A link to see and change the registration has been sent to the e-mail address given when the company registered.',
        '',
        'If you cannot reach that address, reply to this e-mail and we will help you.',
      ].join('\n'),
    };
  }
  return {
    subject: `${p.companyName} är redan anmäld till ${p.sprint.name}`,
    text: [
      `Hej ${p.contactName},`,
      '',
      `${p.companyName} var redan anmäld till ${p.sprint.name} den ${formatDay(p.sprint.day, lang)}, så anmälan ni skickade ändrade ingenting.`,
      'En länk för att se och ändra anmälan har skickats till den e-postadress som angavs när företaget anmäldes.',
      '',
      'Når ni inte den adressen, svara på det här mejlet så hjälper vi er.',
    ].join('\n'),
  };
}

/** The new contact person, with the link the change was made with. */
export function newContactText(
  lang: MailLang,
  p: { sprint: Sprint; contactName: string; companyName: string; link: string },
): { subject: string; text: string } {
  if (lang === 'en') {
    return {
      subject: `You are the contact person for the registration for ${p.sprint.name}`,
      text: [
        `Hello ${p.contactName},`,
        '',
        `You are now the contact person for ${p.companyName}'s registration for ${p.sprint.name} on ${formatDay(p.sprint.day, lang)}.`,
        'The calendar invitation will come to this address when the day is planned.',
        '',
        `Here you can see, change or withdraw the registration until ${formatInstant(p.sprint.closesAt, lang)}:`,
        p.link,
        '',
        'The link is personal. Do not share it.',
      ].join('\n'),
    };
  }
  return {
    subject: `Ni är kontaktperson för anmälan till ${p.sprint.name}`,
    text: [
      `Hej ${p.contactName},`,
      '',
      `Ni är nu kontaktperson för ${p.companyName}s anmälan till ${p.sprint.name} den ${formatDay(p.sprint.day, lang)}.`,
      'Kalenderinbjudan kommer till den här adressen när dagen är planerad.',
      '',
      `Här kan ni se, ändra eller återkalla anmälan fram till ${formatInstant(p.sprint.closesAt, lang)}:`,
      p.link,
      '',
      'Länken är personlig. Dela den inte.',
    ].join('\n'),
  };
}

/** The contact person before: told where the invitations go now, without the link. */
export function contactReplacedText(
  lang: MailLang,
  p: { sprint: Sprint; contactName: string; companyName: string; newName: string; newEmail: string },
): { subject: string; text: string } {
  if (lang === 'en') {
    return {
      subject: `New contact person for the registration for ${p.sprint.name}`,
      text: [
        `Hello ${p.contactName},`,
        '',
        `The contact person for ${p.companyName}'s registration for ${p.sprint.name} has been changed to ${p.newName} (${p.newEmail}).`,
        'The invitation and anything else about the visit go there from now on.',
        '',
        'If it was not you or a colleague who changed it, reply to this e-mail and we will help you.',
      ].join('\n'),
    };
  }
  return {
    subject: `Ny kontaktperson för anmälan till ${p.sprint.name}`,
    text: [
      `Hej ${p.contactName},`,
      '',
      `Kontaktpersonen för ${p.companyName}s anmälan till ${p.sprint.name} är ändrad till ${p.newName} (${p.newEmail}).`,
      'Inbjudan och annat om besöket går dit från och med nu.',
      '',
      'Var det inte ni eller en kollega som ändrade, svara på det här mejlet så hjälper vi er.',
    ].join('\n'),
  };
}

/** The company's visit, new or changed, with who comes; the calendar invitation is attached. */
export function companyVisitText(
  lang: MailLang,
  p: {
    sprintName: string;
    contactName: string;
    kind: 'new' | 'changed';
    time: string;
    mode: string;
    place: string;
    team: string[];
  },
): { subject: string; text: string; summary: string } {
  const en = lang === 'en';
  const where =
    p.mode === 'digital'
      ? en
        ? `Digital meeting: ${p.place || 'the link will be sent separately'}`
        : `Digitalt möte: ${p.place || 'länken skickas separat'}`
      : `${en ? 'Place' : 'Plats'}: ${p.place}`;
  const text = en
    ? [
        `Hello ${p.contactName},`,
        '',
        p.kind === 'new'
          ? `Welcome to ${p.sprintName}! Here is your visit.`
          : `Your visit during ${p.sprintName} has changed. This is how it looks now.`,
        '',
        `Time: ${p.time}`,
        where,
        '',
        'From the municipality:',
        ...p.team,
        '',
        'A calendar invitation is attached.',
      ]
    : [
        `Hej ${p.contactName},`,
        '',
        p.kind === 'new'
          ? `Välkommen till ${p.sprintName}! Här är ert besök.`
          : `Ert besök under ${p.sprintName} har ändrats. Så här ser det ut nu.`,
        '',
        `Tid: ${p.time}`,
        where,
        '',
        'Från kommunen kommer:',
        ...p.team,
        '',
        'Kalenderinbjudan finns bifogad.',
      ];
  return {
    subject: en
      ? p.kind === 'new'
        ? `Your visit: ${p.sprintName}`
        : `Visit changed: ${p.sprintName}`
      : p.kind === 'new'
        ? `Ert besök: ${p.sprintName}`
        : `Ändrat besök: ${p.sprintName}`,
    text: text.join('\n'),
    summary: en ? `Visit from the municipality – ${p.sprintName}` : `Besök från kommunen – ${p.sprintName}`,
  };
}

/** The company's visit is off. */
export function companyCancellationText(
  lang: MailLang,
  p: { sprintName: string; contactName: string; companyName: string; time: string; startTime: string },
): { subject: string; text: string; summary: string } {
  if (lang === 'en') {
    return {
      subject: `Visit cancelled: ${p.companyName} ${p.startTime}`,
      text: `Hello ${p.contactName},\n\nThe visit to ${p.companyName} ${p.time} during ${p.sprintName} is cancelled.`,
      summary: `Visit from the municipality – ${p.sprintName}`,
    };
  }
  return {
    subject: `Inställt besök: ${p.companyName} ${p.startTime}`,
    text: `Hej ${p.contactName},\n\nBesöket hos ${p.companyName} ${p.time} under ${p.sprintName} är inställt.`,
    summary: `Besök från kommunen – ${p.sprintName}`,
  };
}

/** A registration the day had no room for: a polite word, once. */
export function unscheduledText(
  lang: MailLang,
  p: { sprintName: string; day: string; contactName: string; companyName: string },
): { subject: string; text: string } {
  if (lang === 'en') {
    return {
      subject: `${p.sprintName}: we could not fit in a visit to you`,
      text: [
        `Hello ${p.contactName},`,
        '',
        `Thank you for ${p.companyName}'s interest in ${p.sprintName} on ${formatDay(p.day, lang)}.`,
        'Many wanted to meet us, and unfortunately we could not fit in a visit to you at the times you could do.',
        'We will be in touch to find another time. You are also welcome to contact us at any time.',
        '',
        'Kind regards',
      ].join('\n'),
    };
  }
  return {
    subject: `${p.sprintName}: vi hann inte med ett besök hos er`,
    text: [
      `Hej ${p.contactName},`,
      '',
      `Tack för att ${p.companyName} anmälde intresse för ${p.sprintName} den ${formatDay(p.day, lang)}.`,
      'Många ville träffa oss, och tyvärr gick det inte att få ihop ett besök hos er på de tider ni kunde.',
      'Vi hör av oss för att hitta en annan tid. Ni är också välkomna att kontakta oss när som helst.',
      '',
      'Vänliga hälsningar',
    ].join('\n'),
  };
}
