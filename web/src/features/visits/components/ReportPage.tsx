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
import { getReport, reportKey, saveReport, submitReport, useReport, type Report } from '../api/report';
import { useTopicOptions, type TopicOption } from '../api/lookups';
import { useVisit } from '../api/visits';
import { fmtDateTime, fmtTime, useTexts } from '../texts';
import {
  clearLocal,
  draftOf,
  mergeDrafts,
  readLocal,
  sameDraft,
  toBody,
  writeLocal,
  type ReportDraft,
} from './report-merge';
import './visits.css';

const FORM = 'report';
const AUTOSAVE_MS = 1200;
const RETRY_MS = 5000;

type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'local' | 'invalid' | 'error';

/** The visit report, written on a phone as easily as on a desktop. /besok/:id/rapport */
export default function ReportPage() {
  const { id = '' } = useParams();
  const { tx } = useTexts();
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
  if (!visit.data || !report.data || !report.isFetchedAfterMount || !topics.data) {
    return (
      <>
        <PageHeading>{tx.common.loading}</PageHeading>
        <Spinner />
      </>
    );
  }
  return (
    <ReportForm
      key={id}
      visitId={id}
      company={visit.data.company.name}
      startsAt={visit.data.startsAt}
      initial={report.data}
      topics={topics.data}
    />
  );
}

