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

/**
 * The company's invitation, or its link to name the next, no longer stands: the business unit
 * withdrew it (ended the baton or closed the relay). Swedish first, then English, as the company
 * may not read Swedish; it need not do anything.
 */
export function withdrawnMail(p: {
  municipality: string;
  programme: string;
  company: string;
  /** An invitation awaiting the company's answer, or the visited company's link to name the next. */
  what: 'invitation' | 'nominate';
  /** The whole relay closed, or only this baton ended. */
  why: 'closed' | 'ended';
}): Mail {
  const becauseSv =
    p.why === 'closed' ? `${p.programme} är avslutad` : `stafettpinnen stannar här i ${p.programme}`;
  const becauseEn =
    p.why === 'closed' ? `${p.programme} has come to an end` : `the baton stops here in ${p.programme}`;
  const sv =
    p.what === 'invitation'
      ? [
          `Inbjudan till ${p.company} att ta emot stafettpinnen gäller inte längre: ${becauseSv}. Länken i inbjudan fungerar därför inte längre, och ni behöver inte svara.`,
          '',
          'Tack för ert intresse, och ursäkta besväret.',
        ]
      : [
          `Tack igen för att vi fick besöka ${p.company}! Ni behöver inte nominera något företag: ${becauseSv}. Länken för att nominera nästa företag fungerar därför inte längre.`,
        ];
  const en =
    p.what === 'invitation'
      ? [
          `The invitation to ${p.company} to take the baton no longer stands: ${becauseEn}. The link in the invitation no longer works, and you need not answer.`,
          '',
          'Thank you for your interest, and sorry for the trouble.',
        ]
      : [
          `Thank you again for having us at ${p.company}! You need not name a company: ${becauseEn}. The link to name the next company no longer works.`,
        ];
  return {
    subject:
      p.what === 'invitation'
        ? `${p.programme}: inbjudan gäller inte längre / The invitation no longer stands`
        : `${p.programme}: ni behöver inte nominera / You need not name the next company`,
    text: [
      'Hej!',
      '',
      ...sv,
      '',
      'Hör gärna av er till näringslivsenheten om ni har frågor.',
      '',
      sign(p.municipality),
      '',
      '– In English –',
      '',
      'Hello,',
      '',
      ...en,
      '',
      'Please contact the business unit if you have any questions.',
      '',
      `Kind regards\nThe business unit, ${p.municipality}`,
    ].join('\n'),
  };
}
