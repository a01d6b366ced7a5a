/** The relay's shapes, from the contract the server validates its answers with. */
import type { z } from 'zod';
import type {
  Baton as BatonSchema,
  Chain as ChainSchema,
  CompanyBrief as CompanyBriefSchema,
  Coverage as CoverageSchema,
  CreateProgrammeBody,
  InvitationView as InvitationViewSchema,
  Leg as LegSchema,
  LinkCompanyHit as LinkCompanyHitSchema,
  Nomination as NominationSchema,
  NominateBody,
  NominateLinkView as NominateLinkViewSchema,
  Programme as ProgrammeSchema,
  Projection as ProjectionSchema,
  PublicRelay as PublicRelaySchema,
  RelayEvent as RelayEventSchema,
  StalledBaton as StalledBatonSchema,
  UpdateProgrammeBody,
} from '@contracts/relay';

export type Programme = z.infer<typeof ProgrammeSchema>;
export type Chain = z.infer<typeof ChainSchema>;
export type Baton = z.infer<typeof BatonSchema>;
export type Leg = z.infer<typeof LegSchema>;
export type Nomination = z.infer<typeof NominationSchema>;
export type CompanyBrief = z.infer<typeof CompanyBriefSchema>;
export type Coverage = z.infer<typeof CoverageSchema>;
export type Projection = z.infer<typeof ProjectionSchema>;
export type RelayEvent = z.infer<typeof RelayEventSchema>;
export type StalledBaton = z.infer<typeof StalledBatonSchema>;
export type InvitationView = z.infer<typeof InvitationViewSchema>;
export type NominateLinkView = z.infer<typeof NominateLinkViewSchema>;
export type LinkCompanyHit = z.infer<typeof LinkCompanyHitSchema>;
export type PublicRelay = z.infer<typeof PublicRelaySchema>;
export type CreateProgrammeInput = z.input<typeof CreateProgrammeBody>;
export type UpdateProgrammeInput = z.input<typeof UpdateProgrammeBody>;
export type NominateInput = z.input<typeof NominateBody>;
