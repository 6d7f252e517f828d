import type { Role } from '../../src/access/role';

// Demo sign-ins, created only with the demo data (`npm run db:seed -- --demo`, or the
// embedded database's first start). The passwords are public: never load demo data
// into a database real people use.
export const demoAccounts: {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  company?: string;
  candidateEmail?: string;
}[] = [
  {
    email: 'recruiter@example.com',
    password: 'demo-recruiter-password',
    displayName: 'Rita Recruiter',
    role: 'RECRUITER' as Role,
    company: 'Quarry Lane Software',
  },
  {
    email: 'learner@example.com',
    password: 'demo-learner-password',
    displayName: 'Chloe Dubois',
    role: 'LEARNER' as Role,
    candidateEmail: 'chloe.dubois@example.com',
  },
];
