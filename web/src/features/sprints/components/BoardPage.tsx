import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { LiveStatus } from '../../../components/LiveStatus';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import { ApiError } from '../../../lib/api';
import {
  useAddVisit,
  useBoard,
  useDropVisit,
  useEditVisit,
  useParticipants,
  usePublish,
  useRunScheduler,
  type BoardData,
  type ParticipantData,
} from '../api/sprints';
import { useTopics } from '../api/lookups';
import { useTexts, type Rescheduled } from '../texts';
import { SprintNav } from './SprintNav';
import { StaleAlert } from './StaleAlert';
import { useSprintPage } from './useSprintPage';
import '../sprints.css';
import { swedish } from '../../../lib/forms';

type Visit = BoardData['visits'][number];

/** What a scheduling run changed: the visits before it against the board it answered with. */
function rescheduled(before: Visit[], after: BoardData): Rescheduled {
  const was = new Map(before.map((v) => [v.registration, v]));
  const team = (v: Visit) =>
    v.team
      .map((m) => m.id)
      .sort()
      .join(' ');
  let moved = 0;
  let newTeam = 0;
  let added = 0;
  for (const v of after.visits) {
    const old = was.get(v.registration);
    if (!old) added++;
    else {
      if (old.slot !== v.slot) moved++;
      if (team(old) !== team(v)) newTeam++;
    }
  }
  const kept = new Set(after.visits.map((v) => v.registration));
  return {
    visits: after.visits.length,
    unscheduled: after.unscheduled.length,
    earlier: before.length > 0,
    moved,
    newTeam,
    added,
    removed: before.filter((v) => !kept.has(v.registration)).length,
    pinned: after.visits.filter((v) => v.pinned).length,
  };
}

/** The id of a visit card's heading, and of a registration's row among those not in the plan. */
const cardHeadingId = (registration: string) => `v-${registration}-h`;
const unscheduledId = (registration: string) => `u-${registration}`;

/**
 * /sprintar/:id/dagen (admin): the day as a board — times down, the visits of each time across —
 * with manual changes checked against the rules at once, the registrations left out with the
 * scheduler's reasons, and the button that sends it all out.
 *
 * What each change did is said in a status line that is on the page before it speaks (a message
 * box put in with its text is read unreliably). Focus stays on the button pressed, or, when a
 * change takes the visit's card away from where it was (moved, added, taken out of the plan),
 * goes to the visit where it now is; sending the day out takes its button away, and the page's
 * heading takes focus.
 */
