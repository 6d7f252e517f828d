import { RateLimiterAbstract } from 'rate-limiter-flexible';
import { SharedStore, spend } from '../common/shared-store';
import { normaliseEmail } from './email';

export interface AuthRateLimits {
  /** sign-up and log-in attempts per minute from one address */
  perIp: number;
  /** log-in attempts per minute for one e-mail */
  perEmail: number;
}

/** Longer than any stored address, so no account's: such attempts share one key. */
const OVERLONG = 254;

/** Slows down password guessing and mass sign-ups: per client address and per e-mail, per minute. */
export class AuthRateLimiter {
  private readonly byIp: RateLimiterAbstract;
  private readonly byEmail: RateLimiterAbstract;

  constructor(limits: AuthRateLimits, store: SharedStore) {
    this.byIp = store.limiter({ keyPrefix: 'auth-ip', points: limits.perIp, durationSeconds: 60 });
    this.byEmail = store.limiter({ keyPrefix: 'auth-email', points: limits.perEmail, durationSeconds: 60 });
  }

  /** Keyed on the e-mail as it is stored, so every spelling of one account counts against it. */
  async attempt(ip: string, email: string): Promise<void> {
    await spend(this.byIp, ip);
    const key = normaliseEmail(email);
    await spend(this.byEmail, key.length > OVERLONG ? '(overlong)' : key);
  }
}
