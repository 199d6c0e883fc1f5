import t from 'tap';
import { done, err, ok, type Result } from '../src/index.ts';

t.test('ok and err make the two shapes, and narrowing reads the same everywhere', (t) => {
  const half = (n: number): Result<number, 'odd'> => (n % 2 === 0 ? ok(n / 2) : err('odd'));
  const a = half(4);
  const b = half(3);
  t.same(a, { ok: true, value: 2 });
  t.same(b, { ok: false, error: 'odd' });
  t.equal(a.ok ? a.value : -1, 2);
  t.equal(b.ok ? 'no' : b.error, 'odd');
  t.same(done, { ok: true, value: undefined });
  t.ok(Object.isFrozen(done), 'the shared success cannot be changed by a caller');
  t.end();
});
