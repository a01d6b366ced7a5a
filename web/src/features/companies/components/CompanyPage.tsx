import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import {
  formatCoordinates,
  formatDateTime,
  formatNumber,
  formatOrgNr,
  formatPostalCode,
  telHref,
} from '../../../lib/format';
import { swedish } from '../../../lib/forms';
import { roleSatisfies, useMe } from '../../../lib/session';
import { CompanyHistoryPanel } from '../../visits/components/CompanyHistory';
import { useCompany } from '../api/get-company';
import type { Company } from '../api/types';
import { listSearchOf } from '../list-state';
import type { sv } from '../../../i18n/sv';

type DetailKey = keyof typeof sv.companies.detail;

function Facts({ rows }: { rows: Array<[string, ReactNode]> }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>
            {value === null || value === undefined || value === '' ? (
              <span className="muted">{t('common.notGiven')}</span>
            ) : (
              value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Only http(s) addresses become links; a register value like "www.x.se" gets its scheme. */
function websiteHref(site: string): string | null {
  const s = site.trim();
  if (/^https?:\/\//i.test(s)) return s;
  if (/^[\w.-]+\.[a-z]{2,}(\/.*)?$/i.test(s)) return `https://${s}`;
  return null;
}

/** "C – Tillverkning": the SNI names are Swedish only, marked so in another language (WCAG 3.1.2). */
function sniName(code: string | null, name: string | null): ReactNode {
  if (!code) return null;
  return name ? (
    <>
      {code} – {swedish(name)}
    </>
  ) : (
    code
  );
}

function CompanyDetails({ c }: { c: Company }) {
  const { t, i18n } = useTranslation();
  const d = (k: DetailKey) => t(`companies.detail.${k}`);
  const href = c.website ? websiteHref(c.website) : null;
  // The server hides a sole trader's personal data from viewers: the number ends in XXXX, and the
  // address, coordinates, e-mail and phone come empty. Say so rather than "not given".
  const hidden = c.personalData && c.orgNr.endsWith('XXXX');
  const orHidden = (v: ReactNode) => (hidden ? <span className="muted">{d('notShown')}</span> : v);
  return (
    <div className="sections">
      <section aria-labelledby="company-basics">
        <h2 id="company-basics">{d('basics')}</h2>
        <Facts
          rows={[
            [d('orgNr'), formatOrgNr(c.orgNr)],
            [d('legalForm'), c.legalForm],
            [d('sni'), c.sniCode],
            [d('industry'), c.industryText],
            [d('section'), sniName(c.sniSection, c.sniSectionName)],
            [d('division'), sniName(c.sniDivision, c.sniDivisionName)],
            [d('sizeClass'), t(`companies.size.${String(c.sizeClass)}` as 'companies.size.0')],
            [d('employees'), c.employees === null ? null : formatNumber(c.employees, i18n.language)],
            [
              d('personalData'),
              c.personalData
                ? `${d('personalDataYes')}${hidden ? ` ${d('personalDataHidden')}` : ''}`
                : d('personalDataNo'),
            ],
          ]}
        />
      </section>
      <section aria-labelledby="company-location">
        <h2 id="company-location">{d('location')}</h2>
        <Facts
          rows={[
            [d('address'), orHidden(c.visitAddress)],
            [d('postalCode'), formatPostalCode(c.postalCode)],
            [d('postalTown'), c.postalTown],
            [
              d('municipality'),
              c.kommun ? `${c.kommun}${c.kommunkod ? ` (${c.kommunkod})` : ''}` : c.kommunkod,
            ],
            [
              d('coordinates'),
              orHidden(
                c.lat !== null && c.lon !== null ? (
                  <>
                    {formatCoordinates(c.lat, c.lon, i18n.language)}{' '}
                    <a
                      href={`https://www.openstreetmap.org/?mlat=${c.lat}&mlon=${c.lon}#map=16/${c.lat}/${c.lon}`}
                    >
                      {d('showOnMap')}
                    </a>
                  </>
                ) : null,
              ),
            ],
          ]}
        />
      </section>
      <section aria-labelledby="company-contact">
        <h2 id="company-contact">{d('contact')}</h2>
        <Facts
          rows={[
            [d('email'), orHidden(c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null)],
            [d('phone'), orHidden(c.phone ? <a href={telHref(c.phone)}>{c.phone}</a> : null)],
            [
              d('website'),
              c.website ? (
                href ? (
                  <a href={href} rel="noopener noreferrer">
                    {c.website}
                  </a>
                ) : (
                  c.website
                )
              ) : null,
            ],
          ]}
        />
      </section>
      <section aria-labelledby="company-register">
        <h2 id="company-register">{d('register')}</h2>
        <Facts
          rows={[
            [d('source'), c.verified ? d('sourceRegister') : d('sourceForm')],
            [d('created'), formatDateTime(c.createdAt, i18n.language)],
            [d('updated'), formatDateTime(c.updatedAt, i18n.language)],
          ]}
        />
      </section>
    </div>
  );
}

export default function CompanyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const company = useCompany(id);
  const me = useMe().data;
  // Back to the list as it was left (its search, filters, order and page), when it led here.
  const listSearch = listSearchOf(useLocation().state);
  return (
    <>
      <Link to={`/foretag${listSearch}`} className="back-link">
        <span aria-hidden="true">← </span>
        {t('companies.detail.back')}
      </Link>
      <PageHeading
        title={
          company.data?.name ?? (company.isError ? t('companies.detail.notFound') : t('companies.title'))
        }
      >
        {company.data?.name ?? (company.isError ? t('companies.detail.notFound') : t('common.loading'))}
      </PageHeading>
      {company.isPending ? <Spinner /> : null}
      {company.isError ? <QueryError error={company.error} onRetry={() => void company.refetch()} /> : null}
      {company.data ? <CompanyDetails c={company.data} /> : null}
      {/* Visits, reports, follow-ups and feedback: staff only (the history API is). */}
      {company.data && me && roleSatisfies(me.role, 'staff') ? <CompanyHistoryPanel companyId={id} /> : null}
    </>
  );
}
