import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format';

/** What a scheduling run did to the plan, for the board's status line. */
export interface Rescheduled {
  visits: number;
  unscheduled: number;
  /** Whether there was a plan before, to say what changed against. */
  earlier: boolean;
  moved: number;
  newTeam: number;
  added: number;
  removed: number;
  /** Pinned visits, kept where they were. */
  pinned: number;
}

/** What the scheduler plans from that changed since its last run (the board's `changedSinceRun`). */
export type ChangedSinceRun = 'registrations' | 'participants' | 'day';

/** "a, b och c" / "a, b, and c". */
function listOf(parts: string[], lang: 'sv' | 'en'): string {
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(parts);
}

/**
 * The sprint feature's words, Swedish first, English with the same shape (checked by the type).
 * Kept in the feature, like the relay's, so the shared i18n files stay small.
 */
const sv = {
  title: 'Besökssprintar',
  intro:
    'En besökssprint samlar många företagsbesök på en dag. Företagen anmäler sig på en publik sida, schemaläggaren föreslår dagen och ett klick skickar inbjudningarna.',
  newSprint: 'Ny besökssprint',
  none: 'Det finns ingen besökssprint än.',
  status: { draft: 'Utkast', open: 'Öppen för anmälan', planned: 'Planerad', published: 'Utskickad' },
  registrationsCount: (n: number) => (n === 1 ? '1 anmälan' : `${n} anmälningar`),
  participantsCount: (n: number) => (n === 1 ? '1 deltagare' : `${n} deltagare`),
  fields: {
    name: 'Namn på sprinten',
    day: 'Dag (ÅÅÅÅ-MM-DD)',
    /** The sprint list's column, which shows the day written out ("tisdag 26 maj 2026"). */
    dayColumn: 'Dag',
    opensAt: 'Anmälan öppnar',
    closesAt: 'Anmälan stänger',
    periodHint: 'Datum och tid i svensk tid.',
    publicText: 'Text på den publika sidan',
    meetingLink: 'Länk till videomöten',
    visitLink: (name: string) => `Möteslänk för ${name}`,
    visitLinkHint: 'Tomt: sprintens länk används.',
    saveLink: 'Spara länken',
    meetingLinkHint:
      'Används för digitala besök. {id} byts mot ett eget id per besök, t.ex. https://teams.example.se/besok-{id}.',
    topics: 'Ämnen som företagen kan välja',
    topicsHint: 'Inget valt: alla kommunens ämnen.',
    slug: 'Publik adress (frivillig)',
    slugHint: 'Bara a–z, 0–9 och bindestreck. Tomt: en kort slumpad adress.',
    slots: 'Tider under dagen',
    slotStart: (id: string) => `Tid ${id}: början`,
    slotEnd: (id: string) => `Tid ${id}: slut`,
    addSlot: 'Lägg till en tid',
    removeSlot: (id: string) => `Ta bort tid ${id}`,
    minTeam: 'Minsta lag',
    maxTeam: 'Största lag',
    travelKmh: 'Restid: km/h',
    travelBufferMin: 'Restid: marginal i minuter',
    requireGroups: 'Varje lag har med',
    requireGroupsHint: 'Standard: en politiker, och någon från näringslivsenheten eller ledningen.',
    from: 'Utgå från en tidigare sprint',
    fromHint:
      'Dess tider, lagregler, ämnen, text och möteslänk fylls i nedan. Namn, dag och anmälningsperiod anger du.',
    fromNone: 'Ingen – standardinställningar',
    fromOption: (name: string, day: string) => `${name} (${day})`,
    withRoster: 'Ta med deltagarna från den',
    withRosterHint:
      'De som fortfarande är aktiv personal, lediga hela dagen och med samma högsta antal besök. Var och en anger sedan sina tider.',
  },
  groups: {
    politician: 'Politiker',
    leadership: 'Ledning',
    business: 'Näringslivsenheten',
    department: 'Förvaltningschef',
    other: 'Övrig',
  },
  create: 'Skapa sprinten',
  save: 'Spara inställningarna',
  saved: 'Inställningarna är sparade.',
  openForRegistration: 'Öppna för anmälan',
  opened: 'Sprinten är öppen för anmälan.',
  openUnsaved:
    'Inställningarna har ändringar som inte är sparade. Öppna för anmälan ändå? Ändringarna går då förlorade; avbryt och spara dem först om du vill behålla dem.',
  publicAddress: 'Publik anmälningssida',
  tabs: {
    settings: 'Inställningar',
    roster: 'Deltagare',
    registrations: 'Anmälningar',
    board: 'Dagen',
    availability: 'Mina tider',
  },
  stale: 'Någon annan har ändrat sprinten under tiden. Ladda om sidan och gör ändringen igen.',
  reload: 'Ladda om',
  roster: {
    title: 'Deltagare',
    intro:
      'Välj vilka som är med och när de kan. Deltagarna kan själva ändra sina tider när de har loggat in.',
    person: 'Person',
    takesPart: (name: string) => `${name} är med`,
    available: (name: string, slot: string) => `${name} kan ${slot}`,
    maxVisits: (name: string) => `Högst antal besök för ${name}`,
    save: 'Spara deltagarna',
    saved: 'Deltagarna är sparade.',
    caption: 'Deltagare och deras tider',
    inactive: 'inte längre aktiv',
    viewer: 'har bara läsbehörighet',
    noLongerTitle: 'Deltagare som inte längre kan schemaläggas',
    inactiveNote:
      'Den som inte längre är aktiv är kvar i sprinten tills du tar bort hen, men tas inte med när dagen schemaläggs. Bocka ur rutan vid namnet i tabellen och spara för att ta bort hen. Den som tas bort kan inte läggas till igen så länge hen är inaktiv.',
    viewerNote:
      'Den som bara har läsbehörighet kan inte vara deltagare och tas bort ur sprinten när du sparar.',
  },
  mine: {
    title: 'Mina tider',
    intro: 'Kryssa i de tider du kan ta emot besök.',
    save: 'Spara mina tider',
    saved: 'Dina tider är sparade.',
    notOnRoster: 'Du är inte med i den här sprinten.',
    maxVisits: 'Högst antal besök (tomt: ingen gräns)',
  },
  regs: {
    title: 'Anmälningar',
    caption: 'Anmälda företag',
    company: 'Företag',
    contact: 'Kontakt',
    mode: 'Besök',
    slots: 'Tider',
    position: 'Position',
    unverified: 'inte i registret',
    withdrawn: 'återtagen',
    none: 'Inga anmälningar än.',
    missingTitle: 'Besök på plats som saknar position',
    missingIntro:
      'Ange latitud och longitud för besöksadressen, så att restiderna kan räknas ut före schemaläggningen.',
    lat: (name: string) => `Latitud för ${name}`,
    lon: (name: string) => `Longitud för ${name}`,
    latHint: 'I decimalgrader, t.ex. 58,28.',
    lonHint: 'I decimalgrader, t.ex. 12,29.',
    notNumber: (label: string) => `${label} måste vara ett tal, t.ex. 58,28.`,
    setPosition: 'Spara positionen',
    changePosition: 'Ändra position',
    changePositionFor: (name: string) => `för ${name}`,
    positionSaved: (name: string, position: string) => `Positionen för ${name} är sparad: ${position}.`,
  },
  modes: { digital: 'Digitalt', physical: 'På plats' },
  board: {
    title: 'Dagen',
    run: 'Schemalägg',
    rerun: 'Schemalägg om runt de låsta besöken',
    running: 'Schemalägger …',
    noPlan: 'Ingen plan än. Välj deltagare och schemalägg när anmälningarna har kommit in.',
    caption: 'Besöken per tid',
    slot: 'Tid',
    visits: 'Besök',
    team: 'Lag',
    topics: 'Ämnen som täcks',
    pinned: 'Låst',
    pin: 'Lås',
    unpin: 'Lås upp',
    drop: 'Ta bort',
    visitOf: (name: string) => ` besöket hos ${name}`,
    move: 'Flytta till',
    moveOf: (name: string) => ` (${name})`,
    moveButton: 'Flytta',
    changeTeam: 'Ändra laget',
    teamFor: (name: string) => `Laget hos ${name}`,
    saveTeam: 'Spara laget',
    leftSprint: 'inte med i sprinten längre',
    unscheduledTitle: 'Inte med i planen',
    unscheduledCaption: 'Anmälningar som inte fick ett besök, och varför',
    reason: 'Skäl',
    add: (name: string) => `Lägg in ${name}`,
    addSlot: 'Tid',
    addTeam: 'Lag',
    addButton: 'Lägg in besöket',
    bound: (visits: number, bound: number) =>
      `${visits} besök av högst ${bound} möjliga${visits >= bound ? ' – så många som går' : ''}.`,
    coverage: (covered: number, bound: number) =>
      `Ämnen som teamen kan: ${covered} av högst ${bound} möjliga${covered >= bound ? ' – bästa möjliga' : ''}.`,
    staleRun: (what: ChangedSinceRun[]) =>
      `Sedan den senaste schemaläggningen har ${listOf(
        what.map((w) =>
          w === 'registrations'
            ? 'anmälningarna'
            : w === 'participants'
              ? 'deltagarna'
              : 'dagens tider eller regler',
        ),
        'sv',
      )} ändrats`,
    staleBounds: (bound: number | null, coverage: number | null) => {
      const bounds = [
        bound !== null ? `högst ${bound} besök` : '',
        coverage !== null ? `högst ${coverage} ämnen som teamen kan` : '',
      ].filter(Boolean);
      return bounds.length
        ? `Gränserna är från den körningen (${bounds.join(', ')}) och räknades på det som fanns då, så de gäller inte längre. Skälen till att anmälningar inte fick något besök kan också vara inaktuella. Schemalägg igen för att få aktuella gränser och skäl.`
        : 'Skälen till att anmälningar inte fick något besök kan vara inaktuella. Schemalägg igen för att få aktuella skäl.';
    },
    refused: 'Ändringen sparades inte',
    rescheduled: (r: Rescheduled) => {
      const head = `Schemalagt: ${r.visits} besök, ${r.unscheduled === 1 ? '1 anmälan' : `${r.unscheduled} anmälningar`} utan besök.`;
      if (!r.earlier) return head;
      const parts = [
        r.moved ? `${r.moved} besök har fått ny tid` : '',
        r.newTeam ? `${r.newTeam} besök har fått nytt lag` : '',
        r.added ? `${r.added} besök har tillkommit` : '',
        r.removed ? `${r.removed} besök har tagits bort` : '',
      ].filter(Boolean);
      const changes = parts.length
        ? `Jämfört med förra planen: ${listOf(parts, 'sv')}.`
        : 'Inget ändrades jämfört med förra planen.';
      const pinned =
        r.pinned === 0
          ? ''
          : r.pinned === 1
            ? ' Det låsta besöket ligger kvar.'
            : ` De ${r.pinned} låsta besöken ligger kvar.`;
      return `${head} ${changes}${pinned}`;
    },
    moved: (name: string, slot: string) => `Besöket hos ${name} är flyttat till ${slot}.`,
    pinnedDone: (name: string) => `Besöket hos ${name} är låst.`,
    unpinnedDone: (name: string) => `Besöket hos ${name} är upplåst.`,
    teamSaved: (name: string) => `Laget hos ${name} är sparat.`,
    dropped: (name: string) => `Besöket hos ${name} är borttaget ur planen.`,
    added: (name: string, slot: string) => `Besöket hos ${name} är inlagt ${slot}.`,
    problems:
      'Planen bryter mot reglerna sedan den gjordes. Ändra besöken eller schemalägg om innan dagen skickas.',
    publish: 'Skicka ut dagen',
    publishAgain: (n: number) => `Skicka ändringarna (${n})`,
    publishing: 'Skickar …',
    published: (c: number, p: number, x: number, u: number) =>
      `Skickat: ${c} besök till företag, ${p} deltagare fick sina besök, ${x} inställda, ${u} fick besked att de inte fick något besök.`,
    nothingPending: 'Dagen är utskickad och inget har ändrats sedan dess.',
    dayOf: (name: string) => `Dagen för ${name}`,
  },
  day: {
    title: 'Min dag',
    titleOf: (name: string) => `Dagen för ${name}`,
    notPublished: 'Dagen är inte utskickad än.',
    draft:
      'Utkast, inte utskickat: så här ser planen ut nu. Deltagarna och företagen har inte fått den, och deltagarna ser den inte här förrän dagen skickas ut.',
    asSent:
      'Dagen som den skickades ut: det deltagarna och företagen har fått. Ändringar på tavlan som inte är skickade än syns inte här.',
    none: 'Du har inga besök den här dagen.',
    contact: 'Kontakt',
    topics: 'Ämnen',
    place: 'Adress',
    map: 'karta',
    link: 'Möteslänk',
    team: 'Lag',
    travel: (min: number, km: number, to: string) =>
      `Restid till ${to}: cirka ${min} min (${formatNumber(km, 'sv')} km).`,
    print: 'Skriv ut',
    report: 'Rapporten',
    reportOf: (company: string) => `Rapporten: ${company}`,
    reportFrom: (when: string) => `Rapporten kan skickas in när besöket har börjat, från ${when}.`,
  },
  reg: {
    closedBefore: (when: string) => `Anmälan har inte öppnat än. Den öppnar ${when}.`,
    closedAfter: (when: string) => `Anmälan är stängd sedan ${when}.`,
    closedPlanned: 'Anmälan är stängd: dagen är planerad och inbjudningarna är skickade.',
    openUntil: (when: string) => `Anmäl er senast ${when}.`,
    dayLine: (day: string) => `Dagen: ${day}`,
    formTitle: 'Anmälan',
    orgNr: 'Organisationsnummer',
    orgNrHint: '10 siffror, t.ex. 556677-8899. Finns företaget i vårt register fylls namn och adress i.',
    lookup: 'Hämta uppgifter',
    found: (name: string) => `Hittade ${name} i registret. Kontrollera uppgifterna.`,
    notFound: 'Företaget finns inte i vårt register. Fyll i uppgifterna själva, så läggs det till.',
    companyName: 'Företagets namn',
    contactName: 'Kontaktperson',
    contactRole: 'Roll',
    contactEmail: 'E-postadress',
    contactPhone: 'Telefon',
    mode: 'Hur vill ni träffas?',
    digital: 'Digitalt (videomöte)',
    physical: 'På plats hos oss',
    visitAddress: 'Besöksadress',
    visitAddressHint: 'Gatuadress, postnummer och ort.',
    slots: 'Tider ni kan',
    slotsHint: 'Välj alla tider som passar. Ju fler, desto lättare att få ihop dagen.',
    topics: 'Vad vill ni prata om?',
    topicsText: 'Något mer ni vill ta upp (frivilligt)',
    consent: 'Jag har läst informationen om personuppgifter och godkänner att uppgifterna hanteras så.',
    consentLegend: 'Personuppgifter',
    consentRequired:
      'Personuppgifter: ni behöver godkänna hanteringen av personuppgifter för att kunna anmäla er.',
    privacyTitle: 'Så hanterar vi era uppgifter',
    privacy: (controller: string, unit: string, months: number) =>
      `${controller} (${unit}) sparar kontaktpersonens namn, roll, e-postadress och telefon, och det ni skriver i anmälan, för att planera och genomföra besöket och följa upp det. Den rättsliga grunden är uppgift av allmänt intresse (artikel 6.1 e i dataskyddsförordningen): kommunens arbete med att främja näringslivet. Uppgifterna sparas i ${months} månader och gallras sedan, om inte arkivreglerna för allmänna handlingar kräver annat. Ni har rätt att få veta vilka uppgifter vi har, att få fel rättade och att klaga hos Integritetsskyddsmyndigheten.`,
    privacyContact: (contact: string) => `Frågor: ${contact}.`,
    send: 'Skicka anmälan',
    sending: 'Skickar …',
    receiptTitle: 'Tack för er anmälan',
    receiptAlreadyTitle: (company: string) => `${company} är redan anmäld`,
    receiptAlready:
      'Anmälan är oförändrad. En ny länk för att se, ändra eller återkalla den har skickats till den e-postadress som angavs när företaget anmäldes. Når ni inte den adressen, kontakta näringslivsenheten.',
    receiptMail: (email: string) =>
      `En bekräftelse med en personlig länk har skickats till ${email}. Där kan ni se, ändra eller återkalla anmälan tills anmälan stänger.`,
    honeypot: 'Lämna det här fältet tomt',
    privateTitle: 'Er anmälan',
    privateIntro: 'Här kan ni se och ändra er anmälan, eller återkalla den.',
    locked: 'Anmälan är stängd och kan inte längre ändras här. Kontakta oss om något har ändrats.',
    withdraw: 'Återkalla anmälan',
    withdrawConfirm: 'Ja, återkalla anmälan',
    withdrawn: 'Anmälan är återkallad.',
    withdrawnNote: 'Anmälan är återkallad. Ni kan anmäla er igen genom att skicka formuläret.',
    saveChanges: 'Spara ändringarna',
    changesSaved: 'Ändringarna är sparade.',
    contactChanged: (email: string) =>
      `Ändringarna är sparade. ${email} har fått ett mejl med länken, och inbjudan kommer dit. Den tidigare kontaktpersonen har fått besked om ändringen.`,
    withdrawFailed: 'Anmälan kunde inte återkallas.',
    goneSlots: (n: number) =>
      n === 1
        ? 'En av tiderna ni valde erbjuds inte längre och är borttagen ur anmälan när ni sparar.'
        : `${n} av tiderna ni valde erbjuds inte längre och är borttagna ur anmälan när ni sparar.`,
    goneTopics: (names: string) =>
      `Ämnen som inte längre finns att välja och tas bort ur anmälan när ni sparar: ${names}.`,
    goneTitle: 'Dagen har ändrats sedan ni anmälde er',
    deadLinkTitle: 'Länken fungerar inte längre',
    deadLink:
      'Länken kan ha ersatts av en nyare – använd länken i det senaste mejlet från oss – eller tagits bort när uppgifterna gallrades efter dagen. Skicka anmälan igen på anmälningssidan så får ni en ny länk till den e-postadress som angavs i anmälan. Frågor: svara på något av mejlen från oss.',
  },
};

