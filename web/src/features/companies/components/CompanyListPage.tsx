import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { useAnnounce } from '../../../components/Announcer';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { Pagination } from '../../../components/Pagination';
import { QueryError } from '../../../components/QueryError';
import { SortHeader, type SortDir } from '../../../components/SortHeader';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import { formatNumber, formatOrgNr, formatPostalCode } from '../../../lib/format';
import { useCompanies } from '../api/list-companies';
import { usePostalAreas } from '../api/get-postal-areas';
import { useSni } from '../api/get-sni';
import {
  CompanyQueryRules,
  MAX_PAGE,
  QUERY_MAX,
  SORT_COLUMNS,
  type CompanyPage,
  type CompanyQuery,
  type SortColumn,
} from '../api/types';
import type { ListState } from '../list-state';
import { useTexts } from '../texts';

const PAGE_SIZE = 25;
const SIZE_CLASSES = Array.from({ length: 17 }, (_, i) => String(i));

/**
 * The search lives in the address (?q=…&page=2), so Back, reload and shared links keep it. A value
 * the list could not have written (a hand-edited or truncated address) is dropped here, by the
 * contract's own rule for that parameter, rather than sent on to come back as an error naming it.
 */
function readQuery(params: URLSearchParams): CompanyQuery {
  const sort = params.get('sort');
  const page = Number(params.get('page'));
  const valid = (key: 'section' | 'division' | 'sizeClass' | 'postalCode') => {
    const v = (params.get(key) ?? '').trim();
    return CompanyQueryRules.shape[key].safeParse(v).success ? v : '';
  };
  return {
    q: (params.get('q') ?? '').slice(0, QUERY_MAX),
    section: valid('section').toUpperCase(),
    division: valid('division'),
    sizeClass: valid('sizeClass'),
    postalCode: valid('postalCode'),
    sort: (SORT_COLUMNS as readonly string[]).includes(sort ?? '') ? (sort as SortColumn) : '',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page > 0 ? Math.min(page, MAX_PAGE) : 1,
    pageSize: PAGE_SIZE,
  };
}

function writeQuery(q: CompanyQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.q.trim()) p.set('q', q.q.trim());
  if (q.section) p.set('section', q.section);
  if (q.division) p.set('division', q.division);
  if (q.sizeClass) p.set('sizeClass', q.sizeClass);
  if (q.postalCode) p.set('postalCode', q.postalCode);
  if (q.sort) p.set('sort', q.sort);
  if (q.dir !== 'asc') p.set('dir', q.dir);
  if (q.page > 1) p.set('page', String(q.page));
  return p;
}

/**
 * A dropdown's choices with `value` among them: as they are when it is empty or one of them, else
 * with `extra(value)` added in code order.
 */
function withValue<T extends { code: string }>(choices: T[], value: string, extra: (code: string) => T): T[] {
  if (!value || choices.some((c) => c.code === value)) return choices;
  return [...choices, extra(value)].sort((a, b) => a.code.localeCompare(b.code));
}

