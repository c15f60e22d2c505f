import { DOMAIN_EVENTS } from './domain-events';
import {
  eventCatalogue,
  SCHEMA_VERSION_KEY,
  UnknownEventTypeError,
  UnsupportedSchemaVersionError,
} from './event-catalogue';

const investorRegisteredV1 = {
  type: 'InvestorRegistered',
  data: {
    investorId: 'inv-gree',
    name: 'Gree Electric',
    country: 'CN',
    unifiedSocialCreditCode: '91440400192548256N',
    rankings: ['listed'],
  },
  metadata: { actor: 'client', role: 'integration', unit: 'foshan-office' },
};

describe('the domain event catalogue', () => {
  describe('given an InvestorRegistered stored in schema 1 (no version in its metadata)', () => {
    it('lifts it to schema 2 with the unit from its metadata', () =>
      expect(DOMAIN_EVENTS.decode(investorRegisteredV1)).toEqual({
        type: 'InvestorRegistered',
        data: { ...investorRegisteredV1.data, registeredByUnit: 'foshan-office' },
      }));

    it('leaves the stored data as it was', () => {
      DOMAIN_EVENTS.decode(investorRegisteredV1);
      expect(investorRegisteredV1.data).not.toHaveProperty('registeredByUnit');
    });
  });

  describe('given an InvestorRegistered stored in schema 2', () => {
    it('reads it as stored, whatever the metadata says of the unit', () => {
      const stored = {
        ...investorRegisteredV1,
        data: { ...investorRegisteredV1.data, registeredByUnit: 'hengyang-bureau' },
        metadata: { unit: 'admin', [SCHEMA_VERSION_KEY]: 2 },
      };
      expect(DOMAIN_EVENTS.decode(stored).data).toEqual(stored.data);
    });
  });

  it('versions new InvestorRegistered events 2 and the others 1', () => {
    expect(DOMAIN_EVENTS.schemaVersion('InvestorRegistered')).toBe(2);
    expect(DOMAIN_EVENTS.schemaVersion('ProjectRegistered')).toBe(1);
  });

  it("refuses a type that is not the domain's", () =>
    expect(() => DOMAIN_EVENTS.decode({ type: 'ProjectTeleported', data: {}, metadata: {} })).toThrow(
      UnknownEventTypeError,
    ));

  it('refuses a schema version newer than this build reads', () =>
    expect(() => DOMAIN_EVENTS.decode({ ...investorRegisteredV1, metadata: { [SCHEMA_VERSION_KEY]: 3 } })).toThrow(
      UnsupportedSchemaVersionError,
    ));

  it('refuses a schema version that is not a positive integer', () =>
    expect(() => DOMAIN_EVENTS.decode({ ...investorRegisteredV1, metadata: { [SCHEMA_VERSION_KEY]: '1' } })).toThrow(
      UnsupportedSchemaVersionError,
    ));
});

describe('an event catalogue', () => {
  type Renamed = { type: 'Renamed'; data: { fullName: string; shortName: string } };
  const catalogue = eventCatalogue<Renamed>({
    Renamed: {
      upcasters: [
        // 1 → 2: `name` renamed to `fullName`; 2 → 3: `shortName` added, derived from it
        ({ name, ...rest }) => ({ ...rest, fullName: name }),
        (data) => ({ ...data, shortName: String(data.fullName).split(' ')[0] }),
      ],
    },
  });

  it('applies the upcasters in order, from the stored version to the current one', () => {
    expect(catalogue.decode({ type: 'Renamed', data: { name: 'Lens Technology' }, metadata: {} }).data).toEqual({
      fullName: 'Lens Technology',
      shortName: 'Lens',
    });
    expect(
      catalogue.decode({ type: 'Renamed', data: { fullName: 'Gree Electric' }, metadata: { [SCHEMA_VERSION_KEY]: 2 } })
        .data,
    ).toEqual({ fullName: 'Gree Electric', shortName: 'Gree' });
  });
});
