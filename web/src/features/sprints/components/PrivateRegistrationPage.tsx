import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { ApiError } from '../../../lib/api';
import { swedish } from '../../../lib/forms';
import { formatOrgNr } from '../../../lib/format';
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
  const { t } = useTranslation();
  const q = usePrivateRegistration(token);
  const update = useUpdatePrivateRegistration(token);
  const withdraw = useWithdrawRegistration(token);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [withdrawError, setWithdrawError] = useState<unknown>(null);

  if (q.isPending) return <Spinner />;
  if (q.isError) {
    // A link replaced by a newer one (the form sent again) or gone with the registration's details,
    // or one cut short or mangled on its way (refused as a bad request).
    if (q.error instanceof ApiError && [400, 404, 414].includes(q.error.status)) {
      return (
        <>
          <PageHeading>{tx.reg.deadLinkTitle}</PageHeading>
          <Alert tone="info" live={false}>
            {tx.reg.deadLink}
          </Alert>
        </>
      );
    }
    return <QueryError page error={q.error} onRetry={() => void q.refetch()} />;
  }
  const { sprint, registration: reg } = q.data;
  const gone = reg.noLongerOffered;
  const goneTopics = gone.topics.map((t) => (lang === 'en' ? t.labelEn : t.labelSv)).join(', ');
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
          {reg.companyName} ({formatOrgNr(reg.orgNr)})
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
      {reg.editable && (gone.slots > 0 || gone.topics.length > 0) ? (
        <Alert tone="warning" live={false} title={tx.reg.goneTitle}>
          {gone.slots > 0 ? <p>{tx.reg.goneSlots(gone.slots)}</p> : null}
          {gone.topics.length > 0 ? <p>{tx.reg.goneTopics(goneTopics)}</p> : null}
        </Alert>
      ) : null}
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
            // The consent given with the registration stands for a change of it (ticked, and can be
            // taken back); a withdrawn registration made active again asks for it anew.
            initial={{ ...reg, orgNr: formatOrgNr(reg.orgNr), consent: !reg.withdrawn, website: '' }}
            submitLabel={tx.reg.saveChanges}
            busy={update.isPending}
            onSubmit={(body, onError, saved) =>
              update.mutate(body, {
                onSuccess: () => {
                  saved();
                  setSaved(
                    body.contactEmail.trim().toLowerCase() !== reg.contactEmail.toLowerCase()
                      ? tx.reg.contactChanged(body.contactEmail.trim().toLowerCase())
                      : tx.reg.changesSaved,
                  );
                },
                onError,
              })
            }
          />
          {reg.withdrawn ? null : (
            <section aria-labelledby="withdraw-title" className="no-print">
              <h2 id="withdraw-title">{tx.reg.withdraw}</h2>
              {withdrawError ? (
                <Alert tone="error" title={tx.reg.withdrawFailed}>
                  <p>
                    {withdrawError instanceof ApiError && withdrawError.status === 0
                      ? t('common.errors.network')
                      : withdrawError instanceof ApiError && withdrawError.message
                        ? swedish(withdrawError.message)
                        : t('common.errors.generic')}
                  </p>
                </Alert>
              ) : null}
              {confirming ? (
                <Button
                  variant="danger"
                  busy={withdraw.isPending}
                  onClick={() => {
                    setWithdrawError(null);
                    withdraw.mutate(undefined, {
                      onSuccess: () => {
                        setConfirming(false);
                        setSaved(tx.reg.withdrawn);
                      },
                      onError: (err) => setWithdrawError(err),
                    });
                  }}
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
