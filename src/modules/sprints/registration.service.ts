import type { Executor } from '../../db/database';
import { AppError, notFound, validation, type ErrorDetail } from '../../server/errors';
import { hashToken, newId, newToken } from '../../lib/ids';
import { formatOrgNr, parseOrgNr } from '../../core/orgnr';
import { findMunicipality, listTopics } from '../municipality/municipality.repository';
import type { Mailer, OutgoingMail } from '../mail/mailer';
import type { PublicSprint, RegistrationInput } from '../../contracts/sprints';
import {
  findCompanyByOrgNr,
  findRegistrationByOrgNr,
  findRegistrationByTokenHash,
  findSprintBySlug,
  findSprintRow,
  insertRegistration,
  updateRegistrationRow,
} from './sprint.repository';
import { insertUnverifiedCompany } from '../companies/company.repository';
import { formatInstantSv, parseSprint, registrationState } from './sprint.model';
import {
  alreadyRegisteredText,
  confirmationText,
  contactReplacedText,
  mailLang,
  newContactText,
  privateLink,
  sentAgainText,
} from './registration.mails';
import type { CompanyRefTable, SprintRegistrationTable, SprintTable } from './sprint.table';

export function registerAddress(
  c: Pick<CompanyRefTable, 'visit_address' | 'postal_code' | 'postal_town'>,
): string {
  // The register keeps postal codes as five digits; addresses write them "461 30".
  const code =
    c.postal_code && /^\d{5}$/.test(c.postal_code)
      ? `${c.postal_code.slice(0, 3)} ${c.postal_code.slice(3)}`
      : c.postal_code;
  const town = [code, c.postal_town].filter(Boolean).join(' ');
  return [c.visit_address, town].filter(Boolean).join(', ');
}

const norm = (s: string) =>
  s
    .toLocaleLowerCase('sv')
    .replace(/[\s,]+/g, ' ')
    .trim();

async function publicSprintRow(db: Executor, slug: string): Promise<SprintTable> {
  const row = await findSprintBySlug(db, slug);
  if (!row || row.status === 'draft') throw notFound('Anmälningssidan');
  return row;
}

export async function toPublicSprint(db: Executor, row: SprintTable, now: Date): Promise<PublicSprint> {
  const s = parseSprint(row);
  const m = await findMunicipality(db);
  const all = await listTopics(db, row.municipality_id);
  const offered = s.topics.length ? all.filter((t) => s.topics.includes(t.slug)) : all;
  return {
    name: row.name,
    slug: row.slug,
    day: row.day,
    slots: s.slots,
    topics: offered.map((t) => ({ slug: t.slug, labelSv: t.labelSv, labelEn: t.labelEn })),
    publicText: row.public_text,
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    state: registrationState(row, now),
    planned: row.status === 'published',
    privacy: {
      controller: m?.name ?? '',
      unit: m?.settings.unitName ?? '',
      retentionMonths: m?.settings.retentionMonths ?? 36,
      contact: m?.settings.replyTo ?? '',
    },
  };
}

export async function getPublicSprint(db: Executor, slug: string, now: Date): Promise<PublicSprint> {
  return toPublicSprint(db, await publicSprintRow(db, slug), now);
}

/**
 * Prefill for the public form: the name and visiting address of a company in the register, and
 * nothing else. A personal identity number (a sole trader) is never looked up: its address is a
 * person's home.
 */
export async function lookupCompany(
  db: Executor,
  slug: string,
  orgNrInput: string,
): Promise<{ orgNr: string; name: string; visitAddress: string }> {
  await publicSprintRow(db, slug);
  const parsed = parseOrgNr(orgNrInput);
  if (!parsed.ok) throw validation([{ path: 'orgNr', message: parsed.message }]);
  const c = parsed.personal ? undefined : await findCompanyByOrgNr(db, parsed.orgNr);
  if (!c) throw notFound('Företaget i registret');
  return { orgNr: formatOrgNr(c.org_nr), name: c.name, visitAddress: registerAddress(c) };
}

