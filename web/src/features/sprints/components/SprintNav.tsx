import { NavLink } from 'react-router';
import type { SprintData } from '../api/sprints';
import { useTexts } from '../texts';

/** The sprint's own pages, as a list of links (the current one marked for screen readers too). */
export function SprintNav({ sprint, admin }: { sprint: SprintData; admin: boolean }) {
  const { tx } = useTexts();
  const base = `/sprintar/${sprint.id}`;
  const links = admin
    ? [
        { to: base, label: tx.tabs.settings, end: true },
        { to: `${base}/deltagare`, label: tx.tabs.roster },
        { to: `${base}/anmalningar`, label: tx.tabs.registrations },
        { to: `${base}/dagen`, label: tx.tabs.board },
        { to: `${base}/mina-tider`, label: tx.tabs.availability },
        { to: `${base}/dag`, label: tx.day.title },
      ]
    : [
        { to: `${base}/mina-tider`, label: tx.tabs.availability },
        { to: `${base}/dag`, label: tx.day.title },
      ];
  return (
    <nav aria-label={sprint.name} className="no-print">
      <ul className="sprint-tabs">
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end ?? false} className="btn btn--secondary btn--small">
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
