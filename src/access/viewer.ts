import { Role } from './role';

/** Who is asking, as the account stands now (not as it stood when the token was issued). */
export interface Viewer {
  userId: number;
  role: Role;
  companyId: number | null;
  candidateId: number | null;
  /** the session the request's token belongs to; absent for viewers made in-process */
  sessionId?: string;
}
