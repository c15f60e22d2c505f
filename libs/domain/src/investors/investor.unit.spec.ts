import { AggregateNotFoundError, AlreadyExistsError, DomainValidationError } from '../shared/domain-errors';
import { specFor } from '../testing/given-when-then';
import type { AmendInvestorDetails, RegisterInvestor } from './investor.commands';
import { investorDecider } from './investor.decide';
import type { InvestorEvent } from './investor.events';
import { isUnifiedSocialCreditCode, unifiedSocialCreditCheckChar } from './unified-social-credit-code';

const given = specFor(investorDecider);
const GREE_CODE = '91440400192548256N';

const register = (overrides: Partial<RegisterInvestor['data']> = {}): RegisterInvestor => ({
  type: 'RegisterInvestor',
  data: {
    investorId: 'inv-gree',
    registeredByUnit: 'foshan-office',
    name: 'Gree Electric',
    country: 'CN',
    unifiedSocialCreditCode: GREE_CODE,
    rankings: ['listed', 'china_top_100'],
    recordedOn: '2014-06-30',
    ...overrides,
  },
});

const registered: InvestorEvent = {
  type: 'InvestorRegistered',
  data: {
    investorId: 'inv-gree',
    registeredByUnit: 'foshan-office',
    name: 'Gree Electric',
    country: 'CN',
    unifiedSocialCreditCode: GREE_CODE,
    rankings: ['china_top_100', 'listed'],
  },
};

const amend = (
  changes: AmendInvestorDetails['data']['changes'],
  reason = 'annual list update',
): AmendInvestorDetails => ({
  type: 'AmendInvestorDetails',
  data: { investorId: 'inv-gree', changes, reason, recordedOn: '2014-06-30' },
});

const fields = (e: DomainValidationError) => e.errors.map((x) => x.field);

describe('RegisterInvestor', () => {
  describe('when the investor is new', () => {
    it('registers a mainland enterprise with its credit code, rankings in catalogue order', () =>
      given().when(register()).then(registered));

    it('registers a foreign enterprise without a code', () =>
      given()
        .when(
          register({
            investorId: 'inv-delta',
            name: 'Delta Electronics',
            country: 'TW',
            unifiedSocialCreditCode: undefined,
            rankings: [],
          }),
        )
        .then({
          type: 'InvestorRegistered',
          data: {
            investorId: 'inv-delta',
            registeredByUnit: 'foshan-office',
            name: 'Delta Electronics',
            country: 'TW',
            unifiedSocialCreditCode: null,
            rankings: [],
          },
        }));

    it('requires the code in CN', () =>
      given()
        .when(register({ unifiedSocialCreditCode: null }))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['unifiedSocialCreditCode'])));

    it('refuses a code outside CN', () =>
      given()
        .when(register({ country: 'SG' }))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['unifiedSocialCreditCode'])));

    it.each(['91440400192548256X', '9144040019254825', '91440400192548256n', '9I440400192548256N'])(
      'refuses code %p',
      (code) =>
        given()
          .when(register({ unifiedSocialCreditCode: code }))
          .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['unifiedSocialCreditCode'])),
    );

    it('refuses an unknown country, ranking and a blank name', () =>
      given()
        .when(register({ country: 'XX', rankings: ['forbes_2000' as never], name: '' }))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['name', 'country', 'rankings'])));
  });

  describe('when the investor exists', () => {
    it('refuses to register it again', () => given(registered).when(register()).then(AlreadyExistsError));
  });
});

describe('AmendInvestorDetails', () => {
  describe('when the investor exists', () => {
    it('records what changed, with previous values and reason', () =>
      given(registered)
        .when(amend({ rankings: ['fortune_global_500', 'china_top_100', 'listed'], name: 'Gree Electric' }))
        .then({
          type: 'InvestorDetailsAmended',
          data: {
            investorId: 'inv-gree',
            changes: { rankings: ['fortune_global_500', 'china_top_100', 'listed'] },
            previous: { rankings: ['china_top_100', 'listed'] },
            reason: 'annual list update',
          },
        }));

    it('keeps the code consistent with the country', () => {
      given(registered)
        .when(amend({ country: 'HK' }))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['changes.unifiedSocialCreditCode']));
      expect(
        given(registered)
          .when(amend({ country: 'HK', unifiedSocialCreditCode: null }))
          .decide(),
      ).toHaveLength(1);
    });

    it('requires a reason and a real change', () => {
      given(registered)
        .when(amend({ name: 'Gree' }, ' '))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['reason']));
      given(registered)
        .when(amend({ name: 'Gree Electric' }))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['changes']));
      given(registered)
        .when(amend({ colour: 'red' } as never))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['changes.colour']));
    });
  });

  describe('when the investor does not exist', () => {
    it('is not found', () =>
      given()
        .when(amend({ name: 'x' }))
        .then(AggregateNotFoundError));
  });
});

describe('unified social credit code', () => {
  it('computes the check character of real codes', () => {
    expect(unifiedSocialCreditCheckChar('91440400192548256')).toBe('N');
    expect(isUnifiedSocialCreditCode('914403001922038216')).toBe(true);
  });
});
