import { useTranslation } from 'react-i18next';

/** The words of the page of what did not go through, Swedish first; one object per language with the same shape. */
const sv = {
  title: 'E-post och bakgrundsjobb som inte gått igenom',
  intro:
    'E-post som e-postservern har avvisat för gott, eller som väntar på ett nytt försök, och bakgrundsjobb (till exempel påminnelser) som har misslyckats. Ett meddelande som väntar skickas igen av sig självt; ett som har misslyckats kan du skicka igen när felet är åtgärdat, till exempel en felstavad adress.',
  mail: {
    heading: 'E-post',
    caption: 'E-post som inte har gått fram, senaste först',
    summary: (failed: number, retry: number) =>
      `${failed === 1 ? '1 meddelande har' : `${failed} meddelanden har`} misslyckats, ${
        retry === 1 ? '1 väntar' : `${retry} väntar`
      } på ett nytt försök.`,
    empty: 'Ingen e-post har misslyckats, och ingen väntar på ett nytt försök.',
    columns: {
      status: 'Status',
      to: 'Mottagare',
      subject: 'Ämne',
      related: 'Gäller',
      attempts: 'Försök',
      error: 'Fel från e-postservern',
      created: 'Skapat',
      next: 'Nästa försök',
      action: 'Åtgärd',
    },
    status: { failed: 'Misslyckat', retry: 'Väntar' },
    notAgain: 'Försöks inte igen',
    cleared: '(gallrat)',
    noError: '–',
    retryButton: 'Försök igen',
    retryContext: (subject: string, to: string) => `: ”${subject}” till ${to}`,
    retrying: 'Lägger i kö …',
    requeued: (subject: string) => `Meddelandet ”${subject}” står på tur att skickas igen.`,
    requeueFailed: 'Meddelandet kunde inte läggas i kö igen.',
  },
  jobs: {
    heading: 'Bakgrundsjobb',
    caption: 'Bakgrundsjobb som har misslyckats, senaste först',
    summary: (n: number) =>
      n === 1 ? '1 bakgrundsjobb har misslyckats.' : `${n} bakgrundsjobb har misslyckats.`,
    empty: 'Inga bakgrundsjobb har misslyckats.',
    columns: { kind: 'Slag', error: 'Fel', attempts: 'Försök', failed: 'Misslyckades', created: 'Skapat' },
  },
  related: {
    company: 'Företag',
    visit: 'Besök hos',
    followup: 'Uppföljning för',
    sprint: 'Besökssprint',
    relay_programme: 'Stafett',
    other: 'Annat',
    gone: 'finns inte längre',
  } as Record<string, string>,
};

const en: typeof sv = {
  title: 'E-mail and background jobs that did not go through',
  intro:
    'E-mail the mail server refused for good, or that is waiting to be tried again, and background jobs (reminders, for instance) that failed. A waiting message is sent again by itself; one that failed you can send again once the cause is fixed, a misspelt address for instance.',
  mail: {
    heading: 'E-mail',
    caption: 'E-mail that has not gone through, newest first',
    summary: (failed: number, retry: number) =>
      `${failed === 1 ? '1 message has' : `${failed} messages have`} failed, ${retry} waiting to be tried again.`,
    empty: 'No e-mail has failed, and none is waiting to be tried again.',
    columns: {
      status: 'Status',
      to: 'Recipient',
      subject: 'Subject',
      related: 'About',
      attempts: 'Attempts',
      error: 'Error from the mail server',
      created: 'Created',
      next: 'Next attempt',
      action: 'Action',
    },
    status: { failed: 'Failed', retry: 'Waiting' },
    notAgain: 'Not tried again',
    cleared: '(erased)',
    noError: '–',
    retryButton: 'Try again',
    retryContext: (subject: string, to: string) => `: “${subject}” to ${to}`,
    retrying: 'Queuing …',
    requeued: (subject: string) => `The message “${subject}” is queued to be sent again.`,
    requeueFailed: 'The message could not be queued again.',
  },
  jobs: {
    heading: 'Background jobs',
    caption: 'Background jobs that failed, newest first',
    summary: (n: number) => (n === 1 ? '1 background job has failed.' : `${n} background jobs have failed.`),
    empty: 'No background job has failed.',
    columns: { kind: 'Kind', error: 'Error', attempts: 'Attempts', failed: 'Failed', created: 'Created' },
  },
  related: {
    company: 'Company',
    visit: 'Visit to',
    followup: 'Follow-up for',
    sprint: 'Visit sprint',
    relay_programme: 'Relay',
    other: 'Other',
    gone: 'no longer exists',
  },
};

export function useTexts() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return { tx: lang === 'en' ? en : sv, lang } as const;
}
