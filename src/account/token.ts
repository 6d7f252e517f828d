import { errors, jwtVerify, SignJWT } from 'jose';

/** What a token says: whose it is and which session; everything else is read from the account. */
export interface TokenClaims {
  userId: number;
  sessionId: string;
}

export type TokenReason = 'TOKEN_EXPIRED' | 'TOKEN_INVALID' | 'TOKEN_REVOKED';

export class TokenRejected extends Error {
  constructor(readonly reason: TokenReason) {
    super(reason);
  }
}

const ISSUER = 'skillgraph';

export async function signToken(claims: TokenClaims, secret: string, expiresAt: Date): Promise<string> {
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(claims.userId))
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(new TextEncoder().encode(secret));
}

/**
 * The claims of a well-signed, unexpired token, and when it expires (ms since the epoch);
 * throws TokenRejected otherwise. A token without `exp` is refused.
 */
export async function verifyToken(
  token: string,
  secret: string,
): Promise<TokenClaims & { expiresAt: number }> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: ISSUER,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub', 'sid'],
    }));
  } catch (error) {
    throw new TokenRejected(error instanceof errors.JWTExpired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
  }
  const userId = Number(payload.sub);
  if (
    !Number.isSafeInteger(userId) ||
    userId <= 0 ||
    typeof payload.sid !== 'string' ||
    payload.sid.length > 64
  ) {
    throw new TokenRejected('TOKEN_INVALID');
  }
  return { userId, sessionId: payload.sid, expiresAt: payload.exp! * 1000 };
}