export default function CompanyListPage() {
  const { t, i18n } = useTranslation();
  const { tx } = useTexts();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const { search } = useLocation();
  const query = useMemo(() => readQuery(params), [params]);
  const [draft, setDraft] = useState(query);
  useEffect(() => setDraft(query), [query]);

  const companies = useCompanies(query);
  const sni = useSni();
  const postal = usePostalAreas();
  // A filter from the address shows in its dropdown even when the dropdown has no such choice (a
  // postal code outside the municipality or the beginning of one, a division of another section,
  // or any while the lists load), rather than "All" while it filters.
  const sections = useMemo(() => {
    const all = sni.data?.sections ?? [];
    return withValue(all, draft.section, (code) => ({ code, name: '', divisions: [] }));
  }, [sni.data, draft.section]);
  const divisions = useMemo(() => {
    const from = draft.section ? sections.filter((s) => s.code === draft.section) : sections;
    const known = sections.flatMap((s) => s.divisions);
    return withValue(
      from.flatMap((s) => s.divisions),
      draft.division,
      (code) => known.find((d) => d.code === code) ?? { code, name: '' },
    );
  }, [sections, draft.section, draft.division]);
  const postalAreas = useMemo(
    () =>
      withValue(
        (postal.data?.items ?? []).map((a) => ({
          code: a.postalCode,
          name: `${formatPostalCode(a.postalCode)} ${a.postalTown}`,
        })),
        draft.postalCode,
        (code) => ({ code, name: code.length === 5 ? formatPostalCode(code) : tx.postalPrefix(code) }),
      ),
    [postal.data, draft.postalCode, tx],
  );
  // The SNI names are Swedish only: marked so in another language's interface (WCAG 3.1.2).
  const sniLang = i18n.language.startsWith('sv') ? undefined : 'sv';

  const n = (x: number | null) => formatNumber(x, i18n.language);
  // The order the rows shown are in, as the server says it applied it (its default depends on
  // whether it read the search as a number).
  const sortShown: SortColumn = companies.data?.sort ?? (query.sort || 'name');
  const dirShown: SortDir = companies.data?.dir ?? query.dir;
  const countText = (data: { total: number; totalIsEstimate: boolean }) =>
    data.totalIsEstimate
      ? t('companies.resultCountMore', { n: n(data.total) })
      : t('companies.resultCount', { count: data.total, n: n(data.total) });
  const data = companies.data;
  const announced = data && !companies.isPlaceholderData ? countText(data) : null;
  useEffect(() => {
    if (announced) announce(announced);
  }, [announced, query, announce]);

  const go = (next: CompanyQuery) => setParams(writeQuery(next));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    go({ ...draft, page: 1 });
  };
  const onSort = (sort: SortColumn, dir: SortDir) => go({ ...query, sort, dir, page: 1 });
  const pager = (data: CompanyPage) => (
    <Pagination
      page={data.page}
      pageSize={data.pageSize}
      total={data.total}
      totalIsEstimate={data.totalIsEstimate}
      itemsOnPage={data.items.length}
      maxPage={MAX_PAGE}
      onPage={(page) => {
        go({ ...query, page });
        // The clicked button may now be disabled: continue from the top of the results.
        document.getElementById('result-count')?.focus();
      }}
    />
  );
  const filtered = Boolean(query.q || query.section || query.division || query.sizeClass || query.postalCode);

  return (
    <>
      <PageHeading>{t('companies.title')}</PageHeading>
      <p className="page-intro">{t('companies.intro')}</p>

      <form role="search" className="search" onSubmit={onSubmit} aria-label={t('companies.search')}>
        <div className="search__query">
          <Field id="company-q" label={t('companies.search')} hint={t('companies.searchHint')}>
            {(p) => (
              <input
                {...p}
                type="search"
                name="q"
                maxLength={QUERY_MAX}
                autoComplete="off"
                spellCheck={false}
                value={draft.q}
                onChange={(e) => setDraft({ ...draft, q: e.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="search__row">
          <Field id="company-section" label={t('companies.section')}>
            {(p) => (
              <select
                {...p}
                name="section"
                value={draft.section}
                onChange={(e) => setDraft({ ...draft, section: e.target.value, division: '' })}
              >
                <option value="">{t('companies.allSections')}</option>
                {sections.map((s) => (
                  <option key={s.code} value={s.code} lang={s.name ? sniLang : undefined}>
                    {s.name ? `${s.code} – ${s.name}` : s.code}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="company-division" label={t('companies.division')}>
            {(p) => (
              <select
                {...p}
                name="division"
                value={draft.division}
                onChange={(e) => setDraft({ ...draft, division: e.target.value })}
              >
                <option value="">{t('companies.allDivisions')}</option>
                {divisions.map((d) => (
                  <option key={d.code} value={d.code} lang={d.name ? sniLang : undefined}>
                    {d.name ? `${d.code} – ${d.name}` : d.code}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="company-size" label={t('companies.sizeClass')}>
            {(p) => (
              <select
                {...p}
                name="sizeClass"
                value={draft.sizeClass}
                onChange={(e) => setDraft({ ...draft, sizeClass: e.target.value })}
              >
                <option value="">{t('companies.allSizes')}</option>
                {SIZE_CLASSES.map((c) => (
                  <option key={c} value={c}>
                    {t(`companies.size.${c}` as 'companies.size.0')}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="company-postal" label={t('companies.postalArea')}>
            {(p) => (
              <select
                {...p}
                name="postalCode"
                value={draft.postalCode}
                onChange={(e) => setDraft({ ...draft, postalCode: e.target.value })}
              >
                <option value="">{t('companies.allAreas')}</option>
                {postalAreas.map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="search__buttons">
          <Button type="submit">{t('companies.apply')}</Button>
          {filtered ? (
            <Button
              variant="secondary"
              onClick={() => {
                go({ ...readQuery(new URLSearchParams()) });
                // The button goes with the filters: the search box, now empty, takes the focus.
                document.getElementById('company-q')?.focus();
              }}
            >
              {t('companies.reset')}
            </Button>
          ) : null}
        </div>
      </form>

      {companies.isPending ? <Spinner /> : null}
      {companies.isError ? (
        <QueryError error={companies.error} onRetry={() => void companies.refetch()} />
      ) : null}
      {companies.data ? (
        <>
          <h2 className="result-count" id="result-count" tabIndex={-1}>
            {countText(companies.data)}
          </h2>
          {companies.data.queryIgnored && !companies.isPlaceholderData ? (
            <Alert tone="info" live={false}>
              <p>{t('companies.queryIgnored', { q: query.q.trim() })}</p>
            </Alert>
          ) : null}
          {companies.data.total === 0 ? (
            <Alert tone="info" live={false}>
              <p>{filtered ? t('companies.noResults') : t('companies.emptyRegister')}</p>
            </Alert>
          ) : companies.data.items.length === 0 ? (
            pager(companies.data)
          ) : (
            <>
              <TableWrap label={t('companies.tableCaption')}>
                <table aria-describedby="result-count" aria-busy={companies.isFetching || undefined}>
                  <caption className="visually-hidden">{t('companies.tableCaption')}</caption>
                  <thead>
                    <tr>
                      <SortHeader
                        column="name"
                        label={t('companies.columns.name')}
                        sort={sortShown}
                        dir={dirShown}
                        onSort={onSort}
                      />
                      <SortHeader
                        column="orgNr"
                        label={t('companies.columns.orgNr')}
                        sort={sortShown}
                        dir={dirShown}
                        onSort={onSort}
                      />
                      <th scope="col">{t('companies.columns.industry')}</th>
                      <SortHeader
                        column="employees"
                        label={t('companies.columns.employees')}
                        sort={sortShown}
                        dir={dirShown}
                        onSort={onSort}
                        className="num"
                      />
                      <SortHeader
                        column="postalCode"
                        label={t('companies.columns.postalCode')}
                        sort={sortShown}
                        dir={dirShown}
                        onSort={onSort}
                      />
                    </tr>
                  </thead>
                  <tbody>
                    {companies.data.items.map((c) => (
                      <tr key={c.id}>
                        <td>
                          <Link to={`/foretag/${c.id}`} state={{ listSearch: search } satisfies ListState}>
                            {c.name}
                          </Link>
                        </td>
                        <td className="nowrap">{formatOrgNr(c.orgNr)}</td>
                        <td>{c.industryText || c.sniCode || '–'}</td>
                        <td className="num">{n(c.employees)}</td>
                        <td>
                          {c.postalCode ? (
                            <>
                              <span className="nowrap">{formatPostalCode(c.postalCode)}</span>{' '}
                              {c.postalTown ?? ''}
                            </>
                          ) : (
                            '–'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              {pager(companies.data)}
            </>
          )}
        </>
      ) : null}
    </>
  );
}
