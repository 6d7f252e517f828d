import { registerEnumType } from 'type-graphql';

// access/ says who is asking (Viewer, Role) and what they may see and do (policy.ts,
// auth-checker.ts): every domain reads it. Accounts themselves (account/: sign-up, log-in,
// sessions, invitations) sit above the candidates and companies they create, and nothing
// below the composition root imports them.

export enum Role {
  RECRUITER = 'RECRUITER',
  LEARNER = 'LEARNER',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What an account may do.',
  valuesConfig: {
    RECRUITER: {
      description: 'Works for one company: manages its postings and ranks candidates for them',
    },
    LEARNER: { description: 'Has a candidate profile of their own: sees their fit, gap and learning paths' },
    ADMIN: { description: 'Manages the skill and course catalogues and may see and edit everything' },
  },
});
