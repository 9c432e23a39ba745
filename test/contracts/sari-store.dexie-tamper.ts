// Raw writes to the Dexie audit table, going around the SariStore port: each must fail.
import type { EcasillaDb } from "@ecasilla/adapters/dexie"
import type { SariAuditEntry } from "@ecasilla/core/sari"

export const tamperDexieAudit = async (db: EcasillaDb, entry: SariAuditEntry): Promise<number> => {
  const attempts: ReadonlyArray<() => Promise<unknown>> = [
    () => db.sariAudit.update(entry.id, { action: "approved" }),
    () => db.sariAudit.put({ ...entry, action: "approved" }),
    () => db.sariAudit.delete(entry.id),
    () => db.sariAudit.where("requestId").equals(entry.requestId).modify({ reason: "cambiado" }),
    () => db.sariAudit.where("requestId").equals(entry.requestId).delete(),
    () => db.sariAudit.clear(),
    () => db.sariAudit.bulkDelete([entry.id])
  ]
  let succeeded = 0
  for (const attempt of attempts) {
    try {
      await attempt()
      const still = await db.sariAudit.get(entry.id)
      // An attempt "succeeds" only if it changed the stored entry.
      if (JSON.stringify(still) !== JSON.stringify(entry)) succeeded++
    } catch {
      // refused, as it must be
    }
  }
  return succeeded
}
