import { useTranslation } from 'react-i18next';

/** The words of the demo mailbox, Swedish first; one object per language with the same shape. */
const sv = {
  title: 'Demobrevlåda',
  intro:
    'Demon skickar sin e-post till en egen SMTP-server på den här datorn; inget lämnar maskinen. Här är det som kommit fram, senaste först: bekräftelser med privata länkar, inbjudningar med kalenderfil, påminnelser och återkopplingar.',
  notDemo: 'Demobrevlådan finns bara när Besök körs som demo utan egen SMTP-server.',
  empty:
    'Inga meddelanden än. Skicka en anmälan via ett sprintformulär eller publicera en dag så dyker e-posten upp här.',
  to: 'Till',
  from: 'Från',
  received: 'Mottaget',
  attachments: 'Bilagor',
  showText: 'Visa texten',
  download: 'Ladda ner (.eml)',
  downloadLabel: (subject: string) => `Ladda ner meddelandet ”${subject}” som .eml-fil`,
  count: (n: number) => (n === 1 ? '1 meddelande' : `${n} meddelanden`),
  homeLink: 'Demobrevlådan: e-posten som demon har skickat',
};

const en: typeof sv = {
  title: 'Demo mailbox',
  intro:
    'The demo sends its e-mail to an SMTP server of its own on this computer; nothing leaves the machine. Here is what has arrived, newest first: confirmations with private links, invitations with calendar files, reminders and feedback.',
  notDemo: 'The demo mailbox exists only when Besök runs as the demo without an SMTP server of its own.',
  empty:
    'No messages yet. Send a registration through a sprint form or publish a day and the e-mail shows up here.',
  to: 'To',
  from: 'From',
  received: 'Received',
  attachments: 'Attachments',
  showText: 'Show the text',
  download: 'Download (.eml)',
  downloadLabel: (subject: string) => `Download the message “${subject}” as an .eml file`,
  count: (n: number) => (n === 1 ? '1 message' : `${n} messages`),
  homeLink: 'Demo mailbox: the e-mail the demo has sent',
};

export function useTexts() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return { tx: lang === 'en' ? en : sv, lang } as const;
}
