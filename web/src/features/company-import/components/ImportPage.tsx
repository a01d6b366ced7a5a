import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { useAnnounce } from '../../../components/Announcer';
import { Button, ButtonLink } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { ProgressBar } from '../../../components/ProgressBar';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { formatNumber } from '../../../lib/format';
import { fieldId, NO_ERRORS, serverErrors, summaryItems, type FormErrors } from '../../../lib/forms';
import { rejectsUrl, useImportRun, type ImportRunDto } from '../api/get-import';
import { useStartImport } from '../api/start-import';

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
      {id ? <ImportRunView id={id} /> : <UploadForm />}
    </>
  );
}

function UploadForm() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const start = useStartImport();
  const [file, setFile] = useState<File | null>(null);
  const [map, setMap] = useState('');
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const labels = { file: t('import.file'), map: t('import.map') };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    if (!file) {
      setErrors({ fields: { file: t('import.fileMissing') }, form: null });
      return;
    }
    setErrors(NO_ERRORS);
    setUploaded(0);
    start.mutate(
      { file, onProgress: setUploaded, ...(map.trim() ? { map: map.trim() } : {}) },
      {
        onSuccess: ({ id }) => void navigate(`/import/${id}`),
        onError: (err) => {
          setUploaded(null);
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
      <form className="form" noValidate onSubmit={onSubmit}>
        <Field
          id={fieldId(FORM, 'file')}
          label={labels.file}
          hint={t('import.fileHint')}
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

function ImportRunView({ id }: { id: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const run = useImportRun(id);
  const status = run.data?.status;
  const resultRef = useRef<HTMLHeadingElement>(null);
  const wasRunning = useRef(false);

  useEffect(() => {
    if (status === 'running') wasRunning.current = true;
    if ((status === 'done' || status === 'failed') && wasRunning.current) {
      // The result replaces the progress: move focus to it so it is read out and easy to act on.
      wasRunning.current = false;
      resultRef.current?.focus();
    }
    if (status === 'running') announce(t('import.running'));
    if (status === 'done') announce(t('import.doneTitle'));
    if (status === 'failed') announce(t('import.failedTitle'));
  }, [status, announce, t]);

  if (run.isPending) return <Spinner />;
  if (run.isError) return <QueryError error={run.error} onRetry={() => void run.refetch()} />;
  const r = run.data;
  return (
    <>
      <p>
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
            <p className="pre-line">{r.error ?? t('common.errors.generic')}</p>
          </Alert>
          <p>{t('import.failedHelp')}</p>
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
  const s = r.summary!;
  const n = (x: number) => formatNumber(x, i18n.language);
  const rows: Array<[string, number]> = [
    [t('import.read'), s.read],
    [t('import.created'), s.created],
    [t('import.updated'), s.updated],
    [t('import.unchanged'), s.unchanged],
    [t('import.rejected'), s.rejected],
  ];
  return (
    <>
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
      ) : (
        <p>{t('import.noRejects')}</p>
      )}
    </>
  );
}
