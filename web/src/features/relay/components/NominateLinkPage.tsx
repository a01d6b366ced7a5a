import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { ApiError } from '../../../lib/api';
import { swedish } from '../../../lib/forms';
import { searchByLink, useNominateByLink, useNominateLink } from '../api/links';
import { useTexts } from '../texts';
import { NominateForm } from './NominateForm';

/** The visited company's private page: name the next company. No log-in. */
export default function NominateLinkPage() {
  const { token = '' } = useParams();
  const { tx } = useTexts();
  const view = useNominateLink(token);
  const send = useNominateByLink(token);
  const [sentTo, setSentTo] = useState<string | null>(null);

  // Sent, the thanks replace the form and the heading takes focus again: the button pressed is gone.
  if (sentTo !== null) {
    return (
      <div className="narrow">
        <PageHeading focusKey="sent">
          {view.data ? tx.link.title(view.data.programmeName) : tx.title}
        </PageHeading>
        <Alert tone="success">
          <p>{tx.link.thanks(sentTo)}</p>
        </Alert>
      </div>
    );
  }
  if (view.isPending) return <Spinner />;
  if (view.isError) {
    // Spent, expired, forged or cut short by a mail program: the server says what to do, not the
    // staff's "page not found" with its way to their log-in.
    if (view.error instanceof ApiError && (view.error.status === 404 || view.error.status === 410)) {
      return (
        <div className="narrow">
          <PageHeading>{tx.deadLink.title}</PageHeading>
          <Alert tone="info" live={false}>
            <p>{view.error.message ? swedish(view.error.message) : tx.deadLink.body}</p>
          </Alert>
        </div>
      );
    }
    return (
      <div className="narrow">
        <PageHeading>{tx.title}</PageHeading>
        <QueryError error={view.error} onRetry={() => void view.refetch()} />
      </div>
    );
  }
  const v = view.data;
  return (
    <div className="narrow">
      <PageHeading>{tx.link.title(v.programmeName)}</PageHeading>
      {v.canNominate ? (
        <>
          {v.handedBack ? (
            <Alert tone="info" live={false}>
              <p>{tx.link.handedBack(v.handedBack.companyName, v.handedBack.outcome)}</p>
            </Alert>
          ) : (
            <p className="lead">{tx.link.intro(v.companyName)}</p>
          )}
          <NominateForm
            formId="nominate"
            consent={!v.showPublicly}
            search={async (q) => (await searchByLink(token, q)).items}
            busy={send.isPending}
            onSubmit={(draft, name, onError, saved) =>
              send.mutate(draft, {
                onSuccess: () => {
                  saved();
                  setSentTo(name);
                },
                onError,
              })
            }
          />
        </>
      ) : v.pending ? (
        <Alert tone="info" live={false}>
          <p>{tx.link.pending(v.pending.companyName)}</p>
        </Alert>
      ) : (
        <Alert tone="info" live={false}>
          <p>{tx.link.done}</p>
        </Alert>
      )}
    </div>
  );
}
