/**
 * The relay's e-mails, in plain Swedish. Companies receive them on behalf of the municipality;
 * each private link is the only way in, so it is written on a line of its own.
 */

export interface Mail {
  subject: string;
  text: string;
}

const sign = (municipality: string) => `Med vänliga hälsningar\nNäringslivsenheten, ${municipality}`;

const date = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(new Date(iso));

/** "3 mars 2026 kl. 10:00", in Swedish time. */
export const dateTimeSv = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));

export function invitationMail(p: {
  municipality: string;
  programme: string;
  company: string;
  nominator: string | null;
  pickedByStaff: boolean;
  reason: string;
  link: string;
  dueAt: string;
}): Mail {
  const who =
    p.pickedByStaff || !p.nominator
      ? `Vi på näringslivsenheten vill gärna besöka ${p.company} i ${p.programme}.`
      : `${p.nominator} har skickat stafettpinnen vidare till er: de vill att ${p.municipality} besöker ${p.company} härnäst i ${p.programme}.`;
  return {
    subject: `${p.programme}: ni har fått stafettpinnen`,
    text: [
      'Hej!',
      '',
      who,
      ...(p.reason ? ['', `Så här motiverade de valet: "${p.reason}"`] : []),
      '',
      'I stafetten besöker kommunens ledning och näringslivsenheten ett företag i taget, och varje företag nominerar nästa. Besöket tar ungefär en timme och handlar om er verksamhet och hur kommunen kan underlätta för er.',
      '',
      `Svara senast ${date(p.dueAt)} – tacka ja och föreslå några tider, eller tacka nej – på sidan här:`,
      p.link,
      '',
      'Länken är personlig för ert företag. Ni behöver inte logga in.',
      '',
      sign(p.municipality),
    ].join('\n'),
  };
}

export function reminderMail(p: {
  municipality: string;
  programme: string;
  company: string;
  link: string;
  dueAt: string;
}): Mail {
  return {
    subject: `Påminnelse: ${p.programme} – vill ni ta emot stafettpinnen?`,
    text: [
      'Hej!',
      '',
      `Vi har inte fått något svar från ${p.company} på inbjudan till ${p.programme}. Svara gärna senast ${date(p.dueAt)}, ja eller nej, på sidan här:`,
      p.link,
      '',
      'Om vi inte får något svar går stafettpinnen vidare till ett annat företag.',
      '',
      sign(p.municipality),
    ].join('\n'),
  };
}

export function nominateMail(p: {
  municipality: string;
  programme: string;
  company: string;
  link: string;
}): Mail {
  return {
    subject: `${p.programme}: vem ska vi besöka härnäst?`,
    text: [
      'Hej!',
      '',
      `Tack för att vi fick besöka ${p.company}! Nu är det er tur att skicka stafettpinnen vidare: vilket företag tycker ni att vi ska besöka härnäst, och varför?`,
      '',
      'Nominera på sidan här:',
      p.link,
      '',
      'Vi skickar en inbjudan till företaget ni väljer och berättar att det var ni som nominerade det.',
      '',
      sign(p.municipality),
    ].join('\n'),
  };
}

export function handedBackToNominatorMail(p: {
  municipality: string;
  programme: string;
  nominee: string;
  outcome: 'declined' | 'expired';
  link: string;
}): Mail {
  const what =
    p.outcome === 'declined'
      ? `${p.nominee} har tackat nej till besöket.`
      : `${p.nominee} har inte svarat på inbjudan.`;
  return {
    subject: `${p.programme}: stafettpinnen har kommit tillbaka till er`,
    text: [
      'Hej!',
      '',
      `${what} Vill ni nominera ett annat företag? Gör det på sidan här:`,
      p.link,
      '',
      'Om ni inte vill nominera någon mer väljer näringslivsenheten nästa företag.',
      '',
      sign(p.municipality),
    ].join('\n'),
  };
}

export function staffNotice(p: { programme: string; subject: string; lines: string[]; link: string }): Mail {
  return {
    subject: `${p.programme}: ${p.subject}`,
    text: [...p.lines, '', `Se stafetten i Besök: ${p.link}`].join('\n'),
  };
}
