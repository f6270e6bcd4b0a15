import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { errorBody } from './errors.ts';

const cookieName = 'pkilab_token';

/** A fresh studio token: 32 random bytes, base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Whether `given` is the token, compared in constant time (both hashed first, so their lengths never leak). */
const sameToken = (token: string, given: string | undefined): boolean =>
  given !== undefined && timingSafeEqual(createHash('sha256').update(token).digest(), createHash('sha256').update(given).digest());

/**
 * Every request needs the token: `Authorization: Bearer TOKEN`, the `pkilab_token` cookie, or `?token=` (which
 * then sets the cookie, HttpOnly and SameSite=Strict, so the page's own requests carry it). Otherwise 401.
 */
export const requireToken =
  (token: string): MiddlewareHandler =>
  async (c, next) => {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const query = c.req.query('token');
    if (sameToken(token, bearer) || sameToken(token, getCookie(c, cookieName))) return next();
    if (sameToken(token, query)) {
      setCookie(c, cookieName, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      return next();
    }
    const found =
      bearer !== undefined || query !== undefined || getCookie(c, cookieName) !== undefined
        ? "a token that is not this studio's"
        : 'no token';
    return c.json(
      errorBody(
        'STUDIO_UNAUTHORIZED',
        `expected the studio's token (?token= in the URL it printed, a Bearer header or its cookie), found ${found}`,
      ),
      401,
    );
  };
