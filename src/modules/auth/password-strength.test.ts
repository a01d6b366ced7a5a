import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weakPasswordReason } from './password-strength';

test('common, repeated, keyboard and personal passwords are refused, with the reason in Swedish', () => {
  const cases: Array<[string, RegExp]> = [
    ['aaaaaaaaaa', /^är samma tecken eller mönster upprepat; välj en längre fras/],
    ['1234567890', /^är ett av de vanligaste lösenorden/],
    ['qwertyuiop', /^är ett av de vanligaste lösenorden/],
    ['password123', /^är ett vanligt lösenord/],
    ['anna.berg@kommun.se1', /^innehåller din e-postadress eller ditt namn/],
  ];
  for (const [password, why] of cases)
    assert.match(
      weakPasswordReason(password, ['anna.berg@kommun.se', 'Anna Berg']) ?? 'accepted',
      why,
      password,
    );
});

test('a phrase of words, or a long mixed password, is accepted', () => {
  for (const password of [
    'korrekt-häst-batteri',
    'besok-demo-2026',
    'första-lösenordet',
    'Sommar i Leksand 2026',
  ])
    assert.equal(weakPasswordReason(password, ['anna.berg@kommun.se', 'Anna Berg']), null, password);
});