export default function BoardPage() {
  const { tx, lang } = useTexts();
  const { id, sprint: q } = useSprintPage();
  const board = useBoard(id);
  const roster = useParticipants(id);
  const run = useRunScheduler(id);
  const edit = useEditVisit(id);
  const drop = useDropVisit(id);
  const add = useAddVisit(id);
  const publish = usePublish(id);
  const topics = useTopics();
  const [result, setResult] = useState({ message: '', key: 0 });
  const [focusOn, setFocusOn] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const failure = [run, edit, drop, add, publish].find((m) => m.isError)?.error ?? null;
  // After the board is drawn with the change: its element is there only now.
  useEffect(() => {
    if (!focusOn) return;
    document.getElementById(focusOn)?.focus();
    setFocusOn(null);
  }, [focusOn, board.data]);

  if (q.isPending || board.isPending || roster.isPending) return <Spinner />;
  if (q.isError) return <QueryError page error={q.error} />;
  if (board.isError) return <QueryError page error={board.error} />;
  if (roster.isError) return <QueryError page error={roster.error} />;
  const b = board.data;
  const s = b.sprint;
  const people = roster.data.items;
  const reset = () => {
    setResult((r) => ({ message: '', key: r.key }));
    [run, edit, drop, add, publish].forEach((m) => m.reset());
  };
  const say = (message: string, focus?: string) => {
    setResult((r) => ({ message, key: r.key + 1 }));
    if (focus) setFocusOn(focus);
  };
  const slotName = (slot: string) => {
    const sl = b.slots.find((x) => x.id === slot);
    return sl ? `${sl.start}–${sl.end}` : slot;
  };
  const version = s.version;
  const hasPlan = b.solvedAt !== null || b.visits.length > 0;
  const covered = b.visits.reduce((n, v) => n + v.topicsCovered.length, 0);
  // What the scheduler planned from changed since its last run: its bounds and reasons are that run's.
  const staleRun = b.changedSinceRun.length > 0;
  /** The server's words in the page's language; Swedish only is marked as such in English. */
  const inLang = (sv: string, en: string | null) => (lang === 'en' && en !== null ? en : swedish(sv));

  return (
    <>
      <PageHeading focusKey={sent}>{`${tx.board.title}: ${s.name}`}</PageHeading>
      <SprintNav sprint={s} admin />
      <StaleAlert error={failure} />
      {failure && !(failure instanceof ApiError && failure.code === 'STALE') ? (
        <Alert tone="error" title={tx.board.refused}>
          <p>{swedish(failure.message)}</p>
          {failure instanceof ApiError && failure.details.length > 1 ? (
            <ul>
              {failure.details.map((d, i) => (
                <li key={i}>
                  {d.path}: {swedish(d.message)}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}

      {b.problems.length ? (
        <Alert tone="warning" live={false} title={tx.board.problems}>
          <ul>
            {b.problems.map((p, i) => (
              <li key={i}>
                {p.path}: {inLang(p.message, p.messageEn)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {b.missingPositions.length ? (
        <Alert tone="warning" live={false} title={tx.regs.missingTitle}>
          <ul>
            {b.missingPositions.map((m) => (
              <li key={m.registration}>
                {m.companyName}, {m.visitAddress}
              </li>
            ))}
          </ul>
          <Link to={`/sprintar/${id}/anmalningar`}>{tx.regs.title}</Link>
        </Alert>
      ) : null}

      <div className="sprint-inline no-print">
        <Button
          busy={run.isPending}
          busyText={tx.board.running}
          onClick={() => {
            reset();
            const before = b.visits;
            run.mutate(
              { version },
              { onSuccess: (after) => say(tx.board.rescheduled(rescheduled(before, after))) },
            );
          }}
        >
          {hasPlan ? tx.board.rerun : tx.board.run}
        </Button>
        {hasPlan && (s.status !== 'published' || b.pendingChanges > 0) ? (
          <Button
            variant="primary"
            busy={publish.isPending}
            busyText={tx.board.publishing}
            onClick={() => {
              reset();
              publish.mutate(
                { version },
                {
                  onSuccess: (r) => {
                    setSent((n) => n + 1);
                    say(
                      tx.board.published(
                        r.sent.companies,
                        r.sent.participants,
                        r.sent.cancellations,
                        r.sent.unscheduled,
                      ),
                    );
                  },
                },
              );
            }}
          >
            {s.status === 'published' ? tx.board.publishAgain(b.pendingChanges) : tx.board.publish}
          </Button>
        ) : null}
      </div>
      <LiveStatus message={result.message} sayKey={result.key} />
      {s.status === 'published' && b.pendingChanges === 0 ? <p>{tx.board.nothingPending}</p> : null}
      {!hasPlan ? <p>{tx.board.noPlan}</p> : null}
      {/* The bounds are the last scheduling's, of what it planned from: once that changed (a
          registration came or got its position, the participants or the day changed), they bound
          nothing on the board, and the board says they are that run's instead of showing them. */}
      {staleRun ? (
        <Alert tone="info" live={false} title={tx.board.staleRun(b.changedSinceRun)}>
          <p>{tx.board.staleBounds(b.bound, b.coverageBound)}</p>
        </Alert>
      ) : null}
      {!staleRun && b.bound !== null && b.visits.length <= b.bound ? (
        <p>{tx.board.bound(b.visits.length, b.bound)}</p>
      ) : null}
      {!staleRun && b.coverageBound !== null && covered <= b.coverageBound ? (
        <p>{tx.board.coverage(covered, b.coverageBound)}</p>
      ) : null}

      {hasPlan ? (
        <section aria-labelledby="plan-title">
          {/* The cards' h3s sit under this h2, not straight under the h1 (a heading in a row
              header, one per time, is not allowed in HTML). */}
          <h2 id="plan-title">{tx.board.caption}</h2>
          <TableWrap label={tx.board.caption}>
            <table className="sprint-board">
              <caption className="visually-hidden">{tx.board.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{tx.board.slot}</th>
                  <th scope="col">{tx.board.visits}</th>
                </tr>
              </thead>
              <tbody>
                {b.slots.map((sl) => (
                  <tr key={sl.id}>
                    <th scope="row" className="nowrap">
                      {sl.start}–{sl.end}
                    </th>
                    <td>
                      <div className="sprint-slot">
                        {b.visits
                          .filter((v) => v.slot === sl.id)
                          .map((v) => (
                            <VisitCard
                              key={v.registration}
                              visit={v}
                              slots={b.slots}
                              people={people}
                              topicLabel={(slug) => {
                                const tp = topics.data?.items.find((x) => x.slug === slug);
                                return tp ? (lang === 'en' ? tp.labelEn : tp.labelSv) : slug;
                              }}
                              busy={edit.isPending || drop.isPending}
                              onPin={(pinned) => {
                                reset();
                                edit.mutate(
                                  { registration: v.registration, version, pinned },
                                  {
                                    onSuccess: () =>
                                      say(
                                        pinned
                                          ? tx.board.pinnedDone(v.companyName)
                                          : tx.board.unpinnedDone(v.companyName),
                                      ),
                                  },
                                );
                              }}
                              onMove={(slot) => {
                                reset();
                                edit.mutate(
                                  { registration: v.registration, version, slot },
                                  {
                                    onSuccess: () =>
                                      say(
                                        tx.board.moved(v.companyName, slotName(slot)),
                                        cardHeadingId(v.registration),
                                      ),
                                  },
                                );
                              }}
                              onTeam={(team) => {
                                reset();
                                edit.mutate(
                                  { registration: v.registration, version, team },
                                  { onSuccess: () => say(tx.board.teamSaved(v.companyName)) },
                                );
                              }}
                              onDrop={() => {
                                reset();
                                drop.mutate(
                                  { registration: v.registration, version },
                                  {
                                    onSuccess: () =>
                                      say(tx.board.dropped(v.companyName), unscheduledId(v.registration)),
                                  },
                                );
                              }}
                            />
                          ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}

      {b.unscheduled.length ? (
        <section aria-labelledby="unscheduled-title">
          <h2 id="unscheduled-title">{tx.board.unscheduledTitle}</h2>
          <TableWrap label={tx.board.unscheduledCaption}>
            <table>
              <caption className="visually-hidden">{tx.board.unscheduledCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{tx.regs.company}</th>
                  <th scope="col">{tx.board.reason}</th>
                  <th scope="col">{tx.board.addButton}</th>
                </tr>
              </thead>
              <tbody>
                {b.unscheduled.map((u) => (
                  <tr key={u.registration}>
                    <th scope="row" id={unscheduledId(u.registration)} tabIndex={-1}>
                      {u.companyName}
                    </th>
                    <td>{inLang(u.reason, u.reasonEn)}</td>
                    <td>
                      {hasPlan && !b.missingPositions.some((m) => m.registration === u.registration) ? (
                        <AddForm
                          registration={u.registration}
                          name={u.companyName}
                          slots={b.slots}
                          people={people}
                          busy={add.isPending}
                          onAdd={(slot, team) => {
                            reset();
                            add.mutate(
                              { registration: u.registration, version, slot, team },
                              {
                                onSuccess: () =>
                                  say(
                                    tx.board.added(u.companyName, slotName(slot)),
                                    cardHeadingId(u.registration),
                                  ),
                              },
                            );
                          }}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}

      {people.length ? (
        <section aria-labelledby="days-title" className="no-print">
          <h2 id="days-title">{tx.day.title}</h2>
          <ul>
            {people.map((p) => (
              <li key={p.userId}>
                <Link to={`/sprintar/${id}/dag/${p.userId}`}>{tx.board.dayOf(p.name)}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function VisitCard({
  visit: v,
  slots,
  people,
  topicLabel,
  busy,
  onPin,
  onMove,
  onTeam,
  onDrop,
}: {
  visit: Visit;
  slots: BoardData['slots'];
  people: ParticipantData[];
  topicLabel: (slug: string) => string;
  busy: boolean;
  onPin: (pinned: boolean) => void;
  onMove: (slot: string) => void;
  onTeam: (team: string[]) => void;
  onDrop: () => void;
}) {
  const { tx } = useTexts();
  const [slot, setSlot] = useState(v.slot);
  const [team, setTeam] = useState(v.team.map((m) => m.id));
  // The board reloaded with another team or time for this visit (a colleague's change, a new
  // run): the card's choices start from it again, so an edit never saves the team as it was.
  const teamKey = v.team.map((m) => m.id).join(',');
  useEffect(() => {
    setSlot(v.slot);
    setTeam(teamKey ? teamKey.split(',') : []);
  }, [teamKey, v.slot]);
  const base = `v-${v.registration}`;
  return (
    <article className="sprint-visit" aria-labelledby={cardHeadingId(v.registration)}>
      <h3 id={cardHeadingId(v.registration)} tabIndex={-1} className="sprint-visit__title">
        {v.companyName}
      </h3>
      <p className="muted">
        {tx.modes[v.mode]}
        {v.pinned ? ` · ${tx.board.pinned}` : ''}
      </p>
      <ul aria-label={tx.board.team}>
        {v.team.map((m) => (
          <li key={m.id}>
            {m.name}{' '}
            <span className="muted">
              (
              {people.some((p) => p.userId === m.id)
                ? (tx.groups[m.group as keyof typeof tx.groups] ?? m.group)
                : tx.board.leftSprint}
              )
            </span>
          </li>
        ))}
      </ul>
      {v.topicsCovered.length ? (
        <p>
          {tx.board.topics}: {v.topicsCovered.map(topicLabel).join(', ')}
        </p>
      ) : null}
      <div className="sprint-inline no-print">
        <div>
          <label htmlFor={`${base}-slot`}>
            {tx.board.move}
            <span className="visually-hidden">{tx.board.moveOf(v.companyName)}</span>
          </label>
          <select id={`${base}-slot`} value={slot} onChange={(e) => setSlot(e.target.value)}>
            {slots.map((s) => (
              <option key={s.id} value={s.id}>
                {s.start}–{s.end}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary" className="btn--small" busy={busy} onClick={() => onMove(slot)}>
          {tx.board.moveButton}
        </Button>
      </div>
      <details className="no-print">
        <summary>
          {tx.board.changeTeam}
          <span className="visually-hidden">{tx.board.moveOf(v.companyName)}</span>
        </summary>
        <fieldset>
          <legend>{tx.board.teamFor(v.companyName)}</legend>
          {/* The roster, then anyone on the team no longer on it (deactivated, then taken off it):
              listed too, so that they can be taken off the team. */}
          {[
            ...people.map((p) => ({
              id: p.userId,
              label: `${p.name} (${tx.groups[p.group as keyof typeof tx.groups] ?? p.group})`,
            })),
            ...v.team
              .filter((m) => !people.some((p) => p.userId === m.id))
              .map((m) => ({ id: m.id, label: `${m.name} (${tx.board.leftSprint})` })),
          ].map((m) => (
            <div className="choice" key={m.id}>
              <input
                type="checkbox"
                id={`${base}-m-${m.id}`}
                checked={team.includes(m.id)}
                onChange={(e) => setTeam(e.target.checked ? [...team, m.id] : team.filter((x) => x !== m.id))}
              />
              <label htmlFor={`${base}-m-${m.id}`}>{m.label}</label>
            </div>
          ))}
        </fieldset>
        <Button variant="secondary" className="btn--small" busy={busy} onClick={() => onTeam(team)}>
          {tx.board.saveTeam}
        </Button>
      </details>
      <div className="sprint-inline no-print">
        <Button variant="secondary" className="btn--small" busy={busy} onClick={() => onPin(!v.pinned)}>
          {v.pinned ? tx.board.unpin : tx.board.pin}
          <span className="visually-hidden">{tx.board.visitOf(v.companyName)}</span>
        </Button>
        <Button variant="danger" className="btn--small" busy={busy} onClick={onDrop}>
          {tx.board.drop}
          <span className="visually-hidden">{tx.board.visitOf(v.companyName)}</span>
        </Button>
      </div>
    </article>
  );
}

function AddForm({
  registration,
  name,
  slots,
  people,
  busy,
  onAdd,
}: {
  /** Its ids are the registration's: two companies of one name must not share them. */
  registration: string;
  name: string;
  slots: BoardData['slots'];
  people: ParticipantData[];
  busy: boolean;
  onAdd: (slot: string, team: string[]) => void;
}) {
  const { tx } = useTexts();
  const [slot, setSlot] = useState(slots[0]?.id ?? '');
  const [team, setTeam] = useState<string[]>([]);
  const base = `add-${registration}`;
  return (
    <details>
      <summary>{tx.board.add(name)}</summary>
      <div>
        <label htmlFor={`${base}-slot`}>{tx.board.addSlot}</label>
        <select id={`${base}-slot`} value={slot} onChange={(e) => setSlot(e.target.value)}>
          {slots.map((s) => (
            <option key={s.id} value={s.id}>
              {s.start}–{s.end}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{tx.board.addTeam}</legend>
        {people.map((p) => (
          <div className="choice" key={p.userId}>
            <input
              type="checkbox"
              id={`${base}-m-${p.userId}`}
              checked={team.includes(p.userId)}
              onChange={(e) =>
                setTeam(e.target.checked ? [...team, p.userId] : team.filter((x) => x !== p.userId))
              }
            />
            <label htmlFor={`${base}-m-${p.userId}`}>{p.name}</label>
          </div>
        ))}
      </fieldset>
      <Button variant="secondary" className="btn--small" busy={busy} onClick={() => onAdd(slot, team)}>
        {tx.board.addButton}
      </Button>
    </details>
  );
}
