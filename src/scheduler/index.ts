// The scheduler's public API (see README.md).
export type * from './types';
export { GROUPS } from './types';
export { validateInstance, type ValidationResult } from './validate';
export {
  checkSchedule,
  HARD_RULES,
  visitOnceInAvailableSlot,
  teamSizeAndAvailability,
  requiredGroups,
  noDoubleBookingOrOverload,
  travelTime,
  noConflicts,
  fixedVisitsKept,
} from './rules';
export { solve, checkFixedVisits, scoreOf, FixedVisitsInfeasibleError } from './solve';
export { visitBound, type BoundDetail } from './bound';
export { greedySchedule } from './greedy';
