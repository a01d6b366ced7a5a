import { Fragment } from 'react';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { isApiError } from '../../../lib/api';
import { useDemoMailbox, type DemoMessage } from '../api/mailbox';
import { useTexts } from '../texts';

const URL_RE = /(https?:\/\/[^\s<>"]+)/g;

/** The text of a message with its addresses as links (as text nodes and anchors, never as HTML). */
function Linked({ text }: { text: string }) {
  const parts = text.split(URL_RE);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <a key={i} href={p}>
            {p}
          </a>
        ) : (
          <Fragment key={i}>{p}</Fragment>
        ),
      )}
    </>
  );
}

function Message({ m }: { m: DemoMessage }) {
  const { tx, lang } = useTexts();
  const when = new Date(m.receivedAt).toLocaleString(lang === 'en' ? 'en-GB' : 'sv-SE', {
    timeZone: 'Europe/Stockholm',
  });
  return (
    <li className="card demo-mail">
      <h2 className="card__title">{m.subject || '—'}</h2>
      <dl className="demo-mail__meta">
        <dt>{tx.to}</dt>
        <dd>{m.to.join(', ')}</dd>
        <dt>{tx.from}</dt>
        <dd>{m.from}</dd>
        <dt>{tx.received}</dt>
        <dd>
          <time dateTime={m.receivedAt}>{when}</time>
        </dd>
        {m.attachments.length ? (
          <>
            <dt>{tx.attachments}</dt>
            <dd>{m.attachments.map((a) => `${a.filename} (${a.contentType})`).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <details>
        <summary>{tx.showText}</summary>
        <pre className="demo-mail__text">
          <Linked text={m.text} />
        </pre>
      </details>
      <p>
        <a
          href={`/api/demo/mailbox/${encodeURIComponent(m.id)}/raw`}
          aria-label={tx.downloadLabel(m.subject)}
        >
          {tx.download}
        </a>
      </p>
    </li>
  );
}

/** /demobrevlada — what the demo's own SMTP server received (admins; only in the demo). */
export default function DemoMailboxPage() {
  const { tx } = useTexts();
  const box = useDemoMailbox();
  return (
    <>
      <PageHeading>{tx.title}</PageHeading>
      <p className="page-intro">{tx.intro}</p>
      {box.isPending ? <Spinner /> : null}
      {box.isError ? (
        isApiError(box.error, 404) ? (
          <p>{tx.notDemo}</p>
        ) : (
          <QueryError error={box.error} onRetry={() => void box.refetch()} />
        )
      ) : null}
      {box.data ? (
        box.data.items.length === 0 ? (
          <p>{tx.empty}</p>
        ) : (
          <>
            <p aria-live="polite">{tx.count(box.data.items.length)}</p>
            <ul className="cards cards--single">
              {box.data.items.map((m) => (
                <Message key={m.id} m={m} />
              ))}
            </ul>
          </>
        )
      ) : null}
    </>
  );
}
