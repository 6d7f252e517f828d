import { registerEnumType } from 'type-graphql';

/** Where work happens: shared by postings (what they offer) and candidates (what they want). */
export enum RemotePolicy {
  ONSITE = 'ONSITE',
  HYBRID = 'HYBRID',
  REMOTE = 'REMOTE',
}
registerEnumType(RemotePolicy, { name: 'RemotePolicy' });