type SprintTexts = typeof sv;

const en: SprintTexts = {
  title: 'Visit sprints',
  intro:
    'A visit sprint packs many company visits into one day. Companies register on a public page, the scheduler proposes the day and one click sends the invitations.',
  newSprint: 'New visit sprint',
  none: 'There is no visit sprint yet.',
  status: { draft: 'Draft', open: 'Open for registration', planned: 'Planned', published: 'Sent' },
  registrationsCount: (n) => (n === 1 ? '1 registration' : `${n} registrations`),
  participantsCount: (n) => (n === 1 ? '1 participant' : `${n} participants`),
  fields: {
    name: 'Name of the sprint',
    day: 'Day (YYYY-MM-DD)',
    dayColumn: 'Day',
    opensAt: 'Registration opens',
    closesAt: 'Registration closes',
    periodHint: 'Date and time, Swedish time.',
    publicText: 'Text of the public page',
    meetingLink: 'Video meeting link',
    visitLink: (name) => `Meeting link for ${name}`,
    visitLinkHint: 'Empty: the sprint’s link is used.',
    saveLink: 'Save the link',
    meetingLinkHint:
      'Used for digital visits. {id} becomes an id per visit, e.g. https://teams.example.se/visit-{id}.',
    topics: 'Topics companies can choose',
    topicsHint: 'None chosen: all of the municipality’s topics.',
    slug: 'Public address (optional)',
    slugHint: 'Only a–z, 0–9 and hyphens. Empty: a short random address.',
    slots: 'Times of the day',
    slotStart: (id) => `Time ${id}: start`,
    slotEnd: (id) => `Time ${id}: end`,
    addSlot: 'Add a time',
    removeSlot: (id) => `Remove time ${id}`,
    minTeam: 'Smallest team',
    maxTeam: 'Largest team',
    travelKmh: 'Travel: km/h',
    travelBufferMin: 'Travel: buffer in minutes',
    requireGroups: 'Every team includes',
    requireGroupsHint: 'Default: a politician, and someone from the business unit or the leadership.',
    from: 'Start from an earlier sprint',
    fromHint:
      'Its times, team rules, topics, text and meeting link are filled in below. You enter the name, day and registration period.',
    fromNone: 'None – default settings',
    fromOption: (name, day) => `${name} (${day})`,
    withRoster: 'Bring its participants',
    withRosterHint:
      'Those who are still active staff, free all day and with the same most visits. Each then sets their own times.',
  },
  groups: {
    politician: 'Politician',
    leadership: 'Leadership',
    business: 'Business unit',
    department: 'Head of department',
    other: 'Other',
  },
  create: 'Create the sprint',
  save: 'Save the settings',
  saved: 'The settings are saved.',
  openForRegistration: 'Open for registration',
  opened: 'The sprint is open for registration.',
  openUnsaved:
    'The settings have changes that are not saved. Open for registration anyway? The changes will then be lost; cancel and save them first to keep them.',
  publicAddress: 'Public registration page',
  tabs: {
    settings: 'Settings',
    roster: 'Participants',
    registrations: 'Registrations',
    board: 'The day',
    availability: 'My times',
  },
  stale: 'Someone else changed the sprint meanwhile. Reload the page and make the change again.',
  reload: 'Reload',
  roster: {
    title: 'Participants',
    intro:
      'Choose who takes part and when they can. Participants can change their own times after logging in.',
    person: 'Person',
    takesPart: (name) => `${name} takes part`,
    available: (name, slot) => `${name} can do ${slot}`,
    maxVisits: (name) => `Maximum visits for ${name}`,
    save: 'Save the participants',
    saved: 'The participants are saved.',
    caption: 'Participants and their times',
    inactive: 'no longer active',
    viewer: 'has read-only access',
    noLongerTitle: 'Participants who can no longer be scheduled',
    inactiveNote:
      'Someone no longer active stays in the sprint until you remove them, but is left out when the day is scheduled. Untick the box by their name in the table and save to remove them. Someone removed cannot be added again while they are inactive.',
    viewerNote:
      'Someone with read-only access cannot be a participant and is removed from the sprint when you save.',
  },
  mine: {
    title: 'My times',
    intro: 'Tick the times you can take visits.',
    save: 'Save my times',
    saved: 'Your times are saved.',
    notOnRoster: 'You are not part of this sprint.',
    maxVisits: 'Maximum visits (empty: no limit)',
  },
  regs: {
    title: 'Registrations',
    caption: 'Registered companies',
    company: 'Company',
    contact: 'Contact',
    mode: 'Visit',
    slots: 'Times',
    position: 'Position',
    unverified: 'not in the register',
    withdrawn: 'withdrawn',
    none: 'No registrations yet.',
    missingTitle: 'On-site visits without a position',
    missingIntro:
      'Enter latitude and longitude of the visiting address so travel times can be worked out before scheduling.',
    lat: (name) => `Latitude for ${name}`,
    lon: (name) => `Longitude for ${name}`,
    latHint: 'In decimal degrees, e.g. 58.28.',
    lonHint: 'In decimal degrees, e.g. 12.29.',
    notNumber: (label) => `${label} must be a number, e.g. 58.28.`,
    setPosition: 'Save the position',
    changePosition: 'Change position',
    changePositionFor: (name) => `for ${name}`,
    positionSaved: (name, position) => `The position of ${name} is saved: ${position}.`,
  },
  modes: { digital: 'Digital', physical: 'On site' },
  board: {
    title: 'The day',
    run: 'Schedule',
    rerun: 'Reschedule around the pinned visits',
    running: 'Scheduling …',
    noPlan: 'No plan yet. Choose participants and schedule when the registrations are in.',
    caption: 'Visits by time',
    slot: 'Time',
    visits: 'Visits',
    team: 'Team',
    topics: 'Topics covered',
    pinned: 'Pinned',
    pin: 'Pin',
    unpin: 'Unpin',
    drop: 'Remove',
    visitOf: (name) => ` the visit to ${name}`,
    move: 'Move to',
    moveOf: (name) => ` (${name})`,
    moveButton: 'Move',
    changeTeam: 'Change the team',
    teamFor: (name) => `Team for ${name}`,
    saveTeam: 'Save the team',
    leftSprint: 'no longer in the sprint',
    unscheduledTitle: 'Not in the plan',
    unscheduledCaption: 'Registrations without a visit, and why',
    reason: 'Reason',
    add: (name) => `Add ${name}`,
    addSlot: 'Time',
    addTeam: 'Team',
    addButton: 'Add the visit',
    bound: (visits, bound) =>
      `${visits} visits of at most ${bound} possible${visits >= bound ? ' – as many as there can be' : ''}.`,
    coverage: (covered, bound) =>
      `Topics the teams know: ${covered} of at most ${bound} possible${covered >= bound ? ' – the best possible' : ''}.`,
    staleRun: (what) =>
      `Since the last scheduling run, ${listOf(
        what.map((w) =>
          w === 'registrations'
            ? 'the registrations'
            : w === 'participants'
              ? 'the participants'
              : "the day's times or rules",
        ),
        'en',
      )} have changed`,
    staleBounds: (bound, coverage) => {
      const bounds = [
        bound !== null ? `at most ${bound} ${bound === 1 ? 'visit' : 'visits'}` : '',
        coverage !== null ? `at most ${coverage} ${coverage === 1 ? 'topic' : 'topics'} the teams know` : '',
      ].filter(Boolean);
      return bounds.length
        ? `The bounds are from that run (${bounds.join(', ')}) and were worked out from what was there then, so they no longer hold. The reasons why registrations got no visit may be out of date too. Schedule again for current bounds and reasons.`
        : 'The reasons why registrations got no visit may be out of date. Schedule again for current reasons.';
    },
    refused: 'The change was not saved',
    rescheduled: (r) => {
      const head = `Scheduled: ${r.visits} ${r.visits === 1 ? 'visit' : 'visits'}, ${r.unscheduled === 1 ? '1 registration' : `${r.unscheduled} registrations`} without a visit.`;
      if (!r.earlier) return head;
      const visits = (n: number) => (n === 1 ? '1 visit' : `${n} visits`);
      const parts = [
        r.moved ? `${visits(r.moved)} got a new time` : '',
        r.newTeam ? `${visits(r.newTeam)} got a new team` : '',
        r.added ? `${visits(r.added)} ${r.added === 1 ? 'was' : 'were'} added` : '',
        r.removed ? `${visits(r.removed)} ${r.removed === 1 ? 'was' : 'were'} removed` : '',
      ].filter(Boolean);
      const changes = parts.length
        ? `Compared with the last plan: ${listOf(parts, 'en')}.`
        : 'Nothing changed from the last plan.';
      const pinned =
        r.pinned === 0
          ? ''
          : r.pinned === 1
            ? ' The pinned visit stays where it was.'
            : ` The ${r.pinned} pinned visits stay where they were.`;
      return `${head} ${changes}${pinned}`;
    },
    moved: (name, slot) => `The visit to ${name} is moved to ${slot}.`,
    pinnedDone: (name) => `The visit to ${name} is pinned.`,
    unpinnedDone: (name) => `The visit to ${name} is unpinned.`,
    teamSaved: (name) => `The team for ${name} is saved.`,
    dropped: (name) => `The visit to ${name} is removed from the plan.`,
    added: (name, slot) => `The visit to ${name} is added at ${slot}.`,
    problems:
      'The plan breaks the rules since it was made. Change the visits or reschedule before sending the day.',
    publish: 'Send out the day',
    publishAgain: (n) => `Send the changes (${n})`,
    publishing: 'Sending …',
    published: (c, p, x, u) =>
      `Sent: ${c} visits to companies, ${p} participants got their visits, ${x} cancelled, ${u} told they got no visit.`,
    nothingPending: 'The day is sent and nothing has changed since.',
    dayOf: (name) => `The day of ${name}`,
  },
  day: {
    title: 'My day',
    titleOf: (name) => `The day of ${name}`,
    notPublished: 'The day has not been sent out yet.',
    draft:
      'Draft, not sent: this is the plan as it is now. The participants and the companies have not been sent it, and the participants do not see it here until the day is sent.',
    asSent:
      'The day as it was sent: what the participants and the companies have. Changes on the board not sent yet do not show here.',
    none: 'You have no visits this day.',
    contact: 'Contact',
    topics: 'Topics',
    place: 'Address',
    map: 'map',
    link: 'Meeting link',
    team: 'Team',
    travel: (min, km, to) => `Travel to ${to}: about ${min} min (${formatNumber(km, 'en')} km).`,
    print: 'Print',
    report: 'The report',
    reportOf: (company) => `The report: ${company}`,
    reportFrom: (when) => `The report can be submitted once the visit has begun, from ${when}.`,
  },
  reg: {
    closedBefore: (when) => `Registration has not opened yet. It opens ${when}.`,
    closedAfter: (when) => `Registration closed ${when}.`,
    closedPlanned: 'Registration is closed: the day is planned and the invitations have been sent.',
    openUntil: (when) => `Register by ${when}.`,
    dayLine: (day) => `The day: ${day}`,
    formTitle: 'Registration',
    orgNr: 'Organisation number',
    orgNrHint: '10 digits, e.g. 556677-8899. If the company is in our register, name and address fill in.',
    lookup: 'Look up',
    found: (name) => `Found ${name} in the register. Check the details.`,
    notFound: 'The company is not in our register. Fill in the details yourselves and it will be added.',
    companyName: 'Company name',
    contactName: 'Contact person',
    contactRole: 'Role',
    contactEmail: 'E-mail address',
    contactPhone: 'Phone',
    mode: 'How would you like to meet?',
    digital: 'Digitally (video meeting)',
    physical: 'On site at our premises',
    visitAddress: 'Visiting address',
    visitAddressHint: 'Street address, postal code and town.',
    slots: 'Times you can meet',
    slotsHint: 'Choose every time that suits you. The more, the easier the day fits together.',
    topics: 'What would you like to talk about?',
    topicsText: 'Anything else to raise (optional)',
    consent:
      'I have read the information about personal data and agree that the details are handled that way.',
    consentLegend: 'Personal data',
    consentRequired: 'Personal data: you need to agree to how personal data is handled to register.',
    privacyTitle: 'How we handle your details',
    privacy: (controller, unit, months) =>
      `${controller} (${unit}) stores the contact person’s name, role, e-mail and phone, and what you write in the registration, to plan and carry out the visit and follow it up. The legal basis is a task in the public interest (Article 6(1)(e) GDPR): the municipality’s work to promote local business. The details are kept for ${months} months and then deleted, unless the archiving rules for public records require otherwise. You have the right to know what we hold, to have errors corrected and to complain to the Swedish Authority for Privacy Protection (IMY).`,
    privacyContact: (contact) => `Questions: ${contact}.`,
    send: 'Send the registration',
    sending: 'Sending …',
    receiptTitle: 'Thank you for registering',
    receiptAlreadyTitle: (company) => `${company} is already registered`,
    receiptAlready:
      'The registration is unchanged. A new link to see, change or withdraw it has been sent to the e-mail address given when the company registered. If you cannot reach that address, contact the business unit.',
    receiptMail: (email) =>
      `A confirmation with a personal link has been sent to ${email}. There you can see, change or withdraw the registration until registration closes.`,
    honeypot: 'Leave this field empty',
    privateTitle: 'Your registration',
    privateIntro: 'Here you can see and change your registration, or withdraw it.',
    locked: 'Registration is closed and can no longer be changed here. Contact us if something has changed.',
    withdraw: 'Withdraw the registration',
    withdrawConfirm: 'Yes, withdraw the registration',
    withdrawn: 'The registration is withdrawn.',
    withdrawnNote: 'The registration is withdrawn. You can register again by sending the form.',
    saveChanges: 'Save the changes',
    changesSaved: 'The changes are saved.',
    contactChanged: (email) =>
      `The changes are saved. ${email} has been sent an e-mail with the link, and the invitation will go there. The previous contact person has been told of the change.`,
    withdrawFailed: 'The registration could not be withdrawn.',
    goneSlots: (n) =>
      n === 1
        ? 'One of the times you chose is no longer offered and is taken out of the registration when you save.'
        : `${n} of the times you chose are no longer offered and are taken out of the registration when you save.`,
    goneTopics: (names) => `Topics no longer offered, taken out of the registration when you save: ${names}.`,
    goneTitle: 'The day has changed since you registered',
    deadLinkTitle: 'The link no longer works',
    deadLink:
      'It may have been replaced by a newer one – use the link in the latest e-mail from us – or removed when the details were deleted after the day. Send the registration again on the registration page and a new link goes to the e-mail address given in the registration. Questions: reply to any of our e-mails.',
  },
};

export function useTexts(): { tx: SprintTexts; lang: 'sv' | 'en' } {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return { tx: lang === 'en' ? en : sv, lang };
}

/** "18 maj 2026 kl. 12:00" / "18 May 2026, 12:00" in Swedish time. */
export function formatInstant(iso: string, lang: 'sv' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}

/** "söndag 29 mars 2026" for a YYYY-MM-DD day. */
export function formatDay(day: string, lang: 'sv' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
}
