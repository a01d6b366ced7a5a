import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { IMPORT_FILE_MAX_BYTES, REJECTS_KEPT_DAYS } from '@contracts/companies';
import { Alert } from '../../../components/Alert';
import { useAnnounce } from '../../../components/Announcer';
import { Button, ButtonLink } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { ProgressBar } from '../../../components/ProgressBar';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { ApiError } from '../../../lib/api';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { fieldId, NO_ERRORS, serverErrors, summaryItems, swedish, type FormErrors } from '../../../lib/forms';
import { rejectsUrl, useImportRun, useImportRuns, type ImportRunDto } from '../api/get-import';
import { TableWrap } from '../../../components/TableWrap';
import { useStartImport } from '../api/start-import';
import { useTexts } from '../texts';

const FORM = 'import';

/**
 * /import: choose a file and upload it; /import/:id: the run's progress, then its summary and the
 * reject file. The run's id is in the address, so a reload or a later visit shows the same run.
 */
export default function ImportPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('import.title')}</PageHeading>
      {id ? (
        <ImportRunView id={id} />
      ) : (
        <>
          <UploadForm />
          <LatestImports />
        </>
      )}
    </>
  );
}

function UploadForm() {
  const { t, i18n } = useTranslation();
  const { tx } = useTexts();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const start = useStartImport();
  const runs = useImportRuns();
  const [file, setFile] = useState<File | null>(null);
  const [map, setMap] = useState('');
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  /** The upload was refused because another import runs: nothing wrong with the form. */
  const [busy, setBusy] = useState(false);
  const running = runs.data?.items.find((r) => r.status === 'running');
  const labels = { file: t('import.file'), map: t('import.map') };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    setBusy(false);
    if (!file) {
      setErrors({ fields: { file: t('import.fileMissing') }, form: null });
      return;
    }
    // Refused before a byte is sent, not after the server has received up to the limit.
    if (file.size > IMPORT_FILE_MAX_BYTES) {
      setErrors({ fields: { file: tx.fileTooLarge }, form: null });
      return;
    }
    setErrors(NO_ERRORS);
    setUploaded(0);
    start.mutate(
      { file, onProgress: setUploaded, ...(map.trim() ? { map: map.trim() } : {}) },
      {
        onSuccess: ({ id }) =>
          void navigate(`/import/${id}`, { state: { fromUpload: true } satisfies RunState }),
        onError: (err) => {
          setUploaded(null);
          if (err instanceof ApiError && err.code === 'CONFLICT') {
            // Another import runs (or is being uploaded): said as information, with that import
            // (the list of the latest is asked for again to find it).
            setBusy(true);
            void qc.invalidateQueries({ queryKey: ['imports', 'latest'] });
            return;
          }
          setErrors(serverErrors(err, labels, t));
          setSubmits((n) => n + 1);
        },
      },
    );
  };

  return (
    <>
      <p className="page-intro">{t('import.intro')}</p>
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      {busy ? (
        <Alert tone="info">
          <p>
            {tx.busy}
            {running ? (
              <>
                {' '}
                <Link to={`/import/${running.id}`}>{tx.busyLink(running.fileName)}</Link>
              </>
            ) : null}
          </p>
        </Alert>
      ) : null}
      <form className="form" noValidate onSubmit={onSubmit}>
        <Field
          id={fieldId(FORM, 'file')}
          label={labels.file}
          hint={`${t('import.fileHint')} ${tx.fileLimit}`}
          required
          error={errors.fields.file}
        >
          {(p) => (
            <input
              {...p}
              type="file"
              name="file"
              accept=".csv,.txt,.tsv,text/csv,text/plain"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <Field
          id={fieldId(FORM, 'map')}
          label={labels.map}
          hint={t('import.mapHint')}
          error={errors.fields.map}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              name="map"
              autoComplete="off"
              spellCheck={false}
              maxLength={1000}
              value={map}
              onChange={(e) => setMap(e.target.value)}
            />
          )}
        </Field>
        {start.isPending && uploaded !== null ? (
          <ProgressBar
            id="upload-progress"
            label={t('import.uploading')}
            value={uploaded}
            text={t('import.uploadPercent', {
              percent: formatNumber(Math.round(uploaded * 100), i18n.language),
            })}
          />
        ) : null}
        <div className="form__actions">
          <Button type="submit" busy={start.isPending} busyText={t('import.uploading')}>
            {t('import.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}

/** What the upload form passes on to the run's page. */
interface RunState {
  fromUpload: boolean;
}

function ImportRunView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const run = useImportRun(id);
  const status = run.data?.status;
  const resultRef = useRef<HTMLHeadingElement>(null);
  const fileRef = useRef<HTMLParagraphElement>(null);
  // Come from the upload form (whose button is gone now) or seen running: focus follows the run.
  const following = useRef(Boolean((useLocation().state as RunState | null)?.fromUpload));

  useEffect(() => {
    const r = run.data;
    if (!r) return;
    if (r.status === 'running') {
      if (following.current) fileRef.current?.focus();
      following.current = true;
      announce(t('import.running'));
      return;
    }
    if (following.current) {
      // The result replaces the progress: move focus to it so it is read out and easy to act on.
      following.current = false;
      resultRef.current?.focus();
    }
    const n = (x: number) => formatNumber(x, i18n.language);
    if (r.status === 'done' && r.summary)
      announce(
        t('import.doneAnnounce', {
          read: n(r.summary.read),
          created: n(r.summary.created),
          updated: n(r.summary.updated),
          unchanged: n(r.summary.unchanged),
          rejected: n(r.summary.rejected),
        }),
      );
    if (r.status === 'failed')
      announce(
        <>
          {t('import.failedTitle')}: {r.error ? swedish(r.error) : t('common.errors.generic')}
        </>,
      );
    // Once per status (the run's data changes with every poll, the status only when it moves on).
  }, [status, announce, t]);

  if (run.isPending) return <Spinner />;
  if (run.isError) return <QueryError error={run.error} onRetry={() => void run.refetch()} />;
  const r = run.data;
  return (
    <>
      <p ref={fileRef} tabIndex={-1}>
        {t('import.fileName')}: <strong>{r.fileName}</strong>
      </p>
      {r.status === 'running' ? <RunProgress r={r} /> : null}
      {r.status === 'done' && r.summary ? (
        <section aria-labelledby="import-result">
          <h2 id="import-result" ref={resultRef} tabIndex={-1}>
            {t('import.doneTitle')}
          </h2>
          <Summary r={r} />
        </section>
      ) : null}
      {r.status === 'failed' ? (
        <section aria-labelledby="import-result">
          <h2 id="import-result" ref={resultRef} tabIndex={-1}>
            {t('import.failedTitle')}
          </h2>
          <Alert tone="error" live={false}>
            <p className="pre-line">{r.error ? swedish(r.error) : t('common.errors.generic')}</p>
          </Alert>
          {/* The other failures' messages say what to do (save as CSV, wait, upload again, try again). */}
          {r.errorKind === 'layout' ? <p>{t('import.failedHelp')}</p> : null}
        </section>
      ) : null}
      {r.status !== 'running' ? (
        <div className="form__actions">
          <ButtonLink to="/import" variant="secondary">
            {t('import.another')}
          </ButtonLink>
          {r.status === 'done' ? <Link to="/foretag">{t('import.toRegister')}</Link> : null}
        </div>
      ) : null}
    </>
  );
}

/**
 * The latest imports, so that one started and left (another page opened while it uploaded or ran)
 * can be found again, with its result and reject file.
 */
function LatestImports() {
  const { t, i18n } = useTranslation();
  const runs = useImportRuns();
  const n = (x: number) => formatNumber(x, i18n.language);
  if (runs.isPending) return <Spinner />;
  if (runs.isError) return <QueryError error={runs.error} onRetry={() => void runs.refetch()} />;
  const items = runs.data.items;
  const running = items.find((r) => r.status === 'running');
  return (
    <section aria-labelledby="latest-imports">
      <h2 id="latest-imports">{t('import.latest')}</h2>
      {running ? (
        <Alert tone="info" live={false}>
          <p>
            {t('import.runningNow', { file: running.fileName })}{' '}
            <Link to={`/import/${running.id}`}>{t('import.showProgress')}</Link>
          </p>
        </Alert>
      ) : null}
      {items.length === 0 ? (
        <p>{t('import.noneYet')}</p>
      ) : (
        <TableWrap label={t('import.latest')}>
          <table className="summary-table">
            <caption className="visually-hidden">{t('import.latest')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.started')}</th>
                <th scope="col">{t('import.fileName')}</th>
                <th scope="col">{t('import.status')}</th>
                <th scope="col" className="num">
                  {t('import.read')}
                </th>
                <th scope="col" className="num">
                  {t('import.rejected')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{formatDateTime(r.startedAt, i18n.language)}</td>
                  <td>
                    <Link to={`/import/${r.id}`}>{r.fileName}</Link>
                  </td>
                  <td>{t(`import.statuses.${r.status}`)}</td>
                  <td className="num">{r.summary ? n(r.summary.read) : ''}</td>
                  <td className="num">{r.summary ? n(r.summary.rejected) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function RunProgress({ r }: { r: ImportRunDto }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const fraction = r.totalBytes ? Math.min(1, r.bytesProcessed / r.totalBytes) : null;
  // Reading is most of the work; saving is shown as its own step without a percentage.
  const value = r.phase === 'reading' ? fraction : null;
  const phase = r.phase === 'saving' ? t('import.phaseSaving') : t('import.phaseReading');
  const text =
    value !== null
      ? t('import.progressPercent', { percent: n(Math.round(value * 100)), read: n(r.recordsProcessed) })
      : t('import.progressText', { read: n(r.recordsProcessed) });
  return (
    <ProgressBar
      id="import-progress"
      label={`${t('import.progressLabel')}: ${phase}`}
      value={value}
      text={text}
    />
  );
}

function Summary({ r }: { r: ImportRunDto }) {
  const { t, i18n } = useTranslation();
  const { tx } = useTexts();
  const s = r.summary!;
  const n = (x: number) => formatNumber(x, i18n.language);
  const otherRecords = s.otherKommuner.reduce((sum, o) => sum + o.records, 0);
  const rows: Array<[string, number]> = [
    [t('import.read'), s.read],
    [t('import.created'), s.created],
    [t('import.updated'), s.updated],
    [t('import.unchanged'), s.unchanged],
    [t('import.rejected'), s.rejected],
  ];
  return (
    <>
      {s.read === 0 ? (
        <Alert tone="warning" live={false}>
          <p>{t('import.noRows')}</p>
        </Alert>
      ) : null}
      {s.otherKommuner.length > 0 ? (
        <Alert tone="warning" live={false}>
          <p>
            {t('import.otherKommuner', {
              count: otherRecords,
              n: n(otherRecords),
              list:
                s.otherKommuner
                  .slice(0, 5)
                  .map((o) => `${o.kommunkod} (${n(o.records)})`)
                  .join(', ') + (s.otherKommuner.length > 5 ? ', …' : ''),
            })}
          </p>
        </Alert>
      ) : null}
      <table className="summary-table">
        <caption className="visually-hidden">{t('import.summaryCaption')}</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{n(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.rejected > 0 && r.hasRejects ? (
        <>
          <p>{t('import.rejectsIntro')}</p>
          <p>
            <a href={rejectsUrl(r.id)} download className="btn btn--secondary">
              {t('import.downloadRejects', { count: s.rejected, n: n(s.rejected) })}
            </a>
          </p>
        </>
      ) : s.rejected > 0 ? (
        // Rows were rejected, but their file is gone (kept REJECTS_KEPT_DAYS, or a cleared /tmp).
        <p>{tx.rejectsGone(REJECTS_KEPT_DAYS)}</p>
      ) : (
        <p>{t('import.noRejects')}</p>
      )}
    </>
  );
}
