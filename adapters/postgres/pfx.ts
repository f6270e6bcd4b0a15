import { readFile } from 'node:fs/promises';
import type { KeyStore, PfxFiles, SecretStore } from '../../workflows/index.ts';
import { ensureFolder, modes, writeFileAtomic } from '../files/atomic.ts';
import { opensslPfxFiles } from '../pfx/openssl.ts';
import type { Database } from './database.ts';

/**
 * PFX files of a lab kept in PostgreSQL (table `files`), so that a later step on another machine can
 * import what an earlier one exported. They are written and read through openssl in a local folder
 * (`folder`, where the person finds them); a file the folder lacks is brought from the store first.
 * The store keeps the last file written under a name, as a folder would.
 */
export const postgresPfxFiles = (db: Database, lab: string, folder: string, keys: KeyStore, secrets: SecretStore): PfxFiles => {
  const local = opensslPfxFiles(folder, keys, secrets);
  const name = (file: string) => `exports/${file}`;
  return {
    pathOf: (file) => local.pathOf(file),
    async write(file, content, password, options) {
      await local.write(file, content, password, options);
      const bytes = await readFile(local.pathOf(file));
      await db.pool.query(
        `INSERT INTO ${db.table('files')} (lab, name, content) VALUES ($1, $2, $3) ON CONFLICT (lab, name) DO UPDATE SET content = EXCLUDED.content`,
        [lab, name(file), bytes],
      );
    },
    async read(file, password) {
      let path: string | undefined;
      try {
        path = local.pathOf(file);
      } catch {
        return local.read(file, password);
      }
      const { rows } = await db.pool.query<{ content: Buffer }>(`SELECT content FROM ${db.table('files')} WHERE lab = $1 AND name = $2`, [
        lab,
        name(file),
      ]);
      if (rows[0]) {
        await ensureFolder(folder, modes.secretFolder);
        await writeFileAtomic(path, rows[0].content, modes.secret);
      }
      return local.read(file, password);
    },
  };
};
