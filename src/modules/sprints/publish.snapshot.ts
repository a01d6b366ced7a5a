import type { PlanVisit } from '../../contracts/sprints';
import type { SprintData } from './sprint.model';
import type { SprintRegistrationTable } from './sprint.table';

/** What a company and a team were told about a visit; a change to any of it is sent as an update. */
export interface VisitSnapshot {
  slot: string;
  start: string;
  end: string;
  team: string[];
  mode: string;
  place: string;
}

export function meetingLinkOf(
  s: SprintData,
  r: Pick<SprintRegistrationTable, 'id' | 'meeting_link'>,
): string {
  if (r.meeting_link) return r.meeting_link;
  // The template may carry {id}: a per-visit room, e.g. https://meet.example/besok-{id}.
  return s.row.meeting_link_template.replaceAll('{id}', r.id.slice(0, 8));
}

export function snapshotOf(
  s: SprintData,
  v: Pick<PlanVisit, 'slot' | 'team'>,
  r: Pick<SprintRegistrationTable, 'id' | 'mode' | 'visit_address' | 'meeting_link'>,
): VisitSnapshot {
  const slot = s.slots.find((x) => x.id === v.slot);
  return {
    slot: v.slot,
    start: `${s.row.day}T${slot?.start ?? '00:00'}`,
    end: `${s.row.day}T${slot?.end ?? '00:00'}`,
    team: [...v.team].sort(),
    mode: r.mode,
    place: r.mode === 'digital' ? meetingLinkOf(s, r) : r.visit_address,
  };
}
