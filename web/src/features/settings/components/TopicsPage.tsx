import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveTopicsBody } from '@contracts/municipality';
import { LIMITS } from '@contracts/common';
import { Alert } from '../../../components/Alert';
import { useAnnounce } from '../../../components/Announcer';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { errorAria, FieldError } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import {
  fieldId,
  NO_ERRORS,
  serverErrors,
  summaryItems,
  validate,
  type FormErrors,
} from '../../../lib/forms';
import { useAllTopics, type Topic } from '../api/get-topics';
import { useSaveTopics } from '../api/save-topics';
import { useBaseline, useLeaveGuard } from '../../../lib/unsaved';

const FORM = 'topics';

interface Row {
  key: string;
  slug: string;
  labelSv: string;
  labelEn: string;
  active: boolean;
  /** Not saved yet: its code can still be edited and it can be removed outright. */
  isNew: boolean;
  slugTouched: boolean;
  /** The Swedish name as saved: what an existing row is called in labels and messages while it is edited. */
  savedSv: string;
}

const toRow = (tp: Topic): Row => ({
  ...tp,
  key: tp.slug,
  isNew: false,
  slugTouched: true,
  savedSv: tp.labelSv,
});

/** "Lokaler och mark" → "lokaler-och-mark": a code in the contract's alphabet. */
function slugify(s: string): string {
  return s
    .toLocaleLowerCase('sv')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 64)
    .replace(/^-+|-+$/g, '');
}

export default function TopicsPage() {
  const { t } = useTranslation();
  const topics = useAllTopics();
  return (
    <>
      <PageHeading>{t('topics.title')}</PageHeading>
      <p className="page-intro">{t('topics.intro')}</p>
      {topics.isPending ? <Spinner /> : null}
      {topics.isError ? <QueryError error={topics.error} onRetry={() => void topics.refetch()} /> : null}
      {topics.data ? <TopicsForm initial={topics.data.items} version={topics.data.version} /> : null}
    </>
  );
}

