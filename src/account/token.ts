import { jwtVerify, SignJWT } from 'jose';
import { Role } from './account.entity';

/** Who is asking: what the auth checks need, read from a verified token. */
export interface Viewer {
  userId: number;
  role: Role;
  companyId: number | null;
  candidateId: number | null;
}

const ISSUER = 'skillgraph';

export async function signToken(viewer: Viewer, secret: string, ttlSeconds: number): Promise<string> {
  return new SignJWT({ role: viewer.role, companyId: viewer.companyId, candidateId: viewer.candidateId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(viewer.userId))
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}

/** The viewer a token stands for, or null when it is invalid or expired. */
export async function verifyToken(token: string, secret: string): Promise<Viewer | null> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: ISSUER,
      algorithms: ['HS256'],
    });
    const role = payload.role as Role;
    if (!Object.values(Role).includes(role)) return null;
    return {
      userId: Number(payload.sub),
      role,
      companyId: typeof payload.companyId === 'number' ? payload.companyId : null,
      candidateId: typeof payload.candidateId === 'number' ? payload.candidateId : null,
    };
  } catch {
    return null;
  }
}
