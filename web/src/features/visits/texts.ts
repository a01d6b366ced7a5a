import { useTranslation } from 'react-i18next';

/** A follow-up's owner, as the follow-up says it: a person, or a department (its label). */
interface FollowupOwner {
  user: { id: string; name: string } | null;
  label: string;
}

/**
 * The words of visits, visit reports, feedback and company history, Swedish first. Kept in the
 * feature (one object per language with the same shape, checked by the type) so the shared i18n
 * files stay small; the language follows the app's switch.
 */
const sv = {
  list: {
    title: 'Besök',
    intro: 'Dina besök och alla besök: skriv rapporten, lägg uppföljningar och återkoppla till företaget.',
    mine: 'Mina besök',
    all: 'Alla besök',
    scope: 'Visa',
    add: 'Registrera ett besök',
    missingFeedback: 'Besök som väntar på återkoppling',
    empty: 'Inga besök här än.',
    caption: 'Besök, senaste först',
    upcoming: 'Kommande besök, närmast först',
    past: 'Tidigare besök, senaste först',
    when: 'När',
    company: 'Företag',
    who: 'Besökare',
    report: 'Rapport',
    followups: 'Uppföljningar',
    open: (n: number) => (n === 1 ? '1 öppen' : `${n} öppna`),
  },
  status: { planned: 'Planerat', done: 'Genomfört', cancelled: 'Inställt' } as Record<string, string>,
  mode: { digital: 'Digitalt', physical: 'På plats' } as Record<string, string>,
  programme: { sprint: 'Besökssprint', relay: 'Stafett', none: 'Utanför program' } as Record<string, string>,
  reportStatus: { none: 'Ej påbörjad', draft: 'Utkast', submitted: 'Inskickad' } as Record<string, string>,
  form: {
    title: 'Registrera ett besök',
    intro:
      'Ett besök som inte planerats i Besök: en mässa, ett spontant samtal, ett besök bokat på annat sätt.',
    companySearch: 'Sök företag',
    companySearchHint: 'Namn eller organisationsnummer.',
    search: 'Sök',
    choose: 'Välj',
    chosen: 'Valt företag',
    change: 'Byt företag',
    noHits: 'Inga företag matchar.',
    company: 'Företag',
    date: 'Datum',
    dateHint: 'ÅÅÅÅ-MM-DD',
    start: 'Starttid',
    end: 'Sluttid',
    timeHint: 'TT:MM',
    mode: 'Form',
    location: 'Plats',
    participants: 'Vilka från kommunen deltog',
    notes: 'Anteckning om besöket',
    save: 'Spara besöket',
    created: 'Besöket är registrerat.',
  },
  visit: {
    title: (company: string) => `Besök hos ${company}`,
    facts: 'Om besöket',
    when: 'När',
    mode: 'Form',
    place: 'Plats',
    link: 'Möteslänk',
    who: 'Besökare',
    notes: 'Anteckning',
    programme: 'Program',
    status: 'Status',
    report: 'Besöksrapporten',
    writeReport: 'Skriv rapporten',
    readReport: 'Läs och ändra rapporten',
    /** For someone who may not change it (not on the visit, not an admin). */
    readOnlyReport: 'Läs rapporten',
    followups: 'Uppföljningar',
    noFollowups: 'Inga uppföljningar än.',
    feedback: 'Återkoppling till företaget',
    feedbackIntro: 'Skriv till företaget vad de tog upp och vad ni har gjort.',
    writeFeedback: 'Skriv återkoppling',
    history: 'Företagets historik',
    programmeReport: 'Rapport för dagen',
    cancelled: 'Besöket är inställt.',
    reportCancelled: 'Besöket är inställt: det finns ingen rapport att skriva.',
    feedbackCancelled: 'Ingen återkoppling skickas för ett inställt besök.',
    cancel: 'Ställ in besöket',
    cancelConfirm: 'Vill du ställa in besöket? Det går inte att ångra.',
    cancelYes: 'Ja, ställ in besöket',
    cancelNo: 'Nej, behåll det',
  },
  home: {
    title: 'Besök och uppföljningar',
    mineOpen: (n: number): string =>
      n === 1 ? 'öppen uppföljning som du äger' : 'öppna uppföljningar som du äger',
    mineOverdue: (n: number): string => (n === 1 ? '1 av dem är försenad' : `${n} av dem är försenade`),
    overdue: (n: number): string =>
      n === 1 ? 'försenad uppföljning totalt' : 'försenade uppföljningar totalt',
    waiting: (_n: number): string => 'besök som väntar på återkoppling',
    visits: 'Mina besök',
    error: 'Siffrorna kunde inte hämtas just nu.',
  },
  edit: {
    heading: 'Ändra besöket',
    title: (company: string) => `Ändra besöket hos ${company}`,
    intro: 'Ändra tid, form, plats eller möteslänk, vilka från kommunen som är med och anteckningen.',
    open: 'Ändra tid, plats och lag',
    locationHint: 'Adressen vid besök på plats.',
    meetingLink: 'Möteslänk',
    meetingLinkHint: 'Länken till Teams-mötet eller motsvarande vid digitala besök.',
    inactive: (name: string) => `${name} (inte längre aktiv)`,
    team: 'Vilka från kommunen är med',
    save: 'Spara ändringarna',
    saved: 'Besöket är ändrat.',
    stale:
      'Någon annan har ändrat besöket medan du hade det öppet. Ladda om besöket för att se den senaste versionen och gör sedan din ändring igen.',
    reload: 'Ladda om besöket',
    inProgramme:
      'Besöket planeras i sitt program (besökssprinten eller stafetten). Ändra tid, lag och form där.',
  },
  followup: {
    add: 'Lägg till en uppföljning',
    need: 'Vad behöver företaget?',
    topic: 'Ämne',
    topicNone: 'Inget särskilt ämne',
    ownerKind: 'Ansvarig',
    ownerPerson: 'En person',
    ownerDepartment: 'En förvaltning eller avdelning',
    ownerUser: 'Ansvarig person',
    ownerUserChoose: 'Välj person',
    department: 'Förvaltning eller avdelning',
    due: 'Klart senast',
    dueHint: 'ÅÅÅÅ-MM-DD',
    save: 'Lägg till',
    /**
     * After adding one: who is told. The server e-mails an owner who is a person other than the
     * one adding it (followup.service createFollowup); a department, or oneself, gets nothing.
     */
    created: (owner: FollowupOwner, me: string | undefined): string =>
      !owner.user
        ? `Uppföljningen är tillagd. ${owner.label} får inget e-postmeddelande från Besök – kontakta dem själv.`
        : owner.user.id === me
          ? 'Uppföljningen är tillagd. Du är själv ansvarig, så inget e-postmeddelande skickas.'
          : `Uppföljningen är tillagd. ${owner.user.name} får ett e-postmeddelande om den.`,
    status: { open: 'Öppen', in_progress: 'Pågår', done: 'Klar', not_possible: 'Inte möjlig' } as Record<
      string,
      string
    >,
    dueOn: (d: string) => `klart senast ${d}`,
    overdue: 'Försenad',
  },
  report: {
    title: (company: string) => `Rapport: ${company}`,
    intro: 'Sparas medan du skriver. Det du skriver sparas på telefonen tills servern har tagit emot det.',
    people: 'Från företaget',
    peopleHint: 'Vilka från företaget deltog.',
    personName: 'Namn',
    personRole: 'Roll',
    personEmail: 'E-post',
    personEmailHint: 'Används för återkopplingen.',
    addPerson: 'Lägg till en person',
    removePerson: (n: number) => `Ta bort person ${n}`,
    person: (n: number) => `Person ${n}`,
    topics: 'Ämnen som togs upp',
    topicsHint: 'Kryssa i ämnena; skriv en kort anteckning om varje.',
    topicNote: (label: string) => `Anteckning om ${label.toLowerCase()}`,
    climate: 'Företagets syn på näringslivsklimatet',
    climateHint: '1 = mycket dåligt, 6 = mycket bra.',
    service: 'Företagets syn på kommunens service',
    serviceHint: '1 = mycket dålig, 6 = mycket bra.',
    serviceText: 'Vad sa de om kommunens service?',
    noGrade: 'Inget betyg',
    notes: 'Övriga anteckningar',
    submit: 'Skicka in rapporten',
    submitFrom: (t: string) =>
      `Du kan skriva rapporten redan nu. Den kan skickas in när besöket har börjat, från ${t}.`,
    submitted: 'Rapporten är inskickad. Du kan fortfarande rätta den.',
    submittedAt: (t: string) => `Inskickad ${t}`,
    readOnly: 'Bara de som deltog i besöket (och administratörer) kan ändra rapporten.',
    back: 'Till besöket',
    cancelled:
      'Besöket är inställt. Det går inte att skriva eller skicka in en rapport för ett inställt besök.',
    save: {
      saving: 'Sparar …',
      saved: (time: string) => `Sparat ${time}`,
      local: 'Sparat på telefonen – skickas när anslutningen är tillbaka',
      unsaved: 'Ej sparat än',
      error: 'Kunde inte spara',
      retry: 'Spara nu',
      savedPart: (time: string) => `Sparat ${time} – utom det som är markerat nedan`,
      signedOut: 'Inte sparat – du är utloggad',
    },
    stale: (who: string) => `${who} sparade rapporten samtidigt. Era ändringar är sammanfogade.`,
    staleConflict: (who: string, fields: string) =>
      `${who} ändrade också ${fields}. Båda versionerna visas nedan – välj vilken som ska gälla. Din version sparas inte förrän du har valt.`,
    ownConflict: (fields: string) =>
      `Du har sparat en annan version av ${fields} i ett annat fönster. Båda versionerna visas nedan; välj vilken som ska gälla.`,
    staleSubmit: (who: string, fields: string) =>
      `${who} sparade rapporten innan du skickade in den${fields ? ` och ändrade ${fields}` : ''}. Ändringarna finns nu med här – kontrollera och skicka in igen.`,
    someone: 'Någon annan',
    yourself: 'Du (i ett annat fönster)',
    conflict: {
      group: (field: string) => `Två versioner av ${field}`,
      theirs: (who: string) => `${who} sparade den här versionen:`,
      yours: 'Du sparade den här versionen i ett annat fönster:',
      held: 'Din version står i fältet. Fältet sparas inte förrän du har valt.',
      empty: '(tomt)',
      useTheirs: 'Använd den sparade versionen',
      combine: 'Lägg ihop båda',
      keepMine: 'Behåll min version',
      choose: (field: string) => `Välj vilken version av ${field} som ska gälla.`,
    },
    personNeedsName: 'Sparas inte förrän personen har ett namn.',
    personInvalid: 'Sparas inte förrän uppgifterna är rätt ifyllda.',
    session: {
      title: 'Din inloggning har gått ut',
      body: 'Det du har skrivit finns kvar på den här enheten och skickas när du har loggat in igen.',
      login: 'Logga in igen',
    },
    logoutDrafts:
      'Det finns rapporttext på den här enheten som inte har nått servern. Den raderas när du loggar ut. Logga ut ändå?',
    fieldNames: {
      companyParticipants: 'deltagarna',
      topics: 'ämnena',
      climateGrade: 'betyget för näringslivsklimatet',
      serviceGrade: 'betyget för servicen',
      serviceText: 'texten om servicen',
      notes: 'anteckningarna',
    } as Record<string, string>,
  },
  feedback: {
    title: (company: string) => `Återkoppling till ${company}`,
    intro: 'Meddelandet är ifyllt från rapporten och uppföljningarna. Ändra det som behövs innan du skickar.',
    to: 'Till',
    toHint: 'Förslagen kommer från rapporten, anmälan och företagets adress.',
    subject: 'Ämnesrad',
    text: 'Meddelande',
    send: 'Skicka återkopplingen',
    sending: 'Skickar …',
    sent: (to: string) => `Återkopplingen är skickad till ${to} och sparad i företagets historik.`,
    queued: (to: string) =>
      `Återkopplingen väntar på att skickas till ${to}. Den är sparad i företagets historik.`,
    failed: (to: string) =>
      `Återkopplingen kunde inte skickas till ${to}: e-postservern tog inte emot den. Företaget har inte fått den. Kontrollera adressen och skicka den igen.`,
    again: 'Skriv återkopplingen igen',
    /** Where the e-mail stands: queued (also while it is tried again), sent or failed. */
    status: { queued: 'Väntar på att skickas', sent: 'Skickad', failed: 'Kunde inte skickas' } as Record<
      string,
      string
    >,
    noRecipient: 'Det finns ingen e-postadress till företaget. Skriv in en.',
    earlier: 'Skriven',
    none: 'Ingen återkoppling skickad för det här besöket än.',
    sentBefore: 'Redan skickad för besöket',
    sentBeforeLine: (when: string, by: string | null, to: string) =>
      `${when}${by ? ` av ${by}` : ''} till ${to}`,
    sendAnother: 'Ja, skicka en återkoppling till',
    sendAnotherHint:
      'Företaget har redan fått återkoppling efter besöket. Läs den först, så att det inte blir två.',
    sendAnotherRequired: 'Företaget har redan fått återkoppling: kryssa i rutan om du vill skicka en till.',
    notYet: (when: string) =>
      `Besöket har inte ägt rum än. Återkopplingen kan skickas när besöket är över, från ${when}.`,
    cancelled: 'Besöket är inställt. Ingen återkoppling skickas.',
  },
  missing: {
    title: 'Besök som väntar på återkoppling',
    intro: (days: number) =>
      `Besök för mer än ${days} dagar sedan där företaget inte har fått någon återkoppling efter besöket.`,
    empty: 'Alla besökta företag har fått återkoppling.',
    caption: 'Besök utan återkoppling, äldst först',
    days: 'Dagar sedan',
    lastFeedback: 'Senaste återkoppling',
    never: 'Aldrig',
    write: 'Skriv återkoppling',
  },
  history: {
    title: (company: string) => `Historik: ${company}`,
    intro: 'Allt som hänt med företaget i Besök, senaste först.',
    empty: 'Ingen historik än.',
    kinds: {
      visit: 'Besök',
      report: 'Rapport',
      followup: 'Uppföljning',
      feedback: 'Återkoppling',
      registration: 'Anmälan',
      email: 'E-post',
    } as Record<string, string>,
    topics: 'Ämnen',
    feedbackTitle: (status: string, to: string) =>
      status === 'sent'
        ? `Återkoppling skickad till ${to}`
        : status === 'failed'
          ? `Återkoppling kunde inte skickas till ${to}`
          : `Återkoppling väntar på att skickas till ${to}`,
    feedbackFailed: 'Företaget har inte fått den: besöket väntar på återkoppling igen.',
    openVisit: 'Öppna besöket',
    company: 'Företagets uppgifter',
    section: 'Historik i Besök',
    own: 'Historiken på en egen sida',
  },
  common: {
    loading: 'Laddar …',
    back: 'Tillbaka',
    save: 'Spara',
    cancel: 'Avbryt',
  },
};