function TopicsForm({ initial, version }: { initial: Topic[]; version: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const save = useSaveTopics();
  const [rows, setRows] = useState<Row[]>(() => initial.map(toRow));
  // The list's version as read: the server refuses a save over someone else's newer one.
  const [basedOn, setBasedOn] = useState(version);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submits, setSubmits] = useState(0);
  const [saved, setSaved] = useState(false);
  const [newCount, setNewCount] = useState(0);
  const focusAfter = useRef<string | null>(null);
  const content = (rs: Row[]) =>
    rs.map(({ slug, labelSv, labelEn, active }) => ({ slug, labelSv, labelEn, active }));
  const baseline = useBaseline(content(rows));
  useLeaveGuard(baseline.dirty);

  useEffect(() => {
    if (focusAfter.current) {
      document.getElementById(focusAfter.current)?.focus();
      focusAfter.current = null;
    }
  });

  // An existing topic is called by its saved name (so its labels do not change as it is typed
  // over, and an emptied name still says which topic); a new one by what is typed so far.
  const nameOf = (r: Row, i: number) =>
    r.isNew ? r.labelSv.trim() || t('topics.newTopic', { n: i + 1 }) : r.savedSv;
  const labels: Record<string, string> = {};
  rows.forEach((r, i) => {
    const name = nameOf(r, i);
    labels[`topics.${i}.labelSv`] = t('topics.rowLabelSv', { name });
    labels[`topics.${i}.labelEn`] = t('topics.rowLabelEn', { name });
    labels[`topics.${i}.slug`] = t('topics.rowSlug', { name });
  });

  const update = (i: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows((rs) =>
      rs.map((r, j) => {
        if (j !== i) return r;
        const next = { ...r, ...patch };
        if (next.isNew && !next.slugTouched && patch.labelSv !== undefined)
          next.slug = slugify(patch.labelSv);
        return next;
      }),
    );
  };

  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= rows.length) return;
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(j, 0, row!);
    setRows(next);
    setSaved(false);
    // Keep focus on the same button of the moved row (or the other one at the ends).
    const dir =
      (j === 0 && by === -1) || (j === rows.length - 1 && by === 1)
        ? by === -1
          ? 'down'
          : 'up'
        : by === -1
          ? 'up'
          : 'down';
    focusAfter.current = `${FORM}-${row!.key}-${dir}`;
    announce(t('topics.moved', { label: row!.labelSv, position: j + 1 }));
  };

  const add = () => {
    const key = `new-${newCount + 1}`;
    setNewCount((n) => n + 1);
    setRows((rs) => [
      ...rs,
      {
        key,
        slug: '',
        labelSv: '',
        labelEn: '',
        active: true,
        isNew: true,
        slugTouched: false,
        savedSv: '',
      },
    ]);
    focusAfter.current = fieldId(FORM, `topics.${rows.length}.labelSv`);
    setSaved(false);
  };

  const remove = (i: number) => {
    setRows((rs) => rs.filter((_, j) => j !== i));
    focusAfter.current = `${FORM}-add`;
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmits((n) => n + 1);
    const body = { version: basedOn, topics: content(rows) };
    const v = validate(SaveTopicsBody, body, labels, t);
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors(NO_ERRORS);
    save.mutate(v.data, {
      onSuccess: (res) => {
        const next = res.items.map(toRow);
        setRows(next);
        setBasedOn(res.version);
        baseline.saved(content(next));
        setSaved(true);
      },
      onError: (err) => {
        setErrors(serverErrors(err, labels, t));
        setSubmits((n) => n + 1);
      },
    });
  };

  const err = (path: string) => errors.fields[path];
  return (
    <>
      <ErrorSummary items={summaryItems(errors, FORM, labels)} focusKey={submits} />
      {saved ? (
        <Alert tone="success">
          <p>{t('topics.saved')}</p>
        </Alert>
      ) : null}
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        <TableWrap label={t('topics.tableCaption')}>
          <table className="edit-table">
            <caption className="visually-hidden">{t('topics.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('topics.order')}
                </th>
                <th scope="col">{t('topics.labelSv')}</th>
                <th scope="col">{t('topics.labelEn')}</th>
                <th scope="col">{t('topics.slug')}</th>
                <th scope="col">{t('topics.active')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const name = nameOf(r, i);
                const cell = (k: 'labelSv' | 'labelEn' | 'slug', max: number) => {
                  const path = `topics.${i}.${k}`;
                  const id = fieldId(FORM, path);
                  const e = err(path);
                  return (
                    <td className={e ? 'cell--error' : undefined}>
                      <label htmlFor={id} className="visually-hidden">
                        {labels[path]}
                      </label>
                      {e ? <FieldError controlId={id}>{e}</FieldError> : null}
                      <input
                        id={id}
                        type="text"
                        autoComplete="off"
                        maxLength={max}
                        value={r[k]}
                        {...errorAria(id, e)}
                        onChange={(ev) =>
                          update(
                            i,
                            k === 'slug'
                              ? { slug: ev.target.value, slugTouched: true }
                              : { [k]: ev.target.value },
                          )
                        }
                      />
                    </td>
                  );
                };
                return (
                  <tr key={r.key}>
                    <td className="num">{i + 1}</td>
                    {cell('labelSv', LIMITS.shortText)}
                    {cell('labelEn', LIMITS.shortText)}
                    {r.isNew ? (
                      cell('slug', 64)
                    ) : (
                      <td className={err(`topics.${i}.slug`) ? 'cell--error' : undefined}>
                        {err(`topics.${i}.slug`) ? (
                          // A saved topic's code cannot be edited: the summary's link leads here.
                          <p id={fieldId(FORM, `topics.${i}.slug`)} className="field__error" tabIndex={-1}>
                            {err(`topics.${i}.slug`)}
                          </p>
                        ) : null}
                        <code>{r.slug}</code>
                      </td>
                    )}
                    <td>
                      <input
                        type="checkbox"
                        className="checkbox"
                        id={`${FORM}-${r.key}-active`}
                        checked={r.active}
                        onChange={(ev) => update(i, { active: ev.target.checked })}
                        aria-label={t('topics.rowActive', { name })}
                      />
                    </td>
                    <td className="nowrap">
                      <button
                        type="button"
                        id={`${FORM}-${r.key}-up`}
                        className="icon-button"
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                        aria-label={t('topics.moveUp', { label: name })}
                      >
                        ↑
                      </button>{' '}
                      <button
                        type="button"
                        id={`${FORM}-${r.key}-down`}
                        className="icon-button"
                        disabled={i === rows.length - 1}
                        onClick={() => move(i, 1)}
                        aria-label={t('topics.moveDown', { label: name })}
                      >
                        ↓
                      </button>{' '}
                      {r.isNew ? (
                        <button type="button" className="icon-button" onClick={() => remove(i)}>
                          {t('common.remove')}
                          <span className="visually-hidden"> {name}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
        <div className="form__actions">
          <Button type="submit" busy={save.isPending} busyText={t('common.saving')}>
            {t('common.save')}
          </Button>
          <Button variant="secondary" id={`${FORM}-add`} onClick={add}>
            {t('topics.addTopic')}
          </Button>
        </div>
      </form>
    </>
  );
}
