// Modification levels of the difference analysis, and what one increment changed.

/**
 * How far later revisions changed a signed document.
 *
 * @since 0.2.0
 * @category models
 */
export type ModificationLevel = "none" | "signatures-only" | "form-filling" | "annotations" | "other"

export const LEVELS: ReadonlyArray<ModificationLevel> = ["none", "signatures-only", "form-filling", "annotations", "other"]
export const maxLevel = (a: ModificationLevel, b: ModificationLevel): ModificationLevel => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b)

export interface RevisionDiff {
  level: ModificationLevel
  /** New approval signatures (not timestamps, not DSS) appeared. */
  newSignatures: boolean
  /** Names of form fields whose value changed. */
  changedFields: Set<string>
  /** Short English notes: what made the level. */
  notes: string[]
}