function closedError(row: SprintTable, now: Date): AppError {
  const state = registrationState(row, now);
  return new AppError(
    'CLOSED',
    state === 'before'
      ? `Anmälan har inte öppnat än. Den öppnar ${formatInstantSv(row.registration_opens_at)}.`
      : row.status === 'published' && now.getTime() < Date.parse(row.registration_closes_at)
        ? 'Anmälan är stängd: dagen är planerad och inbjudningarna är skickade.'
        : `Anmälan stängde ${formatInstantSv(row.registration_closes_at)}.`,
  );
}

async function checkInput(
  db: Executor,
  row: SprintTable,
  input: RegistrationInput,
): Promise<{ orgNr: string; personal: boolean }> {
  const details: ErrorDetail[] = [];
  const parsed = parseOrgNr(input.orgNr);
  if (!parsed.ok) details.push({ path: 'orgNr', message: parsed.message });
  const s = parseSprint(row);
  const slotIds = new Set(s.slots.map((x) => x.id));
  const badSlots = input.slots.filter((x) => !slotIds.has(x));
  if (badSlots.length) details.push({ path: 'slots', message: `okänd tid: ${badSlots.join(', ')}` });
  const offered = new Set(
    (await listTopics(db, row.municipality_id))
      .map((t) => t.slug)
      .filter((t) => !s.topics.length || s.topics.includes(t)),
  );
  const badTopics = input.topics.filter((t) => !offered.has(t));
  if (badTopics.length) details.push({ path: 'topics', message: `okänt ämne: ${badTopics.join(', ')}` });
  if (details.length) throw validation(details);
  const ok = parsed as { orgNr: string; personal: boolean };
  return { orgNr: ok.orgNr, personal: ok.personal };
}

export interface Receipt {
  /** The company was registered already: nothing was changed, its contact was sent a new link. */
  alreadyRegistered: boolean;
  companyName: string;
  contactEmail: string;
  message: string;
}

/**
 * A company registers on the public page. A confirmation e-mail carries a private link to see,
 * change or withdraw the registration until registration closes.
 *
 * The same organisation number again does not add a second registration, nor change the first:
 * anyone can type a company's number, so only the private link changes a registration. Its
 * contact is sent a new link instead (the old one stops working), and the address the form was
 * sent from, if another, is told where the link went. A withdrawn registration is registered anew.
 */
