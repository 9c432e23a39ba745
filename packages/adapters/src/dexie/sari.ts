import type { SariConfigShape } from "@ecasilla/core/sari"
import { sariDemoAssignments, sariDemoCollaborators, sariDemoUsers } from "../demo/sari-demo.js"
import { layerMemorySari } from "../memory/sari.js"
import { type EcasillaDb, openEcasillaDb } from "./db.js"
import { layerDexieDirectory } from "./directory.js"
import { layerDexieIds } from "./ids.js"
import { layerDexieSariStore, seedDexieRoleAssignments } from "./sari-store.js"

/**
 * What {@link layerDexieSari} needs: the units and permission data, and the database.
 *
 * @since 0.2.0
 * @category models
 */
export interface DexieSariOptions {
  readonly config: SariConfigShape
  readonly db?: EcasillaDb
}

/**
 * The whole of SARI on IndexedDB: SariService over the Dexie SariStore (its commits write
 * the outbox table of the same database), the Dexie Directory and Ids, and the
 * RoleDirectory other services read roles from. The playground's and offline pages' storage.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerDexieSari = (options: DexieSariOptions) => {
  const db = options.db ?? openEcasillaDb()
  return layerMemorySari({
    config: options.config,
    store: layerDexieSariStore(db),
    directory: layerDexieDirectory(db),
    ids: layerDexieIds(db)
  })
}

/**
 * Loads the SARI demo into a database: its users (added to the Directory's users, existing
 * ids kept), colleagues and initial role assignments. Safe to call on every visit: returns
 * whether anything was added.
 *
 * @since 0.2.0
 * @category demo
 */
export const seedSariDemo = async (db: EcasillaDb = openEcasillaDb()): Promise<boolean> => {
  const added = await db.transaction("rw", db.users, db.collaborators, async () => {
    if ((await db.collaborators.count()) > 0) return false
    for (const u of sariDemoUsers) if (!(await db.users.get(u.id))) await db.users.add({ ...u })
    await db.collaborators.bulkAdd(sariDemoCollaborators.map((c) => ({ ...c })))
    return true
  })
  if (added) await seedDexieRoleAssignments(db, sariDemoAssignments)
  return added
}
