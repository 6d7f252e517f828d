import { randomUUID } from 'node:crypto';
import { DataSource, LessThan } from 'typeorm';
import { User, UserSession } from './account.entity';
import { Role } from '../access/role';
import { signToken, TokenClaims, TokenRejected, verifyToken } from './token';
import { Viewer } from '../access/viewer';

export interface SessionSettings {
  jwtSecret: string;
  tokenTtlSeconds: number;
  /** how long one instance may reuse what it read about a session (at most 5 s) */
  sessionCacheMs: number;
}

/** Sessions remembered per instance, at most; the oldest are dropped first. */
const MAX_CACHED = 10000;

interface Cached {
  viewer: Viewer | null;
  until: number;
}

/**
 * Issues tokens, each for a session row, and answers who a token stands for now: the
 * account's current role, company and profile, or TOKEN_REVOKED once the session or the
 * account is gone. What one instance read is reused for `sessionCacheMs`, so a change
 * made through another instance (or straight in the database) takes effect within that.
 */
export class Sessions {
  private readonly cache = new Map<string, Cached>();
  private readonly reading = new Map<string, Promise<Viewer | null>>();
  /**
   * Tokens whose signature was checked, with their claims, until they expire: a client
   * sends the same token with every request, and checking it costs more CPU than the rest
   * of a small request's authentication. Only well-signed tokens are kept.
   */
  private readonly verified = new Map<string, { claims: TokenClaims; expiresAt: number }>();

  constructor(
    private readonly db: DataSource,
    private readonly settings: SessionSettings,
  ) {}

  /** A new session for the account, and its token. The account's expired sessions are removed. */
  async open(user: Pick<User, 'id'>): Promise<string> {
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + this.settings.tokenTtlSeconds * 1000);
    const sessions = this.db.getRepository(UserSession);
    await sessions.delete({ userId: user.id, expiresAt: LessThan(new Date()) });
    await sessions.insert({ id, userId: user.id, expiresAt });
    return signToken({ userId: user.id, sessionId: id }, this.settings.jwtSecret, expiresAt);
  }

  /** The viewer a bearer token stands for; throws TokenRejected with the reason it is not honoured. */
  async viewerFor(token: string): Promise<Viewer> {
    const claims = await this.claimsOf(token);
    const viewer = await this.current(claims.sessionId);
    if (!viewer || viewer.userId !== claims.userId) throw new TokenRejected('TOKEN_REVOKED');
    return viewer;
  }

  /** Ends the session at once on this instance; other instances stop honouring it within `sessionCacheMs`. */
  async revoke(viewer: Viewer): Promise<void> {
    if (!viewer.sessionId) return;
    await this.db.getRepository(UserSession).delete({ id: viewer.sessionId, userId: viewer.userId });
    this.cache.delete(viewer.sessionId);
  }

  private async claimsOf(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.claims;
    this.verified.delete(token);
    const { expiresAt, ...claims } = await verifyToken(token, this.settings.jwtSecret);
    if (this.verified.size >= MAX_CACHED) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { claims, expiresAt });
    return claims;
  }

  private current(sessionId: string): Promise<Viewer | null> {
    const cached = this.cache.get(sessionId);
    if (cached && cached.until > Date.now()) return Promise.resolve(cached.viewer);
    // Requests that arrive together with one token share one read.
    let pending = this.reading.get(sessionId);
    if (!pending) {
      pending = this.read(sessionId).finally(() => this.reading.delete(sessionId));
      this.reading.set(sessionId, pending);
    }
    return pending;
  }

  private async read(sessionId: string): Promise<Viewer | null> {
    // A raw query goes to the primary: a replica may not have the session a log-in just wrote.
    const rows: { userId: number; role: Role; companyId: number | null; candidateId: number | null }[] =
      await this.db.query(
        'SELECT u.id AS userId, u.role AS role, u.companyId AS companyId, u.candidateId AS candidateId ' +
          'FROM user_session s INNER JOIN user_account u ON u.id = s.userId WHERE s.id = ?',
        [sessionId],
      );
    const row = rows[0];
    const viewer: Viewer | null = row
      ? {
          userId: Number(row.userId),
          role: row.role,
          companyId: row.companyId === null ? null : Number(row.companyId),
          candidateId: row.candidateId === null ? null : Number(row.candidateId),
          sessionId,
        }
      : null;
    if (this.settings.sessionCacheMs > 0) {
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(sessionId, { viewer, until: Date.now() + this.settings.sessionCacheMs });
    }
    return viewer;
  }
}
