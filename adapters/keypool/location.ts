import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder of the user's key pool: $PKILAB_KEY_POOL when set (tests and scripts point it elsewhere), else
 * pkilab/keys in the user's cache folder ($XDG_CACHE_HOME, or ~/.cache).
 */
export const keyPoolFolder = (env: NodeJS.ProcessEnv = process.env, home: () => string = homedir): string => {
  if (env.PKILAB_KEY_POOL) return env.PKILAB_KEY_POOL;
  const cache = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(home(), '.cache');
  return join(cache, 'pkilab', 'keys');
};
