import fc from 'fast-check';
import { DomainValidationError } from '../../shared/domain-errors';
import { givenProject as given, projectRegistered, registerProject } from '../../testing/project-fixtures';

/** Splits 100 cents over n units (every unit at least 1 cent). */
const splits = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: n, maxLength: n }).map((weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      const parts = weights.map((w) => Math.max(1, Math.floor((w * 100) / total)));
      parts[0] += 100 - parts.reduce((a, b) => a + b, 0);
      return parts;
    }),
  )
  .filter((parts) => parts.every((p) => p >= 1));

const asShare = (cents: number) => (cents === 100 ? '1' : `0.${String(cents).padStart(2, '0')}`);

describe('introducing units (property)', () => {
  it('accepts any split in hundredths that sums to exactly 1, and rejects it when one share is off by 0.01', () =>
    fc.assert(
      fc.property(splits, (parts) => {
        const introducers = parts.map((p, i) => ({ unit: `unit-${i}`, share: asShare(p) }));
        given().when(registerProject({ introducers })).then(projectRegistered({ introducers }));
        const off = parts.map((p, i) => (i === parts.length - 1 ? p + 1 : p));
        if (off.every((p) => p <= 100)) {
          const wrong = off.map((p, i) => ({ unit: `unit-${i}`, share: asShare(p) }));
          given()
            .when(registerProject({ introducers: wrong }))
            .then(DomainValidationError);
        }
      }),
      { numRuns: 200 },
    ));
});
