import type { CompanySeed } from '../types';

// Fictional employers for the demo postings.
export const companies: CompanySeed[] = [
  { name: 'Quarry Lane Software' },
  { name: 'Bluefin Ledger' },
  { name: 'Harbor & Pike Health' },
  { name: 'Northwind Freight Labs' },
  { name: 'Tessellate Media' },
  { name: 'Copperleaf Analytics' },
];
