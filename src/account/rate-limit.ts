import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors';

export interface AuthRateLimits {
  /** sign-up and log-in attempts per minute from one address */
  perIp: number;
  /** log-in attempts per minute for one e-mail */
  perEmail: number;
}

/** Slows down password guessing and mass sign-ups: per client address and per e-mail, per minute. */
export class AuthRateLimiter {
  private readonly byIp: RateLimiterMemory;
  private readonly byEmail: RateLimiterMemory;

  constructor(limits: AuthRateLimits) {
    this.byIp = new RateLimiterMemory({ points: limits.perIp, duration: 60, keyPrefix: 'auth-ip' });
    this.byEmail = new RateLimiterMemory({ points: limits.perEmail, duration: 60, keyPrefix: 'auth-email' });
  }

  async attempt(ip: string, email: string): Promise<void> {
    try {
      await this.byIp.consume(ip);
      await this.byEmail.consume(email.trim().toLowerCase());
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection;
    }
  }
}
