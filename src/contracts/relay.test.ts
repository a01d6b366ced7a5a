import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompanyChoice } from './relay';
import { useSwedishValidationMessages } from '../lib/zod-sv';

useSwedishValidationMessages();

const orgNrIssues = (orgNr: string) =>
  CompanyChoice.safeParse({ new: { name: 'Nya AB', orgNr } }).error?.issues.map((i) => ({
    path: i.path.join('.'),
    code: i.code,
    message: i.message,
  }));

test("a new company's empty organisation number is missing, not too short", () => {
  for (const empty of ['', '   '])
    assert.deepEqual(orgNrIssues(empty), [
      { path: 'new.orgNr', code: 'too_small', message: 'ange organisationsnummer' },
    ]);
});

test("a new company's wrong organisation number says what is wrong with it, in Swedish and English", () => {
  const issue = (v: string) =>
    CompanyChoice.safeParse({ new: { name: 'Nya AB', orgNr: v } }).error?.issues.find(
      (i) => i.path.join('.') === 'new.orgNr',
    );
  const short = issue('123');
  assert.equal(short?.message, '"123" har 3 siffror; ett organisationsnummer har 10 (eller 12)');
  assert.equal(
    (short as { params?: { en?: string } }).params?.en,
    '"123" has 3 digits; an organisation number has 10 (or 12)',
  );
  assert.equal(issue('556677-8890')?.message, '"556677-8890" har fel kontrollsiffra');
  assert.equal(CompanyChoice.safeParse({ new: { name: 'Nya AB', orgNr: '556677-8899' } }).success, true);
  assert.equal(CompanyChoice.safeParse({ new: { name: 'Nya AB', orgNr: '16556677-8899' } }).success, true);
});
