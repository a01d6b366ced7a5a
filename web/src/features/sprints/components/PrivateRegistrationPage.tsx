import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import {
  usePrivateRegistration,
  useUpdatePrivateRegistration,
  useWithdrawRegistration,
} from '../api/public-registration';
import { formatDay, useTexts } from '../texts';
import { RegistrationForm } from './RegistrationForm';
import '../sprints.css';

/**
 * The company's private page (/anmalan/:token, from the confirmation e-mail): see, change, withdraw.
 * Withdrawing (or registering again) takes away the button or form that had focus: the page's
 * heading takes it (`focusKey`) and the outcome is said in the status under it.
 */
export default function PrivateRegistrationPage() {
  const { token = '' } = useParams();
  const { tx, lang } = useTexts();
  const q = usePrivateRegistration(token);
  const update = useUpdatePrivateRegistration(token);
  const withdraw = useWithdrawRegistration(token);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (q.isPending) return <Spinner />;
  if (q.isError) return <QueryError page error={q.error} onRetry={() => void q.refetch()} />;
  const { sprint, registration: reg } = q.data;
  const modeText = reg.mode === 'digital' ? tx.reg.digital : `${tx.reg.physical}: ${reg.visitAddress}`;
  const slotText = sprint.slots
    .filter((s) => reg.slots.includes(s.id))
    .map((s) => `${s.start}–${s.end}`)
    .join(', ');
  return (
    <>
      <PageHeading focusKey={reg.withdrawn}>{tx.reg.privateTitle}</PageHeading>
      <p className="lead">
        <span lang="sv">{sprint.name}</span> – {formatDay(sprint.day, lang)}
      </p>
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {reg.withdrawn ? (
        <Alert tone="warning" live={false}>
          {tx.reg.withdrawnNote}
        </Alert>
      ) : null}
      <dl className="facts">
        <dt>{tx.reg.companyName}</dt>
        <dd>
          {reg.companyName} ({reg.orgNr})
        </dd>
        <dt>{tx.reg.contactName}</dt>
        <dd>
          {reg.contactName}
          {reg.contactRole ? `, ${reg.contactRole}` : ''} – {reg.contactEmail}
          {reg.contactPhone ? `, ${reg.contactPhone}` : ''}
        </dd>
        <dt>{tx.reg.mode}</dt>
        <dd>{modeText}</dd>
        <dt>{tx.reg.slots}</dt>
        <dd>{slotText}</dd>
      </dl>
      {!reg.editable ? (
        <Alert tone="info" live={false}>
          {tx.reg.locked}
        </Alert>
      ) : (
        <>
          <p>{tx.reg.privateIntro}</p>
          <RegistrationForm
            key={`${reg.withdrawn}`}
            sprint={sprint}
            lockOrgNr
            initial={{ ...reg, consent: false, website: '' }}
            submitLabel={tx.reg.saveChanges}
            busy={update.isPending}
            onSubmit={(body, onError, saved) =>
              update.mutate(body, {
                onSuccess: () => {
                  saved();
                  setSaved(tx.reg.changesSaved);
                },
                onError,
              })
            }
          />
          {reg.withdrawn ? null : (
            <section aria-labelledby="withdraw-title" className="no-print">
              <h2 id="withdraw-title">{tx.reg.withdraw}</h2>
              {confirming ? (
                <Button
                  variant="danger"
                  busy={withdraw.isPending}
                  onClick={() =>
                    withdraw.mutate(undefined, {
                      onSuccess: () => {
                        setConfirming(false);
                        setSaved(tx.reg.withdrawn);
                      },
                    })
                  }
                >
                  {tx.reg.withdrawConfirm}
                </Button>
              ) : (
                <Button variant="secondary" onClick={() => setConfirming(true)}>
                  {tx.reg.withdraw}
                </Button>
              )}
            </section>
          )}
        </>
      )}
    </>
  );
}