export async function register(
  db: Executor,
  mailer: Mailer,
  publicUrl: string,
  slug: string,
  input: RegistrationInput,
  now: Date,
): Promise<Receipt> {
  const row = await publicSprintRow(db, slug);
  if (registrationState(row, now) !== 'open') throw closedError(row, now);
  const { orgNr, personal } = await checkInput(db, row, input);
  const receipt = (alreadyRegistered: boolean): Receipt => ({
    alreadyRegistered,
    companyName: input.companyName,
    contactEmail: input.contactEmail,
    message: alreadyRegistered
      ? `${input.companyName} var redan anmäld. Anmälan är oförändrad; en länk för att se och ändra den har skickats till den e-postadress som angavs i anmälan.`
      : `Tack! ${input.companyName} är anmäld.`,
  });
  // A bot that fills the hidden field gets the same answer, and nothing is stored or sent.
  if (input.website) return receipt(false);

  let company = await findCompanyByOrgNr(db, orgNr);
  if (!company) {
    const id = newId();
    await insertUnverifiedCompany(
      db,
      {
        id,
        orgNr,
        personal,
        name: input.companyName,
        visitAddress: input.visitAddress,
        email: input.contactEmail,
        phone: input.contactPhone,
      },
      now,
    );
    company = (await findCompanyByOrgNr(db, orgNr))!;
  }
  const position = positionFor(company, input);
  const token = newToken();
  const fields = {
    company_id: company.id,
    company_name: input.companyName,
    contact_name: input.contactName,
    contact_role: input.contactRole,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone,
    mode: input.mode,
    visit_address: input.mode === 'physical' ? input.visitAddress : '',
    slots: JSON.stringify([...new Set(input.slots)]),
    topics: JSON.stringify([...new Set(input.topics)]),
    topics_text: input.topicsText,
    lang: input.lang,
    consent_at: now.toISOString(),
    token_hash: hashToken(token),
    withdrawn_at: null,
    updated_at: now.toISOString(),
  };
  let existing = await findRegistrationByOrgNr(db, row.id, orgNr);
  if (!existing) {
    const id = newId();
    const added = await insertRegistration(db, {
      id,
      sprint_id: row.id,
      org_nr: orgNr,
      meeting_link: '',
      created_at: now.toISOString(),
      ...fields,
      ...position,
    });
    if (added) {
      await mailer.enqueue(db, confirmationMail(row, input, token, publicUrl, company.id, id));
      return receipt(false);
    }
    // The same form sent twice at once (a double click): the other request added it.
    existing = (await findRegistrationByOrgNr(db, row.id, orgNr))!;
  }
  if (existing.withdrawn_at === null && sameSendAgain(existing, fields, now)) {
    // A double click, or a send retried after its answer was lost: answered as the first send was,
    // and the link in its confirmation keeps working.
    return receipt(false);
  }
  if (existing.withdrawn_at === null) {
    // Left as it is; its own contact gets a working link (the token is not the content: the
    // board's "changed since you looked" does not move).
    await updateRegistrationRow(db, existing.id, { token_hash: hashToken(token) });
    for (const mail of alreadyRegisteredMails(row, existing, input, token, publicUrl, company.id))
      await mailer.enqueue(db, { ...mail, registrationId: existing.id });
    return receipt(true);
  }
  const keepAdminPosition =
    existing.position_source === 'admin' && norm(existing.visit_address) === norm(fields.visit_address);
  await updateRegistrationRow(db, existing.id, { ...fields, ...(keepAdminPosition ? {} : position) });
  await mailer.enqueue(db, confirmationMail(row, input, token, publicUrl, company.id, existing.id));
  return receipt(false);
}

/** How long after a send the same form again is taken for that send repeated (a double click, a retry). */
const REPEAT_WINDOW_MS = 2 * 60_000;

/**
 * The registration was made or changed a moment ago with exactly what this send holds, from the
 * same address: the same send again, not someone who needs a new link.
 */
function sameSendAgain(
  reg: SprintRegistrationTable,
  fields: Pick<
    SprintRegistrationTable,
    | 'company_name'
    | 'contact_name'
    | 'contact_role'
    | 'contact_email'
    | 'contact_phone'
    | 'mode'
    | 'visit_address'
    | 'slots'
    | 'topics'
    | 'topics_text'
  >,
  now: Date,
): boolean {
  const age = now.getTime() - Date.parse(reg.updated_at);
  if (!(age >= 0 && age < REPEAT_WINDOW_MS)) return false;
  const set = (json: string) => JSON.stringify([...(JSON.parse(json) as string[])].sort());
  return (
    reg.company_name === fields.company_name &&
    reg.contact_name === fields.contact_name &&
    reg.contact_role === fields.contact_role &&
    norm(reg.contact_email) === norm(fields.contact_email) &&
    reg.contact_phone === fields.contact_phone &&
    reg.mode === fields.mode &&
    reg.visit_address === fields.visit_address &&
    set(reg.slots) === set(fields.slots) &&
    set(reg.topics) === set(fields.topics) &&
    reg.topics_text === fields.topics_text
  );
}

/**
 * The form sent again for a company registered already: a new private link to the registration's
 * own contact; to the address the form came from, if another, where the link went.
 */
function alreadyRegisteredMails(
  row: SprintTable,
  reg: SprintRegistrationTable,
  input: RegistrationInput,
  token: string,
  publicUrl: string,
  companyId: string,
): OutgoingMail[] {
  const related = { type: 'company', id: companyId };
  const sprint = sprintOf(row);
  const mails: OutgoingMail[] = [
    {
      to: reg.contact_email,
      ...sentAgainText(mailLang(reg.lang), {
        sprint,
        contactName: reg.contact_name,
        companyName: reg.company_name,
        link: privateLink(publicUrl, token),
      }),
      related,
    },
  ];
  if (norm(input.contactEmail) !== norm(reg.contact_email)) {
    mails.push({
      to: input.contactEmail,
      ...alreadyRegisteredText(mailLang(input.lang), {
        sprint,
        contactName: input.contactName,
        companyName: input.companyName,
      }),
      related,
    });
  }
  return mails;
}

