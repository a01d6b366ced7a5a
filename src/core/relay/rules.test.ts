import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_TEAM_RULE,
  batonPhase,
  canNominate,
  canNominateOnBaton,
  canPutBatonInPlay,
  invitationTimes,
  teamShortfalls,
} from './rules';

void describe('team rule', () => {
  void test('the default needs one from the leadership and one from the business unit', () => {
    assert.deepEqual(teamShortfalls(DEFAULT_TEAM_RULE, ['leadership', 'business']), []);
    assert.deepEqual(teamShortfalls(DEFAULT_TEAM_RULE, ['business', 'politician']), [
      { group: 'leadership', required: 1, have: 0 },
    ]);
    assert.equal(teamShortfalls(DEFAULT_TEAM_RULE, []).length, 2);
  });
  void test('a rule may ask for more than one', () => {
    assert.deepEqual(teamShortfalls({ politician: 2 }, ['politician']), [
      { group: 'politician', required: 2, have: 1 },
    ]);
  });
});

void describe('nomination eligibility', () => {
  const base = {
    companyId: 'c',
    companiesInRelay: new Set(['a', 'b']),
    companiesInvitedNow: new Set(['x']),
    companiesDeclinedHere: new Set(['d']),
    nominatorCompanyId: 'b',
  };
  void test('a company not yet in the relay may be nominated', () => {
    assert.deepEqual(canNominate(base), { ok: true });
  });
  void test('never a company already visited in this relay', () => {
    assert.equal(canNominate({ ...base, companyId: 'a' }).ok, false);
    const v = canNominate({ ...base, companyId: 'a' });
    assert.ok(!v.ok && v.reason === 'already_in_relay');
  });
  void test('never a company that is invited right now', () => {
    const v = canNominate({ ...base, companyId: 'x' });
    assert.ok(!v.ok && v.reason === 'invited_now');
  });
  void test('not the nominator itself, nor one that declined this relay', () => {
    const self = canNominate({ ...base, companyId: 'b', companiesInRelay: new Set() });
    assert.ok(!self.ok && self.reason === 'self');
    const d = canNominate({ ...base, companyId: 'd' });
    assert.ok(!d.ok && d.reason === 'declined_before');
  });
});

void describe('the baton', () => {
  const phase = (o: Partial<Parameters<typeof batonPhase>[0]>) =>
    batonPhase({
      batonStatus: 'active',
      legStatus: 'visited',
      openInvitation: false,
      lastNominationOutcome: null,
      ...o,
    });
  void test('phases', () => {
    assert.equal(phase({ legStatus: 'to_book' }), 'to_book');
    assert.equal(phase({ legStatus: 'booked' }), 'booked');
    assert.equal(phase({}), 'to_nominate');
    assert.equal(phase({ openInvitation: true }), 'invited');
    assert.equal(phase({ lastNominationOutcome: 'declined' }), 'handed_back');
    assert.equal(phase({ lastNominationOutcome: 'expired' }), 'handed_back');
    assert.equal(phase({ batonStatus: 'ended' }), 'ended');
  });
  void test('one invitation at a time per baton; only after the visit', () => {
    assert.ok(canNominateOnBaton('to_nominate').ok);
    assert.ok(canNominateOnBaton('handed_back').ok);
    assert.ok(!canNominateOnBaton('invited').ok);
    assert.ok(!canNominateOnBaton('booked').ok);
    assert.ok(!canNominateOnBaton('ended').ok);
  });
  void test('batons in play are capped', () => {
    assert.ok(canPutBatonInPlay(0, 1).ok);
    assert.ok(!canPutBatonInPlay(1, 1).ok);
    assert.ok(canPutBatonInPlay(2, 3).ok);
  });
});

void describe('answer window', () => {
  void test('14 days with one reminder halfway', () => {
    const t = invitationTimes(new Date('2026-03-02T08:00:00Z'), 14);
    assert.equal(t.dueAt.toISOString(), '2026-03-16T08:00:00.000Z');
    assert.equal(t.remindAt.toISOString(), '2026-03-09T08:00:00.000Z');
  });
  void test('a short window still reminds before it closes', () => {
    const t = invitationTimes(new Date('2026-03-02T08:00:00Z'), 1);
    assert.ok(t.remindAt < t.dueAt);
  });
});
