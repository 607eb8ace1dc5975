// Slices and fairness: per-group rates of a classifier and the gaps between groups.
export { groupRates, type Outcome, type GroupRates } from './group-rates.ts';
export { demographicParityDifference, equalOpportunityDifference, equalizedOddsDifference } from './disparity.ts';
export { groupColumns, seasonOfMonth, type GroupColumn } from './groups.ts';
export { featureRows, rowsByGroup, selectRows } from './slices.ts';
export { groupAgreement, type GroupAgreement, type PairedOutput } from './agreement.ts';
