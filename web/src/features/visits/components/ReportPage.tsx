import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { SaveReportBody, VISIT_LIMITS } from '@contracts/visits';
import { LIMITS } from '@contracts/common';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Choice, ChoiceGroup, Field } from '../../../components/Field';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { ApiError } from '../../../lib/api';
import {
  fieldId,
  NO_ERRORS,
  serverErrors,
  summaryItems,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import { meQueryKey, useMe } from '../../../lib/session';
import { getReport, reportKey, saveReport, submitReport, useReport, type Report } from '../api/report';
import { useTopicOptions, type TopicOption } from '../api/lookups';
import { useVisit, visitsKey } from '../api/visits';
import { fmtDateTime, fmtTime, useTexts } from '../texts';
import {
  clearLocal,
  combinable,
  combine,
  conflictFields,
  draftOf,
  outgoing,
  readLocal,
  rebase,
  sameDraft,
  toBody,
  writeLocal,
  type Conflicts,
  type DraftField,
  type ReportDraft,
} from './report-merge';
import './visits.css';

const FORM = 'report';
/** "Lägg till en person": where focus goes when the last person in the list is removed. */
const ADD_PERSON_ID = 'report-add-person';
const AUTOSAVE_MS = 1200;
const RETRY_MS = 5000;

type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'local' | 'error' | 'signedOut';

/** The visit report, written on a phone as easily as on a desktop. /besok/:id/rapport */
export default function ReportPage() {
  const { id = '' } = useParams();
  const { tx } = useTexts();
  const me = useMe();
  const visit = useVisit(id);
  const report = useReport(id);
  const topics = useTopicOptions();
  if (visit.isError || report.isError) {
    return (
      <>
        <PageHeading>{tx.visit.report}</PageHeading>
        <QueryError error={visit.error ?? report.error} />
      </>
    );
  }
  if (!me.data || !visit.data || !report.data || !report.isFetchedAfterMount || !topics.data) {
    return (
      <>
        <PageHeading>{tx.common.loading}</PageHeading>
        <Spinner />
      </>
    );
  }
  // A cancelled visit has no report to write: reached by its address (a bookmark, the day's list
  // from before), or cancelled while it was written (a save refused, the visit read again), the
  // page says so in words rather than offer a form whose saves the server refuses.
  if (visit.data.status === 'cancelled') {
    return (
      <>
        <p className="back-link">
          <Link to={`/besok/${id}`}>← {tx.report.back}</Link>
        </p>
        <PageHeading>{tx.report.title(visit.data.company.name)}</PageHeading>
        <Alert tone="warning" live={false}>
          {tx.report.cancelled}
        </Alert>
      </>
    );
  }
  return (
    <ReportForm
      key={`${me.data.id}.${id}`}
      visitId={id}
      userId={me.data.id}
      company={visit.data.company.name}
      startsAt={visit.data.startsAt}
      initial={report.data}
      topics={topics.data}
    />
  );
}

function ReportForm({
  visitId,
  userId,
  company,
  startsAt,
  initial,
  topics,
}: {
  visitId: string;
  userId: string;
  company: string;
  startsAt: string;
  initial: Report;
  topics: TopicOption[];
}) {
  const { tx, lang } = useTexts();
  const { t } = useTranslation();
  const qc = useQueryClient();

  // What the server last confirmed, what is being written on top of it, and the fields two
  // people changed differently (shown twice, held back from saving until the writer chooses).
  const [server, setServer] = useState<Report>(initial);
  const [draft, setDraft] = useState<ReportDraft>(() => draftOf(initial));
  const [conflicts, setConflicts] = useState<Conflicts>({});
  const [state, setState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(initial.updatedAt ? new Date(initial.updatedAt) : null);
  const [notice, setNotice] = useState<{ tone: 'info' | 'warning'; text: string } | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  /** The server answered 401: said until a save goes through again (a log-in in another tab). */
  const [signedOut, setSignedOut] = useState(false);

  const draftRef = useRef(draft);
  const serverRef = useRef(server);
  const conflictsRef = useRef(conflicts);
  /** The body of this form's latest save, to know our own save when its answer was lost. */
  const lastSent = useRef<ReportDraft | null>(null);
  /** After a first submit the form shows every error as it changes, not only what autosave holds back. */
  const triedSubmit = useRef(false);
  const tail = useRef<Promise<unknown>>(Promise.resolve());
  const queuedSave = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  draftRef.current = draft;
  serverRef.current = server;
  conflictsRef.current = conflicts;
  const canEdit = initial.canEdit;

  const labels: Record<string, string> = {
    companyParticipants: tx.report.people,
    ...Object.fromEntries(
      draft.companyParticipants.flatMap((_, i) => [
        [`companyParticipants.${i}.name`, `${tx.report.person(i + 1)}: ${tx.report.personName}`],
        [`companyParticipants.${i}.role`, `${tx.report.person(i + 1)}: ${tx.report.personRole}`],
        [`companyParticipants.${i}.email`, `${tx.report.person(i + 1)}: ${tx.report.personEmail}`],
      ]),
    ),
    topics: tx.report.topics,
    climateGrade: tx.report.climate,
    serviceGrade: tx.report.service,
    serviceText: tx.report.serviceText,
    notes: tx.report.notes,
  };
  const labelsRef = useRef(labels);
  labelsRef.current = labels;

  const remember = useCallback(
    (d: ReportDraft, base: Report, open: Conflicts) =>
      writeLocal(visitId, userId, {
        draft: d,
        base: draftOf(base),
        baseVersion: base.version,
        conflicts: open,
        at: new Date().toISOString(),
      }),
    [visitId, userId],
  );

  const accept = useCallback(
    (r: Report) => {
      serverRef.current = r;
      setServer(r);
      qc.setQueryData(reportKey(visitId), r);
    },
    [qc, visitId],
  );

  /**
   * What is wrong with the draft, beside its fields. Autosave shows only what it had to hold back
   * and the writer can act on now; a person still being filled in, and a choice between two
   * versions, are asked for by the submit (and from then on as they change).
   */
  const formErrors = useCallback(
    (full: boolean): FormErrors => {
      const v = validate(SaveReportBody, toBody(draftRef.current, 0), labelsRef.current, t);
      const fields = v.ok
        ? {}
        : Object.fromEntries(
            Object.entries(v.errors.fields).filter(([k]) => full || !k.startsWith('companyParticipants.')),
          );
      const open = conflictFields(conflictsRef.current);
      const choose =
        full && open.length
          ? tx.report.conflict.choose(open.map((k) => tx.report.fieldNames[k] ?? k).join(', '))
          : null;
      const other = v.ok ? null : v.errors.form;
      const form =
        other && choose ? (
          <>
            {other} {choose}
          </>
        ) : (
          (other ?? choose)
        );
      return { fields, form };
    },
    [t, tx],
  );

  /**
   * Takes in a newer copy from the server: merges what is being written onto it, keeps fields
   * both changed in conflict, and says who changed what (never naming the writer as someone
   * else: a copy they saved themselves, in another window, says so).
   */
  const takeIn = useCallback(
    (base: ReportDraft, fresh: Report, kind: 'save' | 'submit' | 'open') => {
      const r = rebase(base, draftRef.current, conflictsRef.current, draftOf(fresh), fresh.updatedBy);
      accept(fresh);
      draftRef.current = r.draft;
      conflictsRef.current = r.conflicts;
      setDraft(r.draft);
      setConflicts(r.conflicts);
      remember(r.draft, fresh, r.conflicts);
      const own = fresh.updatedBy?.id === userId;
      const who = own ? tx.report.yourself : (fresh.updatedBy?.name ?? tx.report.someone);
      const names = (ks: DraftField[]) => ks.map((k) => tx.report.fieldNames[k] ?? k).join(', ');
      if (r.added.length) {
        const text = own
          ? tx.report.ownConflict(names(r.added))
          : tx.report.staleConflict(who, names(r.added));
        setNotice({ tone: 'warning', text });
      } else if (kind === 'submit') {
        setNotice({ tone: 'warning', text: tx.report.staleSubmit(who, names(r.changed)) });
      } else if (kind === 'save' && !own && r.changed.length) {
        setNotice({ tone: 'info', text: tx.report.stale(who) });
      }
    },
    [accept, remember, tx, userId],
  );

  /**
   * A save or submit refused for the visit's sake (409: cancelled meanwhile, say): the visit is
   * read again, and a cancelled one's page says so in place of the form.
   */
  const refusedByVisit = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 409)
        void qc.invalidateQueries({ queryKey: [...visitsKey, 'one', visitId] });
    },
    [qc, visitId],
  );

  /** After a save (or nothing to save): true when the server has everything typed so far. */
  const settle = useCallback(
    (sent: ReportDraft, held: boolean): boolean => {
      const complete = !held && sameDraft(draftRef.current, sent);
      if (complete) clearLocal(visitId, userId);
      else remember(draftRef.current, serverRef.current, conflictsRef.current);
      setErrors(formErrors(triedSubmit.current));
      setState('saved');
      return complete;
    },
    [visitId, userId, remember, formErrors],
  );

  /** Sends what is ready of the draft, on the version the server last gave this form. */
  const send = useCallback(async (): Promise<boolean> => {
    const sent = draftRef.current;
    const base = serverRef.current;
    const { body, held } = outgoing(sent, draftOf(base), conflictsRef.current);
    if (base.version > 0 && sameDraft(body, draftOf(base))) return settle(sent, held);
    setState('saving');
    lastSent.current = body;
    try {
      const saved = await saveReport(visitId, toBody(body, base.version));
      accept(saved);
      setSignedOut(false);
      setSavedAt(new Date(saved.updatedAt ?? Date.now()));
      if (!sameDraft(draftRef.current, sent)) {
        remember(draftRef.current, saved, conflictsRef.current);
        setState('pending');
        return false;
      }
      return settle(sent, held);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'STALE') {
        // Someone saved in between: fetch their copy and merge ours onto it.
        const fresh = await getReport(visitId).catch(() => null);
        if (!fresh) {
          setState('local');
          return false;
        }
        // Our own save whose answer was lost on the way is what we wrote on, not another's change.
        const ownLost =
          fresh.updatedBy?.id === userId && lastSent.current && sameDraft(draftOf(fresh), lastSent.current);
        takeIn(ownLost ? draftOf(fresh) : draftOf(base), fresh, 'save');
        return send();
      }
      if (err instanceof ApiError && err.status === 401) {
        setSignedOut(true);
        setState('signedOut');
        return false;
      }
      if (err instanceof ApiError && err.status === 0) {
        setState('local');
        return false;
      }
      refusedByVisit(err);
      setErrors(serverErrors(err, labelsRef.current, t));
      setState('error');
      return false;
    }
  }, [visitId, userId, accept, remember, settle, takeIn, refusedByVisit, t]);

  /**
   * One request at a time, each on the version the one before it got back (two saves at once
   * would refuse each other as stale). A save asked for while one waits to start is that save:
   * it sends whatever is typed when its turn comes.
   */
  const serial = useCallback(<T,>(job: () => Promise<T>): Promise<T> => {
    const run = tail.current.then(job);
    tail.current = run.catch(() => undefined);
    return run;
  }, []);

  /** Saves the draft; true when the server has everything typed so far. */
  const save = useCallback((): Promise<boolean> => {
    queuedSave.current ??= serial(() => {
      queuedSave.current = null;
      return send();
    });
    return queuedSave.current;
  }, [serial, send]);

  const schedule = useCallback(
    (ms = AUTOSAVE_MS) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void save(), ms);
    },
    [save],
  );

  // A draft this person left on this phone (a dropped connection, a closed tab, an ended
  // session) is picked up, merged with what the server has now, and sent.
  useEffect(() => {
    const local = readLocal(visitId, userId);
    if (!local || !canEdit) return;
    const open = local.conflicts ?? {};
    if (sameDraft(local.draft, draftOf(initial)) && !conflictFields(open).length) {
      clearLocal(visitId, userId);
      return;
    }
    draftRef.current = local.draft;
    conflictsRef.current = open;
    takeIn(local.base, initial, 'open');
    setState('local');
    schedule(0);
    // Once, when the form opens.
  }, []);

  // Offline: retry now and then, and as soon as the browser says it is back online.
  useEffect(() => {
    if (state !== 'local') return;
    const retry = window.setTimeout(() => void save(), RETRY_MS);
    const online = () => void save();
    window.addEventListener('online', online);
    return () => {
      window.clearTimeout(retry);
      window.removeEventListener('online', online);
    };
  }, [state, save]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const change = (next: ReportDraft, open: Conflicts = conflictsRef.current) => {
    draftRef.current = next;
    conflictsRef.current = open;
    setDraft(next);
    setConflicts(open);
    remember(next, serverRef.current, open);
    if (triedSubmit.current) setErrors(formErrors(true));
    setState('pending');
    schedule();
  };
  const set = <K extends keyof ReportDraft>(k: K, v: ReportDraft[K]) =>
    change({ ...draftRef.current, [k]: v });

  /** The writer's choice between two versions of a field; the field is saved again from here on. */
  const resolve = (k: DraftField, how: 'theirs' | 'both' | 'mine') => {
    const c = conflictsRef.current[k];
    if (!c) return;
    const theirs = { ...draftRef.current, [k]: c.theirs };
    const next =
      how === 'theirs' ? theirs : how === 'both' ? combine(k, draftRef.current, theirs) : draftRef.current;
    const open = { ...conflictsRef.current };
    delete open[k];
    change(next, open);
    // The panel with the pressed button goes: the field it was about takes the focus.
    window.setTimeout(() => document.getElementById(fid(k))?.focus(), 0);
  };

  const onSubmit = async () => {
    setSubmitting(true);
    setSubmits((n) => n + 1);
    triedSubmit.current = true;
    try {
      window.clearTimeout(timer.current);
      const problems = formErrors(true);
      setErrors(problems);
      if (problems.form || Object.keys(problems.fields).length) return;
      if (!(await save())) return;
      await serial(async () => {
        try {
          const done = await submitReport(visitId, serverRef.current.version);
          accept(done);
          await qc.invalidateQueries({ queryKey: ['visits'], refetchType: 'none' });
          setNotice({ tone: 'info', text: tx.report.submitted });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'STALE') {
            // Someone saved after our last save: take their version in, say what it changed, and
            // let the writer look before submitting again.
            const fresh = await getReport(visitId).catch(() => null);
            if (fresh) {
              takeIn(draftOf(serverRef.current), fresh, 'submit');
              schedule(0);
              return;
            }
          }
          if (err instanceof ApiError && err.status === 401) {
            setSignedOut(true);
            setState('signedOut');
            return;
          }
          refusedByVisit(err);
          setErrors(serverErrors(err, labelsRef.current, t));
        }
      });
    } finally {
      setSubmitting(false);
    }
  };

  const err = (k: string) => errors.fields[k];
  const fid = (k: string) => fieldId(FORM, k);
  const chosen = new Set(draft.topics.map((x) => x.topicId));
  const offered = topics.filter((tp) => tp.active || chosen.has(tp.id));
  const topicLabel = (tp: TopicOption) => (lang === 'en' ? tp.labelEn : tp.labelSv);
  const topicName = (id: string) => {
    const tp = topics.find((x) => x.id === id);
    return tp ? topicLabel(tp) : id;
  };
  const disabled = !canEdit;
  const { heldRows, held } = outgoing(draft, draftOf(server), conflicts);

  /** The other version of field `k` beside the writer's own, and the three ways to settle it. */
  const conflictPanel = (k: DraftField, shown: (d: ReportDraft) => ReactNode) => {
    const c = conflicts[k];
    if (!c) return null;
    const name = tx.report.fieldNames[k] ?? k;
    const x = tx.report.conflict;
    return (
      <div className="report-conflict" role="group" aria-label={x.group(name)}>
        <p className="report-conflict__who">
          {c.by?.id === userId ? x.yours : x.theirs(c.by?.name ?? tx.report.someone)}
        </p>
        <div className="report-conflict__theirs">{shown({ ...draft, [k]: c.theirs })}</div>
        <p className="report-conflict__held">{x.held}</p>
        <div className="report-conflict__actions">
          <Button variant="secondary" className="btn--small" onClick={() => resolve(k, 'theirs')}>
            {x.useTheirs}
          </Button>
          {combinable(k) ? (
            <Button variant="secondary" className="btn--small" onClick={() => resolve(k, 'both')}>
              {x.combine}
            </Button>
          ) : null}
          <Button variant="secondary" className="btn--small" onClick={() => resolve(k, 'mine')}>
            {x.keepMine}
          </Button>
        </div>
      </div>
    );
  };
  const text = (s: string) => <p className="report-conflict__text">{s || tx.report.conflict.empty}</p>;
  const grade = (g: number | null) => <p className="report-conflict__text">{g ?? tx.report.noGrade}</p>;
  const list = (items: ReactNode[]) =>
    items.length ? <ul className="report-conflict__list">{items}</ul> : text('');
  // The server refuses a submit before the visit has begun (submitting marks the visit held).
  const submitLater = server.status !== 'submitted' && Date.parse(startsAt) > Date.now();

  return (
    <div className="report-page">
      <p className="back-link">
        <Link to={`/besok/${visitId}`}>← {tx.report.back}</Link>
      </p>
      <PageHeading>{tx.report.title(company)}</PageHeading>
      <p className="page-intro">
        {fmtDateTime(startsAt, lang)}. {canEdit ? tx.report.intro : null}
      </p>
      {!canEdit ? (
        <Alert tone="info" live={false}>
          {tx.report.readOnly}
        </Alert>
      ) : null}
      {canEdit ? (
        <SaveIndicator
          state={state}
          savedAt={savedAt}
          partial={held}
          lang={lang}
          onRetry={() => void save()}
        />
      ) : null}
      {signedOut ? (
        <Alert tone="warning" title={tx.report.session.title}>
          <p>{tx.report.session.body}</p>
          <p>
            <Link
              to="/logga-in"
              state={{ from: `/besok/${visitId}/rapport`, reason: 'required' }}
              // The app still thinks someone is signed in; the log-in page would send them straight back.
              onClick={() => qc.setQueryData(meQueryKey, null)}
            >
              {tx.report.session.login}
            </Link>
          </p>
        </Alert>
      ) : null}
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {server.status === 'submitted' && server.submittedAt ? (
        <p className="badge badge--done">{tx.report.submittedAt(fmtDateTime(server.submittedAt, lang))}</p>
      ) : null}
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      <form className="form report-form" noValidate onSubmit={(e) => e.preventDefault()}>
        <fieldset
          className="field report-people"
          disabled={disabled}
          id={fid('companyParticipants')}
          tabIndex={-1}
        >
          <legend className="field__label">{tx.report.people}</legend>
          <p className="field__hint">{tx.report.peopleHint}</p>
          {draft.companyParticipants.map((p, i) => (
            <div className="report-person" key={i} role="group" aria-label={tx.report.person(i + 1)}>
              {heldRows.includes(i) ? (
                <p className="report-person__held">
                  {p.name.trim() ? tx.report.personInvalid : tx.report.personNeedsName}
                </p>
              ) : null}
              <Field
                id={fid(`companyParticipants.${i}.name`)}
                label={tx.report.personName}
                required
                error={err(`companyParticipants.${i}.name`)}
              >
                {(c) => (
                  <input
                    {...c}
                    type="text"
                    autoComplete="off"
                    maxLength={LIMITS.name}
                    value={p.name}
                    onChange={(e) =>
                      set(
                        'companyParticipants',
                        replaceAt(draft.companyParticipants, i, { ...p, name: e.target.value }),
                      )
                    }
                  />
                )}
              </Field>
              <Field
                id={fid(`companyParticipants.${i}.role`)}
                label={tx.report.personRole}
                error={err(`companyParticipants.${i}.role`)}
              >
                {(c) => (
                  <input
                    {...c}
                    type="text"
                    autoComplete="off"
                    maxLength={LIMITS.shortText}
                    value={p.role}
                    onChange={(e) =>
                      set(
                        'companyParticipants',
                        replaceAt(draft.companyParticipants, i, { ...p, role: e.target.value }),
                      )
                    }
                  />
                )}
              </Field>
              <Field
                id={fid(`companyParticipants.${i}.email`)}
                label={tx.report.personEmail}
                hint={tx.report.personEmailHint}
                error={err(`companyParticipants.${i}.email`)}
              >
                {(c) => (
                  <input
                    {...c}
                    type="email"
                    inputMode="email"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={LIMITS.email}
                    value={p.email}
                    onChange={(e) =>
                      set(
                        'companyParticipants',
                        replaceAt(draft.companyParticipants, i, { ...p, email: e.target.value }),
                      )
                    }
                  />
                )}
              </Field>
              <Button
                variant="secondary"
                className="btn--small"
                onClick={() => {
                  set(
                    'companyParticipants',
                    draft.companyParticipants.filter((_, j) => j !== i),
                  );
                  // The pressed button goes with its person: the next person (now in this place)
                  // takes the focus, or, when none follows, the button that adds one.
                  const next =
                    i + 1 < draft.companyParticipants.length
                      ? fid(`companyParticipants.${i}.name`)
                      : ADD_PERSON_ID;
                  window.setTimeout(() => document.getElementById(next)?.focus(), 0);
                }}
              >
                {tx.report.removePerson(i + 1)}
              </Button>
            </div>
          ))}
          {draft.companyParticipants.length < VISIT_LIMITS.companyParticipants ? (
            <Button
              variant="secondary"
              id={ADD_PERSON_ID}
              onClick={() =>
                set('companyParticipants', [...draft.companyParticipants, { name: '', role: '', email: '' }])
              }
            >
              {tx.report.addPerson}
            </Button>
          ) : null}
          {conflictPanel('companyParticipants', (d) =>
            list(
              d.companyParticipants.map((p, i) => (
                <li key={i}>{[p.name, p.role, p.email].filter(Boolean).join(', ')}</li>
              )),
            ),
          )}
        </fieldset>

        <ChoiceGroup
          id={fid('topics')}
          legend={tx.report.topics}
          hint={tx.report.topicsHint}
          error={err('topics')}
          className="report-topics"
          disabled={disabled}
        >
          {offered.map((tp, i) => {
            const on = draft.topics.find((x) => x.topicId === tp.id);
            return (
              <div key={tp.id} className="report-topic">
                <Choice
                  type="checkbox"
                  id={i === 0 ? fid('topics') : `${fid('topics')}-${tp.slug}`}
                  name="topics"
                  value={tp.id}
                  checked={Boolean(on)}
                  disabled={disabled}
                  onChange={(checked) =>
                    set(
                      'topics',
                      checked
                        ? [...draft.topics, { topicId: tp.id, note: '' }]
                        : draft.topics.filter((x) => x.topicId !== tp.id),
                    )
                  }
                  label={topicLabel(tp)}
                />
                {on ? (
                  <Field id={`${fid('topics')}-${tp.slug}-note`} label={tx.report.topicNote(topicLabel(tp))}>
                    {(c) => (
                      <textarea
                        {...c}
                        rows={2}
                        disabled={disabled}
                        maxLength={VISIT_LIMITS.topicNote}
                        value={on.note}
                        onChange={(e) =>
                          set(
                            'topics',
                            draft.topics.map((x) =>
                              x.topicId === tp.id ? { ...x, note: e.target.value } : x,
                            ),
                          )
                        }
                      />
                    )}
                  </Field>
                ) : null}
              </div>
            );
          })}
        </ChoiceGroup>
        {conflictPanel('topics', (d) =>
          list(
            d.topics.map((x) => (
              <li key={x.topicId}>
                {topicName(x.topicId)}
                {x.note ? `: ${x.note}` : ''}
              </li>
            )),
          ),
        )}

        <GradeField
          id={fid('climateGrade')}
          legend={tx.report.climate}
          hint={tx.report.climateHint}
          noGrade={tx.report.noGrade}
          value={draft.climateGrade}
          error={err('climateGrade')}
          disabled={disabled}
          onChange={(g) => set('climateGrade', g)}
        />
        {conflictPanel('climateGrade', (d) => grade(d.climateGrade))}
        <GradeField
          id={fid('serviceGrade')}
          legend={tx.report.service}
          hint={tx.report.serviceHint}
          noGrade={tx.report.noGrade}
          value={draft.serviceGrade}
          error={err('serviceGrade')}
          disabled={disabled}
          onChange={(g) => set('serviceGrade', g)}
        />
        {conflictPanel('serviceGrade', (d) => grade(d.serviceGrade))}
        <Field id={fid('serviceText')} label={tx.report.serviceText} error={err('serviceText')}>
          {(c) => (
            <textarea
              {...c}
              rows={3}
              disabled={disabled}
              maxLength={VISIT_LIMITS.serviceText}
              value={draft.serviceText}
              onChange={(e) => set('serviceText', e.target.value)}
            />
          )}
        </Field>
        {conflictPanel('serviceText', (d) => text(d.serviceText))}
        <Field id={fid('notes')} label={tx.report.notes} error={err('notes')}>
          {(c) => (
            <textarea
              {...c}
              rows={6}
              disabled={disabled}
              maxLength={VISIT_LIMITS.notes}
              value={draft.notes}
              onChange={(e) => set('notes', e.target.value)}
            />
          )}
        </Field>
        {conflictPanel('notes', (d) => text(d.notes))}
        {canEdit && submitLater ? (
          <p className="form__hint" id="report-submit-from">
            {tx.report.submitFrom(fmtDateTime(startsAt, lang))}
          </p>
        ) : null}
        {canEdit ? (
          <div className="form__actions">
            <Button
              type="button"
              busy={submitting}
              busyText={tx.report.save.saving}
              onClick={() => void onSubmit()}
              aria-describedby={submitLater ? 'report-submit-from' : undefined}
            >
              {tx.report.submit}
            </Button>
          </div>
        ) : null}
      </form>
    </div>
  );
}