export type VisitTexts = typeof sv;

const en: VisitTexts = {
  list: {
    title: 'Visits',
    intro: 'Your visits and all visits: write the report, add follow-ups and give the company feedback.',
    mine: 'My visits',
    all: 'All visits',
    scope: 'Show',
    add: 'Record a visit',
    missingFeedback: 'Visits awaiting feedback',
    empty: 'No visits here yet.',
    caption: 'Visits, newest first',
    upcoming: 'Upcoming visits, soonest first',
    past: 'Earlier visits, latest first',
    when: 'When',
    company: 'Company',
    who: 'Visitors',
    report: 'Report',
    followups: 'Follow-ups',
    open: (n: number) => `${n} open`,
  },
  status: { planned: 'Planned', done: 'Held', cancelled: 'Cancelled' },
  mode: { digital: 'Digital', physical: 'On site' },
  programme: { sprint: 'Visit sprint', relay: 'Relay', none: 'Outside a programme' },
  reportStatus: { none: 'Not started', draft: 'Draft', submitted: 'Submitted' },
  form: {
    title: 'Record a visit',
    intro: 'A visit not planned in Besök: a fair, a call-in, a visit booked elsewhere.',
    companySearch: 'Find a company',
    companySearchHint: 'Name or organisation number.',
    search: 'Search',
    choose: 'Choose',
    chosen: 'Chosen company',
    change: 'Change company',
    noHits: 'No company matches.',
    company: 'Company',
    date: 'Date',
    dateHint: 'YYYY-MM-DD',
    start: 'Start time',
    end: 'End time',
    timeHint: 'HH:MM',
    mode: 'Form',
    location: 'Place',
    participants: 'Who from the municipality took part',
    notes: 'Note about the visit',
    save: 'Save the visit',
    created: 'The visit is recorded.',
  },
  visit: {
    title: (company: string) => `Visit to ${company}`,
    facts: 'About the visit',
    when: 'When',
    mode: 'Form',
    place: 'Place',
    link: 'Meeting link',
    who: 'Visitors',
    notes: 'Note',
    programme: 'Programme',
    status: 'Status',
    report: 'The visit report',
    writeReport: 'Write the report',
    readReport: 'Read and edit the report',
    readOnlyReport: 'Read the report',
    followups: 'Follow-ups',
    noFollowups: 'No follow-ups yet.',
    feedback: 'Feedback to the company',
    feedbackIntro: 'Tell the company what they raised and what you have done.',
    writeFeedback: 'Write feedback',
    history: "The company's history",
    programmeReport: "The day's report",
    cancelled: 'The visit is cancelled.',
    reportCancelled: 'The visit is cancelled: there is no report to write.',
    feedbackCancelled: 'No feedback is sent for a cancelled visit.',
    cancel: 'Cancel the visit',
    cancelConfirm: 'Do you want to cancel the visit? It cannot be undone.',
    cancelYes: 'Yes, cancel the visit',
    cancelNo: 'No, keep it',
  },
  home: {
    title: 'Visits and follow-ups',
    mineOpen: (n: number) => (n === 1 ? 'open follow-up that you own' : 'open follow-ups that you own'),
    mineOverdue: (n: number) => (n === 1 ? '1 of them is overdue' : `${n} of them are overdue`),
    overdue: (n: number) => (n === 1 ? 'overdue follow-up in all' : 'overdue follow-ups in all'),
    waiting: (n: number) => (n === 1 ? 'visit awaiting feedback' : 'visits awaiting feedback'),
    visits: 'My visits',
    error: 'The figures could not be fetched just now.',
  },
  edit: {
    heading: 'Change the visit',
    title: (company: string) => `Change the visit to ${company}`,
    intro:
      'Change the time, form, place or meeting link, who from the municipality takes part, and the note.',
    open: 'Change time, place and team',
    locationHint: 'The address for a visit on site.',
    meetingLink: 'Meeting link',
    meetingLinkHint: 'The link to the Teams meeting or similar for a digital visit.',
    inactive: (name) => `${name} (no longer active)`,
    team: 'Who from the municipality takes part',
    save: 'Save the changes',
    saved: 'The visit is changed.',
    stale:
      'Someone else changed the visit while you had it open. Reload the visit to see the latest version, then make your change again.',
    reload: 'Reload the visit',
    inProgramme:
      'The visit is planned in its programme (the sprint or the relay). Change time, team and form there.',
  },
  followup: {
    add: 'Add a follow-up',
    need: 'What does the company need?',
    topic: 'Topic',
    topicNone: 'No particular topic',
    ownerKind: 'Owner',
    ownerPerson: 'A person',
    ownerDepartment: 'A department',
    ownerUser: 'Owner',
    ownerUserChoose: 'Choose a person',
    department: 'Department',
    due: 'Due',
    dueHint: 'YYYY-MM-DD',
    save: 'Add',
    created: (owner, me) =>
      !owner.user
        ? `The follow-up is added. ${owner.label} gets no e-mail from Besök – contact them yourself.`
        : owner.user.id === me
          ? 'The follow-up is added. You own it yourself, so no e-mail is sent.'
          : `The follow-up is added. ${owner.user.name} gets an e-mail about it.`,
    status: { open: 'Open', in_progress: 'In progress', done: 'Done', not_possible: 'Not possible' },
    dueOn: (d: string) => `due ${d}`,
    overdue: 'Overdue',
  },
  report: {
    title: (company: string) => `Report: ${company}`,
    intro: 'Saved as you type. What you write stays on the phone until the server has it.',
    people: 'From the company',
    peopleHint: 'Who from the company took part.',
    personName: 'Name',
    personRole: 'Role',
    personEmail: 'E-mail',
    personEmailHint: 'Used for the feedback.',
    addPerson: 'Add a person',
    removePerson: (n: number) => `Remove person ${n}`,
    person: (n: number) => `Person ${n}`,
    topics: 'Topics raised',
    topicsHint: 'Tick the topics; write a short note on each.',
    topicNote: (label: string) => `Note on ${label.toLowerCase()}`,
    climate: "The company's view of the business climate",
    climateHint: '1 = very poor, 6 = very good.',
    service: "The company's view of the municipality's service",
    serviceHint: '1 = very poor, 6 = very good.',
    serviceText: "What did they say about the municipality's service?",
    noGrade: 'No grade',
    notes: 'Other notes',
    submit: 'Submit the report',
    submitFrom: (t: string) =>
      `You can write the report now. It can be submitted once the visit has begun, from ${t}.`,
    submitted: 'The report is submitted. You can still correct it.',
    submittedAt: (t: string) => `Submitted ${t}`,
    readOnly: 'Only those who took part in the visit (and admins) can change the report.',
    back: 'To the visit',
    cancelled: 'The visit is cancelled. A report cannot be written or submitted for a cancelled visit.',
    save: {
      saving: 'Saving …',
      saved: (time: string) => `Saved ${time}`,
      local: 'Saved on the phone – sent when the connection is back',
      unsaved: 'Not saved yet',
      error: 'Could not save',
      retry: 'Save now',
      savedPart: (time: string) => `Saved ${time} – except what is marked below`,
      signedOut: 'Not saved – you are signed out',
    },
    stale: (who: string) => `${who} saved the report at the same time. Your changes are merged.`,
    staleConflict: (who: string, fields: string) =>
      `${who} also changed ${fields}. Both versions are shown below – choose which one applies. Your version is not saved until you have chosen.`,
    ownConflict: (fields: string) =>
      `You saved another version of ${fields} in another window. Both versions are shown below; choose which one applies.`,
    staleSubmit: (who: string, fields: string) =>
      `${who} saved the report before you submitted it${fields ? ` and changed ${fields}` : ''}. The changes are included here now – check them and submit again.`,
    someone: 'Someone else',
    yourself: 'You (in another window)',
    conflict: {
      group: (field: string) => `Two versions of ${field}`,
      theirs: (who: string) => `${who} saved this version:`,
      yours: 'You saved this version in another window:',
      held: 'Your version is in the field. The field is not saved until you have chosen.',
      empty: '(empty)',
      useTheirs: 'Use the saved version',
      combine: 'Combine both',
      keepMine: 'Keep my version',
      choose: (field: string) => `Choose which version of ${field} applies.`,
    },
    personNeedsName: 'Not saved until the person has a name.',
    personInvalid: 'Not saved until the details are filled in correctly.',
    session: {
      title: 'Your session has ended',
      body: 'What you have written is kept on this device and sent when you have signed in again.',
      login: 'Sign in again',
    },
    logoutDrafts:
      'This device has report text that has not reached the server. It is deleted when you sign out. Sign out anyway?',
    fieldNames: {
      companyParticipants: 'the participants',
      topics: 'the topics',
      climateGrade: 'the business climate grade',
      serviceGrade: 'the service grade',
      serviceText: 'the service text',
      notes: 'the notes',
    },
  },
  feedback: {
    title: (company: string) => `Feedback to ${company}`,
    intro: 'The message is filled in from the report and the follow-ups. Edit what is needed before sending.',
    to: 'To',
    toHint: "Suggestions come from the report, the registration and the company's address.",
    subject: 'Subject',
    text: 'Message',
    send: 'Send the feedback',
    sending: 'Sending …',
    sent: (to: string) => `The feedback is sent to ${to} and kept in the company's history.`,
    queued: (to: string) =>
      `The feedback is waiting to be sent to ${to}. It is kept in the company's history.`,
    failed: (to: string) =>
      `The feedback could not be sent to ${to}: the mail server did not accept it. The company has not received it. Check the address and send it again.`,
    again: 'Write the feedback again',
    status: { queued: 'Waiting to be sent', sent: 'Sent', failed: 'Could not be sent' },
    noRecipient: 'There is no e-mail address for the company. Type one.',
    earlier: 'Written',
    none: 'No feedback sent for this visit yet.',
    sentBefore: 'Already sent for the visit',
    sentBeforeLine: (when: string, by: string | null, to: string) =>
      `${when}${by ? ` by ${by}` : ''} to ${to}`,
    sendAnother: 'Yes, send another feedback',
    sendAnotherHint:
      'The company has already had feedback after the visit. Read it first, so that it does not get two.',
    sendAnotherRequired: 'The company has already had feedback: tick the box if you want to send another.',
    notYet: (when: string) =>
      `The visit has not taken place yet. The feedback can be sent once the visit is over, from ${when}.`,
    cancelled: 'The visit is cancelled. No feedback is sent.',
  },
  missing: {
    title: 'Visits awaiting feedback',
    intro: (days: number) => `Visits more than ${days} days ago where the company has had no feedback since.`,
    empty: 'Every visited company has had feedback.',
    caption: 'Visits without feedback, oldest first',
    days: 'Days since',
    lastFeedback: 'Last feedback',
    never: 'Never',
    write: 'Write feedback',
  },
  history: {
    title: (company: string) => `History: ${company}`,
    intro: 'Everything that happened with the company in Besök, newest first.',
    empty: 'No history yet.',
    kinds: {
      visit: 'Visit',
      report: 'Report',
      followup: 'Follow-up',
      feedback: 'Feedback',
      registration: 'Registration',
      email: 'E-mail',
    },
    topics: 'Topics',
    feedbackTitle: (status: string, to: string) =>
      status === 'sent'
        ? `Feedback sent to ${to}`
        : status === 'failed'
          ? `Feedback could not be sent to ${to}`
          : `Feedback waiting to be sent to ${to}`,
    feedbackFailed: 'The company has not received it: the visit awaits feedback again.',
    openVisit: 'Open the visit',
    company: "The company's details",
    section: 'History in Besök',
    own: 'The history on a page of its own',
  },
  common: { loading: 'Loading …', back: 'Back', save: 'Save', cancel: 'Cancel' },
};

export function useTexts(): { tx: VisitTexts; lang: 'sv' | 'en' } {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return { tx: lang === 'en' ? en : sv, lang };
}

const zone = 'Europe/Stockholm';

export function fmtDateTime(iso: string, lang: 'sv' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  }).format(new Date(iso));
}

export function fmtTime(d: Date, lang: 'sv' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    timeStyle: 'short',
    timeZone: zone,
  }).format(d);
}
