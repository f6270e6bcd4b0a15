import { z } from 'zod';
import type { DisplayName, HostName, KeyRef, TemplateName, Thumbprint } from '../../domain/index.ts';

const reserved = new Set(Object.getOwnPropertyNames(Object.prototype));
/**
 * A name the projections use as a record key: one that every JavaScript object already has
 * (`constructor`, `__proto__`) would read or overwrite the object's own machinery instead of an entry.
 */
export const entityName = z
  .string()
  .refine((name) => !reserved.has(name), { error: 'expected a name usable as a key, found a built-in property name' });

/** A string the domain receives branded: checked as `schema` says, typed as the brand; its JSON stays the plain string. */
export const branded = <B extends string>(schema: z.ZodType<string>) => schema as unknown as z.ZodType<B>;

/** A template's cn, as events carry it (a record key of the CA's templates). */
export const templateName = branded<TemplateName>(entityName);
/** A template's display name, as events carry it. */
export const displayName = branded<DisplayName>(z.string());
/** A computer's name, as events carry it (a record key of the hosts); HostName's own check is at the inputs. */
export const hostName = branded<HostName>(entityName);
/** A private key's name in the key store, as events carry it. */
export const keyRef = branded<KeyRef>(z.string());
/** A certificate's thumbprint, as events carry it. */
export const thumbprint = branded<Thumbprint>(z.string());