function replaceAt<T>(list: T[], i: number, v: T): T[] {
  return list.map((x, j) => (j === i ? v : x));
}

function GradeField({
  id,
  legend,
  hint,
  noGrade,
  value,
  error,
  disabled,
  onChange,
}: {
  id: string;
  legend: string;
  hint: string;
  noGrade: string;
  value: number | null;
  error: ReactNode;
  disabled: boolean;
  onChange: (g: number | null) => void;
}) {
  return (
    <ChoiceGroup id={id} legend={legend} hint={hint} error={error} className="grade" disabled={disabled}>
      {[1, 2, 3, 4, 5, 6].map((g, i) => (
        <Choice
          key={g}
          type="radio"
          id={i === 0 ? id : `${id}-${g}`}
          name={id}
          value={String(g)}
          checked={value === g}
          disabled={disabled}
          onChange={() => onChange(g)}
          label={String(g)}
        />
      ))}
      <Choice
        type="radio"
        id={`${id}-none`}
        name={id}
        value=""
        checked={value === null}
        disabled={disabled}
        onChange={() => onChange(null)}
        label={noGrade}
      />
    </ChoiceGroup>
  );
}

/**
 * "Sparat 10:42": where the draft is, said in words (a polite live region). `partial`: saved, but
 * something is held back (a field with two versions, a person without a name), marked in the form.
 */
function SaveIndicator({
  state,
  savedAt,
  partial,
  lang,
  onRetry,
}: {
  state: SaveState;
  savedAt: Date | null;
  partial: boolean;
  lang: 'sv' | 'en';
  onRetry: () => void;
}) {
  const { tx } = useTexts();
  const s = tx.report.save;
  const text =
    state === 'saving'
      ? s.saving
      : state === 'local'
        ? s.local
        : state === 'signedOut'
          ? s.signedOut
          : state === 'error'
            ? s.error
            : state === 'pending'
              ? s.unsaved
              : savedAt
                ? partial
                  ? s.savedPart(fmtTime(savedAt, lang))
                  : s.saved(fmtTime(savedAt, lang))
                : s.unsaved;
  const tone = state === 'local' || state === 'error' || state === 'signedOut' ? 'warn' : 'ok';
  return (
    <div className={`save-indicator save-indicator--${tone}`}>
      <p role="status" aria-live="polite" className="save-indicator__text">
        {text}
      </p>
      {state === 'local' || state === 'error' ? (
        <button type="button" className="btn btn--secondary btn--small" onClick={onRetry}>
          {s.retry}
        </button>
      ) : null}
    </div>
  );
}
