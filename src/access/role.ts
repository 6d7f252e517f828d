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
registerEnumType(Role, { name: 'Role', description: 'What an account may do.' });
