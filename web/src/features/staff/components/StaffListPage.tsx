import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Alert } from '../../../components/Alert';
import { ButtonLink } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import { roleSatisfies, useMe } from '../../../lib/session';
import { useStaffList } from '../api/list-staff';

export interface StaffFlash {
  flash?: string;
}

export default function StaffListPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const isAdmin = me ? roleSatisfies(me.role, 'admin') : false;
  const staff = useStaffList();
  const flash = (useLocation().state as StaffFlash | null)?.flash;
  const collator = new Intl.Collator(i18n.language === 'en' ? 'en' : 'sv');
  const items = [...(staff.data?.items ?? [])].sort((a, b) => collator.compare(a.name, b.name));

  return (
    <>
      <PageHeading>{t('staff.title')}</PageHeading>
      {flash ? (
        <Alert tone="success">
          <p>{flash}</p>
        </Alert>
      ) : null}
      <p className="page-intro">{t('staff.intro')}</p>
      {isAdmin ? (
        <p>
          <ButtonLink to="/personal/ny" variant="primary">
            {t('staff.add')}
          </ButtonLink>
        </p>
      ) : null}
      {staff.isPending ? <Spinner /> : null}
      {staff.isError ? <QueryError error={staff.error} onRetry={() => void staff.refetch()} /> : null}
      {staff.data && items.length === 0 ? <p>{t('staff.empty')}</p> : null}
      {items.length > 0 ? (
        <TableWrap label={t('staff.tableCaption')}>
          <table>
            <caption className="visually-hidden">{t('staff.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.columns.name')}</th>
                <th scope="col">{t('staff.columns.email')}</th>
                <th scope="col">{t('staff.columns.group')}</th>
                <th scope="col">{t('staff.columns.role')}</th>
                <th scope="col">{t('staff.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td>
                    {isAdmin ? (
                      <Link to={`/personal/${s.id}`}>
                        {s.name}
                        <span className="visually-hidden">, {t('common.edit').toLocaleLowerCase()}</span>
                      </Link>
                    ) : (
                      s.name
                    )}
                    {s.title ? <div className="muted">{s.title}</div> : null}
                  </td>
                  <td>{s.email}</td>
                  <td>
                    {t(`staff.groups.${s.group}`)}
                    {s.party ? ` (${t(`staff.parties.${s.party}`).toLocaleLowerCase()})` : ''}
                  </td>
                  <td>{t(`staff.roles.${s.role}`)}</td>
                  <td>
                    {s.active ? t('staff.active') : <span className="badge">{t('staff.inactive')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}
