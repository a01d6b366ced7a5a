import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatOrgNr, hasValidCheckDigit, hidePersonalNumber, luhnCheckDigit, parseOrgNr } from './orgnr';

describe('organisation numbers', () => {
  test('the Luhn check digit', () => {
    assert.equal(luhnCheckDigit('556677889'), 9);
    assert.equal(luhnCheckDigit('212000014'), 2); // Stockholms kommun 212000-0142
    assert.ok(hasValidCheckDigit('2120000142'));
    assert.ok(!hasValidCheckDigit('2120000143'));
  });

  test('every accepted form normalises to ten digits', () => {
    for (const input of [
      '556677-8899',
      '5566778899',
      '16556677-8899',
      '165566778899',
      ' 556677 - 8899 ',
      // The dashes Excel and Word put in place of a hyphen, and a minus sign.
      '556677\u20138899',
      '556677\u20148899',
      '556677\u22128899',
      '16556677\u20138899',
    ]) {
      assert.deepEqual(parseOrgNr(input), { ok: true, orgNr: '5566778899', personal: false }, input);
    }
  });

  test('a personnummer (sole trader) is kept and marked personal', () => {
    const ten = '800101' + '000' + luhnCheckDigit('800101000');
    for (const input of [
      ten,
      `${ten.slice(0, 6)}-${ten.slice(6)}`,
      `19${ten}`,
      `19${ten.slice(0, 6)}-${ten.slice(6)}`,
    ]) {
      const r = parseOrgNr(input);
      assert.ok(r.ok && r.personal && r.orgNr === ten, input);
    }
    const plus = parseOrgNr(`${ten.slice(0, 6)}+${ten.slice(6)}`);
    assert.ok(plus.ok && plus.personal);
  });

  test('a coordination number (day + 60) is a person too', () => {
    const nine = '800161000';
    const r = parseOrgNr(nine + luhnCheckDigit(nine));
    assert.ok(r.ok && r.personal);
  });

  test('refusals say why, in Swedish and (for a form shown in English) in English', () => {
    assert.deepEqual(parseOrgNr(''), {
      ok: false,
      reason: 'empty',
      message: 'organisationsnummer saknas',
      messageEn: 'the organisation number is missing',
    });
    const bad = parseOrgNr('556677-8898');
    assert.ok(!bad.ok && bad.reason === 'checksum' && bad.message === '"556677-8898" har fel kontrollsiffra');
    assert.equal(bad.messageEn, '"556677-8898" has the wrong check digit (its last digit); check the number');
    const short = parseOrgNr('55667788');
    assert.ok(!short.ok && short.reason === 'format' && /8 siffror/.test(short.message));
    assert.match(short.messageEn, /has 8 digits; an organisation number has 10 \(or 12\)/);
    const prefix = parseOrgNr('175566778899');
    assert.ok(!prefix.ok && /16, 19 eller 20/.test(prefix.message) && /16, 19 or 20/.test(prefix.messageEn));
    const letters = parseOrgNr('SE556677889901');
    assert.ok(!letters.ok && letters.reason === 'format');
    assert.equal(letters.messageEn, '"SE556677889901" is not an organisation number');
    // Third digit below 2 but no real birth date: neither kind.
    const nine = '801301000';
    const nodate = parseOrgNr(nine + luhnCheckDigit(nine));
    assert.ok(!nodate.ok && nodate.reason === 'format' && /neither/.test(nodate.messageEn));
  });

  test('formats with the dash', () => {
    assert.equal(formatOrgNr('5566778899'), '556677-8899');
  });

  test("a personnummer's last four digits are hidden for those who need not see them; others stay", () => {
    assert.equal(hidePersonalNumber('8001011234'), '800101-XXXX');
    assert.equal(hidePersonalNumber('0012311234'), '001231-XXXX');
    assert.equal(hidePersonalNumber('5566778899'), '5566778899');
    assert.equal(hidePersonalNumber('2120000142'), '2120000142');
  });
});
