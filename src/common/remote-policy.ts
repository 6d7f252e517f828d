import { registerEnumType } from 'type-graphql';

/** Where work happens: shared by postings (what they offer) and candidates (what they want). */
export enum RemotePolicy {
  ONSITE = 'ONSITE',
  HYBRID = 'HYBRID',
  REMOTE = 'REMOTE',
}
registerEnumType(RemotePolicy, {
  name: 'RemotePolicy',
  description: 'Where work happens: what a posting offers, or what a candidate wants.',
  valuesConfig: {
    ONSITE: { description: "At the employer's site every working day" },
    HYBRID: { description: "Partly at the employer's site, partly remote" },
    REMOTE: { description: 'Fully remote' },
  },
});
