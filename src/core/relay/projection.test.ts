import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY_MS, MONTH_MS, dateAtPace, paceNeeded, paceOver, project, stallIntervalMs } from './projection';

const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS);

void describe('projection arithmetic', () => {
  void test("Leksand's case: 1000 visits at two a month is about 42 years away", () => {
    const p = project({ visitDates: [], now, startedAt: daysAgo(400), goal: 1000, targetPace: 2 });
    assert.equal(p.remaining, 1000);
    assert.ok(p.targetPaceDate);
    const years = (p.targetPaceDate.getTime() - now.getTime()) / (12 * MONTH_MS);
    assert.ok(Math.abs(years - 1000 / 2 / 12) < 1e-9, `${years}`);
    assert.equal(Math.round(years), 42);
    assert.equal(p.projectedDate, null, 'no visits yet: no pace, no date');
  });

  void test('pace over 3, 6 and 12 months counts the visits inside each window', () => {
    // Six visits in the last three months, three more 4–5 months ago, three 9–11 months ago.
    const dates = [10, 20, 40, 50, 70, 80, 125, 135, 150, 280, 300, 330].map(daysAgo);
    const p = project({ visitDates: dates, now, startedAt: daysAgo(500), goal: 100, targetPace: 2 });
    const byMonths = Object.fromEntries(p.pace.map((x) => [x.months, x.perMonth]));
    assert.equal(byMonths[3], 6 / 3);
    assert.equal(byMonths[6], 9 / 6);
    assert.equal(byMonths[12], 12 / 12);
    assert.equal(p.currentPace, 2);
    assert.equal(p.done, 12);
    assert.equal(p.remaining, 88);
    assert.ok(p.projectedDate);
    assert.ok(Math.abs(p.projectedDate.getTime() - (now.getTime() + 44 * MONTH_MS)) < 1000);
  });

  void test('a window is clipped to the programme start, but is never shorter than a month', () => {
    const started = new Date(now.getTime() - 2 * MONTH_MS);
    const twoMonths = paceOver(
      { visitDates: [daysAgo(5), daysAgo(20), daysAgo(40), daysAgo(50)], now, startedAt: started },
      12,
    );
    assert.ok(Math.abs(twoMonths - 2) < 1e-9, 'four visits over the two months there were');
    const young = paceOver({ visitDates: [daysAgo(2)], now, startedAt: daysAgo(7) }, 3);
    assert.equal(young, 1, 'one visit in the first week reads as one a month, not four');
  });

  void test('visits outside the window or in the future are not counted', () => {
    const p = paceOver(
      { visitDates: [daysAgo(100), new Date(now.getTime() + DAY_MS)], now, startedAt: daysAgo(400) },
      3,
    );
    assert.equal(p, 0);
  });

  void test('the pace needed to reach the goal by a date', () => {
    const by = new Date(now.getTime() + 10 * MONTH_MS);
    assert.ok(Math.abs(paceNeeded(50, now, by) - 5) < 1e-9);
    assert.equal(paceNeeded(0, now, by), 0, 'nothing left: no pace needed');
    assert.equal(paceNeeded(5, now, daysAgo(1)), Number.POSITIVE_INFINITY, 'a date already passed');
    const p = project({
      visitDates: [],
      now,
      startedAt: now,
      goal: 24,
      targetPace: 2,
      byDate: new Date(now.getTime() + 6 * MONTH_MS),
    });
    assert.ok(p.neededPace !== null && Math.abs(p.neededPace - 4) < 1e-9);
  });

  void test('a reached goal is reached today; a zero pace never', () => {
    assert.equal(dateAtPace(0, 0, now)?.getTime(), now.getTime());
    assert.equal(dateAtPace(3, 0, now), null);
  });

  void test('a baton may stand still 1/pace months, times the batons in play', () => {
    assert.ok(Math.abs(stallIntervalMs(2, 1) - MONTH_MS / 2) < 1);
    assert.ok(Math.abs(stallIntervalMs(2, 3) - (3 * MONTH_MS) / 2) < 1);
    assert.equal(stallIntervalMs(0, 1), Number.POSITIVE_INFINITY);
  });
});