function ReportForm({
  visitId,
  company,
  startsAt,
  initial,
  topics,
}: {
  visitId: string;
  company: string;
  startsAt: string;
  initial: Report;
  topics: TopicOption[];
}) {
  const { tx, lang } = useTexts();
  const { t } = useTranslation();
  const qc = useQueryClient();

  // What the server last confirmed, and what is being written on top of it.
  const [server, setServer] = useState<Report>(initial);
  const [draft, setDraft] = useState<ReportDraft>(() => draftOf(initial));
  const [state, setState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(initial.updatedAt ? new Date(initial.updatedAt) : null);
  const [notice, setNotice] = useState<{ tone: 'info' | 'warning'; text: string } | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [submitting, setSubmitting] = useState(false);

  const draftRef = useRef(draft);
  const serverRef = useRef(server);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  draftRef.current = draft;
  serverRef.current = server;
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
    (d: ReportDraft, base: Report) =>
      writeLocal(visitId, {
        draft: d,
        base: draftOf(base),
        baseVersion: base.version,
        at: new Date().toISOString(),
      }),
    [visitId],
  );

  /** Sends the draft; true when the server has everything typed so far. */
  const save = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    const run = async (): Promise<boolean> => {
      const sent = draftRef.current;
      const base = serverRef.current;
      if (sameDraft(sent, draftOf(base)) && base.version > 0) {
        clearLocal(visitId);
        setState('saved');
        return true;
      }
      const v = validate(SaveReportBody, toBody(sent, base.version), labelsRef.current, t);
      if (!v.ok) {
        setErrors(v.errors);
        setState('invalid');
        return false;
      }
      setErrors(NO_ERRORS);
      setState('saving');
      try {
        const saved = await saveReport(visitId, toBody(sent, base.version));
        serverRef.current = saved;
        setServer(saved);
        qc.setQueryData(reportKey(visitId), saved);
        setSavedAt(new Date(saved.updatedAt ?? Date.now()));
        if (sameDraft(draftRef.current, sent)) {
          clearLocal(visitId);
          setState('saved');
          return true;
        }
        remember(draftRef.current, saved);
        setState('pending');
        return false;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'STALE') {
          // Someone saved in between: fetch their copy and merge ours onto it.
          const theirs = await getReport(visitId).catch(() => null);
          if (!theirs) {
            setState('local');
            return false;
          }
          const { merged, conflicts } = mergeDrafts(draftOf(base), draftRef.current, draftOf(theirs));
          const who = theirs.updatedBy?.name ?? tx.report.someone;
          serverRef.current = theirs;
          draftRef.current = merged;
          setServer(theirs);
          setDraft(merged);
          remember(merged, theirs);
          if (conflicts.length) {
            const names = conflicts.map((c) => tx.report.fieldNames[c] ?? c).join(', ');
            setNotice({ tone: 'warning', text: tx.report.staleConflict(who, names) });
            setState('pending');
            return false;
          }
          setNotice({ tone: 'info', text: tx.report.stale(who) });
          return run();
        }
        if (err instanceof ApiError && err.status === 0) {
          setState('local');
          return false;
        }
        setErrors(serverErrors(err, labelsRef.current, t));
        setState('error');
        return false;
      }
    };
    const p = run();
    inFlight.current = p;
    try {
      return await p;
    } finally {
      if (inFlight.current === p) inFlight.current = null;
    }
  }, [visitId, qc, t, tx, remember]);

  const schedule = useCallback(
    (ms = AUTOSAVE_MS) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void save(), ms);
    },
    [save],
  );

  // A draft left on this phone (a dropped connection, a closed tab) is picked up and sent.
  useEffect(() => {
    const local = readLocal(visitId);
    if (!local || !canEdit) return;
    if (sameDraft(local.draft, draftOf(initial))) {
      clearLocal(visitId);
      return;
    }
    const merged =
      local.baseVersion === initial.version
        ? local.draft
        : mergeDrafts(local.base, local.draft, draftOf(initial)).merged;
    draftRef.current = merged;
    setDraft(merged);
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

  const change = (next: ReportDraft) => {
    draftRef.current = next;
    setDraft(next);
    remember(next, serverRef.current);
    setState('pending');
    schedule();
  };
  const set = <K extends keyof ReportDraft>(k: K, v: ReportDraft[K]) =>
    change({ ...draftRef.current, [k]: v });

  const onSubmit = async () => {
    setSubmitting(true);
    setSubmits((n) => n + 1);
    try {
      window.clearTimeout(timer.current);
      if (!(await save())) return;
      const done = await submitReport(visitId, serverRef.current.version);
      serverRef.current = done;
      setServer(done);
      qc.setQueryData(reportKey(visitId), done);
      await qc.invalidateQueries({ queryKey: ['visits'], refetchType: 'none' });
      setNotice({ tone: 'info', text: tx.report.submitted });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'STALE') {
        void save();
        return;
      }
      setErrors(serverErrors(err, labelsRef.current, t));
    } finally {
      setSubmitting(false);
    }
  };

  const err = (k: string) => errors.fields[k];
  const fid = (k: string) => fieldId(FORM, k);
  const chosen = new Set(draft.topics.map((x) => x.topicId));
  const offered = topics.filter((tp) => tp.active || chosen.has(tp.id));
  const topicLabel = (tp: TopicOption) => (lang === 'en' ? tp.labelEn : tp.labelSv);
  const disabled = !canEdit;

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
        <SaveIndicator state={state} savedAt={savedAt} lang={lang} onRetry={() => void save()} />
      ) : null}
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {server.status === 'submitted' && server.submittedAt ? (
        <p className="badge badge--done">{tx.report.submittedAt(fmtDateTime(server.submittedAt, lang))}</p>
      ) : null}
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      <form className="form report-form" noValidate onSubmit={(e) => e.preventDefault()}>
        <fieldset className="field report-people" disabled={disabled}>
          <legend className="field__label">{tx.report.people}</legend>
          <p className="field__hint">{tx.report.peopleHint}</p>
          {draft.companyParticipants.map((p, i) => (
            <div className="report-person" key={i} role="group" aria-label={tx.report.person(i + 1)}>
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
                onClick={() =>
                  set(
                    'companyParticipants',
                    draft.companyParticipants.filter((_, j) => j !== i),
                  )
                }
              >
                {tx.report.removePerson(i + 1)}
              </Button>
            </div>
          ))}
          {draft.companyParticipants.length < VISIT_LIMITS.companyParticipants ? (
            <Button
              variant="secondary"
              onClick={() =>
                set('companyParticipants', [...draft.companyParticipants, { name: '', role: '', email: '' }])
              }
            >
              {tx.report.addPerson}
            </Button>
          ) : null}
        </fieldset>

        <ChoiceGroup
          id={fid('topics')}
          legend={tx.report.topics}
          hint={tx.report.topicsHint}
          error={err('topics')}
          className="report-topics"
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
                  onChange={(checked) =>
                    !disabled &&
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
        {canEdit ? (
          <div className="form__actions">
            <Button
              type="button"
              busy={submitting}
              busyText={tx.report.save.saving}
              onClick={() => void onSubmit()}
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
    <ChoiceGroup id={id} legend={legend} hint={hint} error={error} className="grade">
      {[1, 2, 3, 4, 5, 6].map((g, i) => (
        <Choice
          key={g}
          type="radio"
          id={i === 0 ? id : `${id}-${g}`}
          name={id}
          value={String(g)}
          checked={value === g}
          onChange={() => !disabled && onChange(g)}
          label={String(g)}
        />
      ))}
      <Choice
        type="radio"
        id={`${id}-none`}
        name={id}
        value=""
        checked={value === null}
        onChange={() => !disabled && onChange(null)}
        label={noGrade}
      />
    </ChoiceGroup>
  );
}

/** "Sparat 10:42": where the draft is, said in words (a polite live region). */
function SaveIndicator({
  state,
  savedAt,
  lang,
  onRetry,
}: {
  state: SaveState;
  savedAt: Date | null;
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
        : state === 'error' || state === 'invalid'
          ? s.error
          : state === 'pending'
            ? s.unsaved
            : savedAt
              ? s.saved(fmtTime(savedAt, lang))
              : s.unsaved;
  const tone = state === 'local' || state === 'error' || state === 'invalid' ? 'warn' : 'ok';
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
