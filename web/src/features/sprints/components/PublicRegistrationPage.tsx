import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { usePublicSprint, useRegister, type Receipt } from '../api/public-registration';
import { formatDay, formatInstant, useTexts } from '../texts';
import { EMPTY_DRAFT, RegistrationForm } from './RegistrationForm';
import '../sprints.css';

/**
 * The sprint's public page (/s/:slug): no log-in, open only during the registration period.
 * The sprint's name and text are the municipality's own words, Swedish in the English interface
 * too, and marked so (WCAG 3.1.2). Once sent, the form gives way to the receipt, whose heading
 * takes focus (PageHeading, after the person's action) and so is read out.
 */
export default function PublicRegistrationPage() {
  const { slug = '' } = useParams();
  const { tx, lang } = useTexts();
  const sprint = usePublicSprint(slug);
  const register = useRegister(slug);
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  if (sprint.isPending) return <Spinner />;
  if (sprint.isError) return <QueryError page error={sprint.error} onRetry={() => void sprint.refetch()} />;
  const s = sprint.data;
  if (receipt) {
    return (
      <div className="narrow">
        <PageHeading key="receipt">
          {receipt.alreadyRegistered ? tx.reg.receiptAlreadyTitle(receipt.companyName) : tx.reg.receiptTitle}
        </PageHeading>
        {receipt.alreadyRegistered ? (
          <Alert tone="info" live={false}>
            <p>{tx.reg.receiptAlready}</p>
          </Alert>
        ) : (
          <p>{tx.reg.receiptMail(receipt.contactEmail)}</p>
        )}
        <p>
          <span lang="sv">{s.name}</span> – {formatDay(s.day, lang)}
        </p>
      </div>
    );
  }
  return (
    <>
      <PageHeading title={s.name}>
        <span lang="sv">{s.name}</span>
      </PageHeading>
      <p className="lead">{tx.reg.dayLine(formatDay(s.day, lang))}</p>
      {s.publicText ? (
        <p className="page-intro sprint-public-text" lang="sv">
          {s.publicText}
        </p>
      ) : null}
      {s.state === 'before' ? (
        <Alert tone="info" live={false}>
          {tx.reg.closedBefore(formatInstant(s.registrationOpensAt, lang))}
        </Alert>
      ) : s.state === 'closed' ? (
        <Alert tone="info" live={false}>
          {s.planned && Date.parse(s.registrationClosesAt) > Date.now()
            ? tx.reg.closedPlanned
            : tx.reg.closedAfter(formatInstant(s.registrationClosesAt, lang))}
        </Alert>
      ) : (
        <>
          <p>{tx.reg.openUntil(formatInstant(s.registrationClosesAt, lang))}</p>
          <RegistrationForm
            sprint={s}
            initial={EMPTY_DRAFT}
            submitLabel={tx.reg.send}
            busy={register.isPending}
            onSubmit={(body, onError, saved) =>
              register.mutate(body, {
                onSuccess: (r) => {
                  saved();
                  setReceipt(r);
                },
                onError,
              })
            }
          />
        </>
      )}
    </>
  );
}
