import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { useSwedishValidationMessages } from './zod-sv';

void describe('validation messages in plain Swedish', () => {
  void test('each kind of problem says what to do, without type names or symbols', () => {
    useSwedishValidationMessages();
    const S = z.object({
      password: z.string().min(10),
      name: z.string().min(1),
      email: z.email(),
      web: z.url(),
      count: z.number().int().max(5),
      whole: z.number().int(),
      role: z.enum(['admin', 'staff', 'viewer']),
      missing: z.string(),
      topics: z.array(z.string()).max(1),
      short: z.string().max(3),
      own: z.string().min(2, 'skriv hela namnet'),
      code: z.string().length(4),
      consent: z.literal(true),
    });
    const r = S.safeParse({
      password: 'kort',
      name: '',
      email: 'nej',
      web: 'inte en adress',
      count: 9,
      whole: 1.5,
      role: 'boss',
      topics: ['a', 'b'],
      short: 'abcd',
      own: 'x',
      code: '12345',
      consent: false,
    });
    assert.equal(r.success, false);
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    assert.deepEqual(byPath, {
      password: 'måste ha minst 10 tecken',
      name: 'måste fyllas i',
      email: 'är inte en giltig e-postadress',
      web: 'är inte en giltig webbadress',
      count: 'får vara högst 5',
      whole: 'måste vara ett heltal',
      role: 'måste vara ett av: admin, staff, viewer',
      missing: 'måste fyllas i',
      topics: 'välj högst 1',
      short: 'får ha högst 3 tecken',
      own: 'skriv hela namnet',
      code: 'måste ha exakt 4 tecken',
      consent: 'måste kryssas i',
    });
  });
});
