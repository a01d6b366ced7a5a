import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { coverageRows, suggestGapFillers, type CoverageCompany, type Dimension } from './coverage';

const co = (id: string, sniSection: string, sizeClass: number, area: string): CoverageCompany => ({
  id,
  name: `Bolag ${id}`,
  sniSection,
  sizeClass,
  area,
});

void describe('coverage', () => {
  const register = [
    co('1', 'C', 2, 'Leksand'),
    co('2', 'C', 2, 'Leksand'),
    co('3', 'F', 2, 'Insjön'),
    co('4', 'F', 2, 'Insjön'),
    co('5', 'G', 5, 'Leksand'),
    co('6', 'G', 2, 'Siljansnäs'),
    co('7', 'C', 6, 'Leksand'),
    co('8', 'I', 2, 'Siljansnäs'),
  ];
  const visited = [register[4]!, register[6]!];
  const counts = (d: Dimension) => {
    const m = new Map<string, number>();
    for (const c of register) {
      const k = d === 'sniSection' ? c.sniSection! : d === 'sizeClass' ? String(c.sizeClass) : c.area!;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };

  void test('shares against the register, size classes in order', () => {
    const rows = coverageRows(visited, counts('sizeClass'), 'sizeClass');
    assert.deepEqual(
      rows.map((r) => [r.key, r.relay, r.register]),
      [
        ['2', 0, 6],
        ['5', 1, 1],
        ['6', 1, 1],
      ],
    );
    assert.equal(rows[0]!.gap, 6 / 8, 'the small firms: 75 % of the register, none visited');
  });

  void test('gap-fillers: small firms outside the visited sections and areas come first', () => {
    const rows = {
      sniSection: coverageRows(visited, counts('sniSection'), 'sniSection'),
      sizeClass: coverageRows(visited, counts('sizeClass'), 'sizeClass'),
      area: coverageRows(visited, counts('area'), 'area'),
    };
    const candidates = register.filter((c) => !visited.includes(c));
    const s = suggestGapFillers(candidates, rows, 3);
    assert.equal(s.length, 3);
    assert.ok(s.every((c) => c.sizeClass === 2));
    assert.ok(s[0]!.reasons.includes('sizeClass'));
    assert.ok(['3', '4', '6', '8'].includes(s[0]!.id), 'outside Leksand and outside section C/G');
  });
});