/**
 * The contact person changed through the private link: the new one gets the link (the invitation
 * will come to them), and the one before is told where it went — a link that reached the wrong
 * hands cannot quietly send the invitations elsewhere.
 */
function contactChangedMails(
  row: SprintTable,
  reg: SprintRegistrationTable,
  input: RegistrationInput,
  token: string,
  publicUrl: string,
  companyId: string,
): OutgoingMail[] {
  const related = { type: 'company', id: companyId };
  const sprint = sprintOf(row);
  return [
    {
      to: input.contactEmail,
      ...newContactText(mailLang(input.lang), {
        sprint,
        contactName: input.contactName,
        companyName: input.companyName,
        link: privateLink(publicUrl, token),
      }),
      related,
    },
    {
      to: reg.contact_email,
      ...contactReplacedText(mailLang(reg.lang), {
        sprint,
        contactName: reg.contact_name,
        companyName: reg.company_name,
        newName: input.contactName,
        newEmail: input.contactEmail,
      }),
      related,
    },
  ];
}

const sprintOf = (row: SprintTable) => ({
  name: row.name,
  day: row.day,
  closesAt: row.registration_closes_at,
});

function positionFor(
  company: CompanyRefTable,
  input: { mode: string; visitAddress: string },
): Pick<SprintRegistrationTable, 'lat' | 'lon' | 'position_source'> {
  if (
    input.mode === 'physical' &&
    company.lat !== null &&
    company.lon !== null &&
    norm(registerAddress(company)) === norm(input.visitAddress)
  ) {
    return { lat: Number(company.lat), lon: Number(company.lon), position_source: 'register' };
  }
  return { lat: null, lon: null, position_source: null };
}

function confirmationMail(
  row: SprintTable,
  input: RegistrationInput,
  token: string,
  publicUrl: string,
  companyId: string,
  registrationId: string,
): OutgoingMail {
  const s = parseSprint(row);
  const slots = s.slots.filter((x) => input.slots.includes(x.id)).map((x) => `${x.start}–${x.end}`);
  return {
    to: input.contactEmail,
    ...confirmationText(mailLang(input.lang), {
      sprint: sprintOf(row),
      contactName: input.contactName,
      companyName: input.companyName,
      mode: input.mode,
      visitAddress: input.visitAddress,
      slots,
      link: privateLink(publicUrl, token),
    }),
    // Shown in the company's history; a reply goes to the unit's mailbox (mailer.ts).
    related: { type: 'company', id: companyId },
    registrationId,
  };
}

async function byToken(
  db: Executor,
  token: string,
): Promise<{ reg: SprintRegistrationTable; row: SprintTable }> {
  if (!token || token.length > 100) throw notFound('Anmälan');
  const reg = await findRegistrationByTokenHash(db, hashToken(token));
  if (!reg) throw notFound('Anmälan');
  const row = (await findSprintRow(db, reg.sprint_id))!;
  return { reg, row };
}

/**
 * What a registration chose that its sprint no longer offers (an admin took a time or a topic away
 * after it was made): the form cannot show them, so they are left out of what it is given, and the
 * company is told.
 */
async function noLongerOffered(db: Executor, row: SprintTable, reg: SprintRegistrationTable) {
  const s = parseSprint(row);
  const slotIds = new Set(s.slots.map((x) => x.id));
  const all = await listTopics(db, row.municipality_id);
  const offered = new Set(all.map((t) => t.slug).filter((t) => !s.topics.length || s.topics.includes(t)));
  const slots = (JSON.parse(reg.slots) as string[]).filter((x) => !slotIds.has(x));
  const topics = (JSON.parse(reg.topics) as string[]).filter((t) => !offered.has(t));
  return { slots, topics, all };
}

