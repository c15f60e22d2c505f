// @itp/domain: the pure domain. Commands in, events out; no I/O, no clock, no random ids.

// shared
export * from './shared/messages';
export * from './shared/event-catalogue';
export * from './shared/domain-events';
export * from './shared/domain-errors';
export * from './shared/local-date';
export * from './shared/decimal';
export * from './shared/money';

// catalogues (for DTO validation and the demo loader)
export * from './catalogues/cities';
export * from './catalogues/industries';
export * from './catalogues/source-regions';
export * from './catalogues/lead-channels';
export * from './catalogues/park-levels';
export * from './catalogues/rankings';
export * from './catalogues/countries';

// exchange rates
export * from './exchange-rates/exchange-rates.commands';
export * from './exchange-rates/exchange-rates.events';
export * from './exchange-rates/rate-table';
export * from './exchange-rates/convert';
export * from './exchange-rates/exchange-rates.state';
export * from './exchange-rates/exchange-rates.decide';

// projects
export * from './projects/project-stage';
export * from './projects/project-details';
export * from './projects/project.commands';
export * from './projects/project.events';
export * from './projects/major-project-rules/major-project-rules';
export * from './projects/major-project-rules/threshold-evaluation';
export * from './projects/major-project-rules/evaluate-threshold';
export * from './projects/project.state';
export * from './projects/project.evolve';
export * from './projects/project.decide';
export * from './projects/references/project-references';
export { SHARE_MAX_DECIMALS } from './projects/project-details.validate';
export { MAX_XIANGNAN_BATCH } from './projects/assign-to-xiangnan-batch/assign-to-xiangnan-batch';
export * from './projects/stale-projects/stale-projects';

// investors
export * from './investors/investor.commands';
export * from './investors/investor.events';
export * from './investors/investor.state';
export * from './investors/investor.decide';
export * from './investors/unified-social-credit-code';

// parks
export * from './parks/park.commands';
export * from './parks/park.events';
export * from './parks/park.state';
export * from './parks/park.decide';

// Publications: reports frozen by the hash of their canonical JSON (issue 11)
export * from './publications/publication.events';
export * from './publications/publication.commands';
export * from './publications/publication.decide';
