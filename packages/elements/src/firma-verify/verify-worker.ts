// The verifier off the main thread: parsing and hashing a 30 MB PDF blocks a thread for a few
// hundred milliseconds in a browser (WebCrypto's digest included), so <firma-verify> runs it here
// and the page stays responsive. The bytes travel both ways by transfer, never copied.
import { verifyPdfOutcome, type VerifyPdfOptions } from "@ecasilla/core/firma/outcome"

export interface VerifyRequest {
  readonly bytes: Uint8Array
  readonly options: VerifyPdfOptions
}

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<VerifyRequest>) => void) | null
  postMessage: (message: unknown, transfer: Transferable[]) => void
}

// Says it started: until then the page keeps its bytes (a worker that fails to load must not
// take them along).
scope.postMessage({ ready: true }, [])

scope.onmessage = async (e) => {
  const { bytes, options } = e.data
  const outcome = await verifyPdfOutcome(bytes, options)
  scope.postMessage({ outcome, bytes }, [bytes.buffer as ArrayBuffer])
}
