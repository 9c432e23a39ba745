// The structural half of the difference analysis: how readers reach the objects of an increment.
// A cross-reference chain that leaves the signed revision's own, a reconstruction that shows an
// object hidden in earlier bytes, an object stream that holds a number twice or whose index
// names another object: each is a change, whatever the objects look like.
import type { ModificationLevel } from "./diff-levels.js"
import type { PdfDocument } from "./pdf/document.js"
import { isDict, isName, sameValue } from "./pdf/objects.js"
import { sameStream } from "./diff-graph.js"

type Bump = (level: ModificationLevel, note: string) => void

const MAX_CANDIDATES = 20_000

export const structuralChanges = (doc: PdfDocument, t: number, bump: Bump): void => {
  const rev = doc.revisions[t]
  const prev = doc.revisions[t - 1]
  if (!rev.continues) {
    if (!rev.reconstructed) {
      const known = new Set(prev.sections.map((s) => s.offset))
      const foreign = rev.sections.filter((s) => !known.has(s.offset) && (s.offset < rev.start || s.offset >= rev.eof))
      bump(
        "other",
        foreign.length
          ? `cross-reference section at ${foreign[0].offset}, outside the previous revision's chain, reached through /Prev`
          : "cross-reference chain does not continue the previous revision's"
      )
    } else hiddenByReconstruction(doc, t, bump)
  }
  objectStreams(doc, t, bump)
}

/**
 * The xref of revision t is broken, so readers rebuild it by scanning every byte: a definition
 * in earlier bytes that no earlier revision showed, and that differs from what the previous
 * revision shows, may be what some reader shows now.
 */
const hiddenByReconstruction = (doc: PdfDocument, t: number, bump: Bump): void => {
  const rev = doc.revisions[t]
  const headers = doc.headersOf(0, rev.start)
  let budget = MAX_CANDIDATES
  for (const [num, offsets] of headers) {
    const shown = new Set<number>()
    for (let k = 0; k < t; k++) {
      const e = doc.entryOf(num, k)?.entry
      if (e?.type === "offset") shown.add(e.offset)
    }
    for (const offset of offsets) {
      if (shown.has(offset)) continue
      if (--budget < 0) return bump("other", "cross-reference broken: too many objects a reconstructing reader may show")
      const before = doc.object(num, t - 1)
      const candidate = doc.objectAt(num, { type: "offset", offset, gen: 0 }, t)
      if (!candidate) continue
      if (before && sameValue(before.value, candidate.value) && sameStream(doc, before, candidate)) continue
      bump("other", `cross-reference broken: a reconstructing reader may show object ${num} hidden at offset ${offset}`)
    }
  }
}

/** Object streams this increment makes readers use. */
const objectStreams = (doc: PdfDocument, t: number, bump: Bump): void => {
  const streams = new Set<number>()
  for (const [num, e] of doc.revisions[t].entries) {
    if (e.type === "compressed") {
      streams.add(e.stream)
      const info = doc.objectStream(e.stream, t)
      if (info && info.nums[e.index] !== num)
        bump("other", `object ${num} is named at index ${e.index} of object stream ${e.stream}, which holds ${info.nums[e.index] ?? "nothing"} there`)
    } else if (e.type === "offset") {
      const o = doc.objectAt(num, e, t)
      if (o && isDict(o.value) && isName(o.value.map.get("Type"), "ObjStm")) streams.add(num)
    }
  }
  for (const s of streams) {
    const dup = doc.objectStream(s, t)?.duplicates ?? []
    if (dup.length) bump("other", `object stream ${s} holds object ${dup[0]} more than once`)
  }
}
