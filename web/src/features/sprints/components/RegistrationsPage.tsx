import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import { useRegistrations, useSetMeetingLink, useSetPosition, type RegistrationData } from '../api/sprints';
import { useTexts } from '../texts';
import { SprintNav } from './SprintNav';
import { useSprintPage } from './useSprintPage';
import '../sprints.css';
import { swedish } from '../../../lib/forms';

/** /sprintar/:id/anmalningar (admin): who registered, and positions for on-site visits that lack one. */
export default function RegistrationsPage() {
  const { tx } = useTexts();
  const { id, sprint: q } = useSprintPage();
  const regs = useRegistrations(id);
  if (q.isPending || regs.isPending) return <Spinner />;
  if (q.isError) return <QueryError error={q.error} />;
  if (regs.isError) return <QueryError error={regs.error} />;
  const s = q.data;
  const items = regs.data.items;
  const missing = items.filter((r) => !r.withdrawn && r.mode === 'physical' && !r.position);
  const slotText = (ids: string[]) =>
    s.slots
      .filter((x) => ids.includes(x.id))
      .map((x) => x.start)
      .join(', ');
  return (
    <>
      <PageHeading>{`${tx.regs.title}: ${s.name}`}</PageHeading>
      <SprintNav sprint={s} admin />
      {missing.length ? (
        <section aria-labelledby="missing-title">
          <h2 id="missing-title">{tx.regs.missingTitle}</h2>
          <p>{tx.regs.missingIntro}</p>
          {missing.map((r) => (
            <PositionForm key={r.id} sprintId={id} reg={r} />
          ))}
        </section>
      ) : null}
      {items.length === 0 ? <p>{tx.regs.none}</p> : null}
      {items.length ? (
        <TableWrap label={tx.regs.caption}>
          <table>
            <caption>{tx.regs.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{tx.regs.company}</th>
                <th scope="col">{tx.regs.contact}</th>
                <th scope="col">{tx.regs.mode}</th>
                <th scope="col">{tx.regs.slots}</th>
                <th scope="col">{tx.regs.position}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.companyName}
                    <div className="muted">
                      {r.orgNr}
                      {r.verified ? '' : ` (${tx.regs.unverified})`}
                      {r.withdrawn ? ` – ${tx.regs.withdrawn}` : ''}
                    </div>
                  </td>
                  <td>
                    {r.contactName}
                    {r.contactRole ? `, ${r.contactRole}` : ''}
                    <div className="muted">
                      {r.contactEmail} {r.contactPhone}
                    </div>
                  </td>
                  <td>
                    {tx.modes[r.mode]}
                    {r.mode === 'physical' ? (
                      <div className="muted">{r.visitAddress}</div>
                    ) : (
                      <LinkForm sprintId={id} reg={r} />
                    )}
                  </td>
                  <td>{slotText(r.slots)}</td>
                  <td>{r.position ? `${r.position.lat.toFixed(4)}, ${r.position.lon.toFixed(4)}` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}

/** A digital visit's own meeting link (else the sprint's template is used). */
function LinkForm({ sprintId, reg }: { sprintId: string; reg: RegistrationData }) {
  const { tx } = useTexts();
  const set = useSetMeetingLink(sprintId);
  const [link, setLink] = useState(reg.meetingLink);
  const inputId = `link-${reg.id}`;
  return (
    <form
      className="sprint-inline"
      onSubmit={(e) => {
        e.preventDefault();
        set.mutate({ registration: reg.id, meetingLink: link, updatedAt: reg.updatedAt });
      }}
    >
      <div>
        <label htmlFor={inputId}>{tx.fields.visitLink(reg.companyName)}</label>
        <input
          id={inputId}
          type="url"
          maxLength={500}
          value={link}
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => setLink(e.target.value)}
        />
        <span id={`${inputId}-hint`} className="muted">
          {' '}
          {tx.fields.visitLinkHint}
        </span>
      </div>
      <Button type="submit" variant="secondary" className="btn--small" busy={set.isPending}>
        {tx.fields.saveLink}
      </Button>
      {set.isSuccess ? <span role="status">✓</span> : null}
      {set.isError ? <Alert tone="error">{swedish(set.error.message)}</Alert> : null}
    </form>
  );
}

function PositionForm({ sprintId, reg }: { sprintId: string; reg: RegistrationData }) {
  const { tx } = useTexts();
  const set = useSetPosition(sprintId);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate({
      registration: reg.id,
      lat: Number(lat.replace(',', '.')),
      lon: Number(lon.replace(',', '.')),
      updatedAt: reg.updatedAt,
    });
  };
  return (
    <form className="sprint-inline" onSubmit={submit} aria-label={`${reg.companyName}, ${reg.visitAddress}`}>
      <p>
        <strong>{reg.companyName}</strong>, {reg.visitAddress}
      </p>
      <div>
        <label htmlFor={`lat-${reg.id}`}>{tx.regs.lat(reg.companyName)}</label>
        <input
          id={`lat-${reg.id}`}
          inputMode="decimal"
          value={lat}
          onChange={(e) => setLat(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor={`lon-${reg.id}`}>{tx.regs.lon(reg.companyName)}</label>
        <input
          id={`lon-${reg.id}`}
          inputMode="decimal"
          value={lon}
          onChange={(e) => setLon(e.target.value)}
        />
      </div>
      <Button type="submit" variant="secondary" busy={set.isPending}>
        {tx.regs.setPosition}
      </Button>
      {set.isError ? <Alert tone="error">{swedish(set.error.message)}</Alert> : null}
    </form>
  );
}
