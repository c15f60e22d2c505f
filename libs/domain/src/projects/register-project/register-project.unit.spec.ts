import { AlreadyExistsError, DomainValidationError } from '../../shared/domain-errors';
import { givenProject as given, projectRegistered, registerProject } from '../../testing/project-fixtures';

const fieldsOf = (e: DomainValidationError) => e.errors.map((x) => x.field);

describe('RegisterProject', () => {
  describe('when no project exists', () => {
    it('registers the lead', () => given().when(registerProject()).then(projectRegistered()));

    it('registers a lead straight at negotiating', () =>
      given()
        .when(registerProject({ stage: 'negotiating' }))
        .then(projectRegistered({ stage: 'negotiating' })));

    it('normalises money to 2 places and source regions to catalogue order', () =>
      given()
        .when(
          registerProject({
            totalInvestment: { amount: '200000000', currency: 'CNY' },
            sourceRegions: ['asean', 'pearl_river_delta'],
          }),
        )
        .then(
          projectRegistered({
            totalInvestment: { amount: '200000000.00', currency: 'CNY' },
            sourceRegions: ['pearl_river_delta', 'asean'],
          }),
        ));

    it('accepts shares 0.33 + 0.33 + 0.34', () => {
      const introducers = [
        { unit: 'Hengyang commerce bureau', share: '0.33' },
        { unit: 'Shenzhen representative office', share: '0.33' },
        { unit: 'Hunan chamber in Guangdong', share: '0.34' },
      ];
      given().when(registerProject({ introducers })).then(projectRegistered({ introducers }));
    });

    it('rejects shares 0.333 × 3, which sum to 0.999', () =>
      given()
        .when(registerProject({ introducers: ['a', 'b', 'c'].map((unit) => ({ unit, share: '0.333' })) }))
        .then(DomainValidationError, (e) =>
          expect(e.errors).toEqual([{ field: 'introducers', message: expect.stringContaining('0.999') }]),
        ));

    it('rejects a share that is a float-looking or out-of-range value', () =>
      given()
        .when(
          registerProject({
            introducers: [
              { unit: 'a', share: '1.5' },
              { unit: 'b', share: '-0.5' },
            ],
          }),
        )
        .then(DomainValidationError, (e) =>
          expect(fieldsOf(e)).toEqual(['introducers[0].share', 'introducers[1].share']),
        ));

    it('rejects a unit named twice and an empty list', () => {
      given()
        .when(
          registerProject({
            introducers: [
              { unit: 'a', share: '0.5' },
              { unit: 'a', share: '0.5' },
            ],
          }),
        )
        .then(DomainValidationError, (e) => expect(fieldsOf(e)).toEqual(['introducers']));
      given()
        .when(registerProject({ introducers: [] }))
        .then(DomainValidationError, (e) => expect(fieldsOf(e)).toEqual(['introducers']));
    });

    it('rejects an unknown city, industry, capital type, channel and stage, naming each field', () =>
      given()
        .when(
          registerProject({
            city: '440300' as never,
            industry: 'mining' as never,
            capitalType: 'mixed' as never,
            leadChannel: 'cold_call' as never,
            stage: 'signed' as never,
          }),
        )
        .then(DomainValidationError, (e) =>
          expect(fieldsOf(e)).toEqual(['city', 'industry', 'capitalType', 'leadChannel', 'stage']),
        ));

    it.each([
      ['a float', { amount: 2.5e8 as never, currency: 'CNY' }, 'totalInvestment.amount'],
      ['three decimals', { amount: '1.005', currency: 'CNY' }, 'totalInvestment.amount'],
      ['zero', { amount: '0', currency: 'CNY' }, 'totalInvestment.amount'],
      ['an exponent', { amount: '2e8', currency: 'CNY' }, 'totalInvestment.amount'],
      ['another currency', { amount: '100', currency: 'EUR' as never }, 'totalInvestment.currency'],
    ])('rejects an investment with %s', (_label, totalInvestment, field) =>
      given()
        .when(registerProject({ totalInvestment: totalInvestment as never }))
        .then(DomainValidationError, (e) => expect(fieldsOf(e)).toEqual([field])),
    );

    it('rejects unknown and repeated source regions', () => {
      given()
        .when(registerProject({ sourceRegions: ['mars' as never] }))
        .then(DomainValidationError, (e) => expect(fieldsOf(e)).toEqual(['sourceRegions']));
      given()
        .when(registerProject({ sourceRegions: ['asean', 'asean'] }))
        .then(DomainValidationError, (e) => expect(fieldsOf(e)).toEqual(['sourceRegions']));
    });

    it('requires the promotion event when the channel is a promotion event', () =>
      given()
        .when(registerProject({ leadChannel: 'promotion_event' }))
        .then(DomainValidationError, (e) => expect(fieldsOf(e)).toEqual(['promotionEvent'])));

    it('records the promotion event when given', () => {
      const promotionEvent = { id: 'evt-2014-shanghai-week', name: 'Hunan (Shanghai) investment week' };
      const expected = projectRegistered({ leadChannel: 'promotion_event' });
      given()
        .when(registerProject({ leadChannel: 'promotion_event', promotionEvent }))
        .then({ ...expected, data: { ...expected.data, promotionEvent } });
    });

    it('rejects an identification date after the day it is recorded, and a malformed one', () => {
      given()
        .when(registerProject({ identifiedOn: '2014-07-01' }))
        .then(DomainValidationError, (e) => expect(fieldsOf(e)).toEqual(['identifiedOn']));
      given()
        .when(registerProject({ identifiedOn: '2014-02-30' }))
        .then(DomainValidationError, (e) => expect(fieldsOf(e)).toEqual(['identifiedOn']));
    });

    it('rejects a blank name and a missing investor id', () =>
      given()
        .when(registerProject({ name: '  ', investorId: '' }))
        .then(DomainValidationError, (e) => expect(fieldsOf(e)).toEqual(['name', 'investorId'])));
  });

  describe('when the project already exists', () => {
    it('refuses to register it again', () =>
      given(projectRegistered()).when(registerProject()).then(AlreadyExistsError));
  });
});
