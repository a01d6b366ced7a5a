import { Link, useParams } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { useCompanyHistory } from '../api/history';
import { useTexts } from '../texts';
import { HistoryList } from './CompanyHistory';

/** /foretag/:id/historik — everything that happened with a company, newest first. */
export default function CompanyHistoryPage() {
  const { id = '' } = useParams();
  const { tx } = useTexts();
  const history = useCompanyHistory(id);
  if (history.isError) {
    return (
      <>
        <PageHeading>{tx.history.title('')}</PageHeading>
        <QueryError error={history.error} />
      </>
    );
  }
  if (!history.data) {
    return (
      <>
        <PageHeading>{tx.common.loading}</PageHeading>
        <Spinner />
      </>
    );
  }
  return (
    <>
      <p className="back-link">
        <Link to={`/foretag/${id}`}>← {tx.history.company}</Link>
      </p>
      <PageHeading>{tx.history.title(history.data.company.name)}</PageHeading>
      <p className="page-intro">{tx.history.intro}</p>
      <HistoryList data={history.data} headingLevel={2} />
    </>
  );
}