export async function getPrivateRegistration(db: Executor, token: string, now: Date) {
  const { reg, row } = await byToken(db, token);
  const gone = await noLongerOffered(db, row, reg);
  return {
    sprint: await toPublicSprint(db, row, now),
    registration: {
      orgNr: formatOrgNr(reg.org_nr),
      companyName: reg.company_name,
      contactName: reg.contact_name,
      contactRole: reg.contact_role,
      contactEmail: reg.contact_email,
      contactPhone: reg.contact_phone,
      mode: reg.mode as 'digital' | 'physical',
      visitAddress: reg.visit_address,
      slots: (JSON.parse(reg.slots) as string[]).filter((x) => !gone.slots.includes(x)),
      topics: (JSON.parse(reg.topics) as string[]).filter((t) => !gone.topics.includes(t)),
      topicsText: reg.topics_text,
      withdrawn: reg.withdrawn_at !== null,
      editable: registrationState(row, now) === 'open',
      noLongerOffered: {
        slots: gone.slots.length,
        topics: gone.topics.map((slug) => {
          const t = gone.all.find((x) => x.slug === slug);
          return { slug, labelSv: t?.labelSv ?? slug, labelEn: t?.labelEn ?? slug };
        }),
      },
    },
  };
}

export async function updatePrivateRegistration(
  db: Executor,
  mailer: Mailer,
  publicUrl: string,
  token: string,
  sent: RegistrationInput,
  now: Date,
): Promise<Receipt> {
  const { reg, row } = await byToken(db, token);
  if (registrationState(row, now) !== 'open') throw closedError(row, now);
  // Times and topics it had that are no longer offered are let go, not refused: the company
  // cannot untick what its form no longer shows.
  const gone = await noLongerOffered(db, row, reg);
  const input = {
    ...sent,
    slots: sent.slots.filter((x) => !gone.slots.includes(x)),
    topics: sent.topics.filter((t) => !gone.topics.includes(t)),
  };
  if (input.slots.length === 0) throw validation([{ path: 'slots', message: 'välj minst en tid' }]);
  const { orgNr } = await checkInput(db, row, input);
  if (orgNr !== reg.org_nr) {
    throw validation([
      {
        path: 'orgNr',
        message: 'organisationsnumret kan inte ändras; gör en ny anmälan för ett annat företag',
      },
    ]);
  }
  const company = (await findCompanyByOrgNr(db, orgNr))!;
  const sameAddress = norm(reg.visit_address) === norm(input.visitAddress);
  await updateRegistrationRow(db, reg.id, {
    company_name: input.companyName,
    contact_name: input.contactName,
    contact_role: input.contactRole,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone,
    mode: input.mode,
    visit_address: input.mode === 'physical' ? input.visitAddress : '',
    slots: JSON.stringify([...new Set(input.slots)]),
    topics: JSON.stringify([...new Set(input.topics)]),
    topics_text: input.topicsText,
    lang: input.lang,
    consent_at: now.toISOString(),
    withdrawn_at: null,
    updated_at: now.toISOString(),
    ...(sameAddress && reg.lat !== null ? {} : positionFor(company, input)),
  });
  if (norm(input.contactEmail) !== norm(reg.contact_email)) {
    for (const mail of contactChangedMails(row, reg, input, token, publicUrl, company.id))
      await mailer.enqueue(db, { ...mail, registrationId: reg.id });
  }
  return {
    alreadyRegistered: false,
    companyName: input.companyName,
    contactEmail: input.contactEmail,
    message: 'Anmälan är uppdaterad.',
  };
}

export async function withdrawPrivateRegistration(db: Executor, token: string, now: Date): Promise<void> {
  const { reg, row } = await byToken(db, token);
  if (registrationState(row, now) !== 'open') throw closedError(row, now);
  await updateRegistrationRow(db, reg.id, { withdrawn_at: now.toISOString(), updated_at: now.toISOString() });
}
