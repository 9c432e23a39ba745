// Where the signed-PDF conformance corpus is read from: ECASILLA_PDF_CORPUS when set, else
// ../shared/corpus/pdf beside the repository. The files are never copied into the repository;
// a suite that finds no folder skips and says so.
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")

/** The corpus folder the tests read. */
export const corpusDir = process.env.ECASILLA_PDF_CORPUS ? resolve(process.env.ECASILLA_PDF_CORPUS) : resolve(root, "../shared/corpus/pdf")
