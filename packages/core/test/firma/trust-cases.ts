// Trust and time cases shared by the API, CLI and Chromium tests: each must end with the same
// verdict, indication and sub-indication wherever it is verified.
import { crlOf, makePki, makeTsa } from "./pki.js"
import { TestPdf } from "./pdf.js"

export interface TrustCase {
  readonly name: string
  readonly make: () => Promise<{ pdf: Uint8Array; root: Uint8Array }>
  readonly verdict: "valid" | "invalid" | "indeterminate"
  readonly indication: "TOTAL_PASSED" | "TOTAL_FAILED" | "INDETERMINATE"
  readonly subIndication: string | null
}

const claimed = new Date("2025-01-01T00:00:00Z")

const signed = async (pki: Awaited<ReturnType<typeof makePki>>, options: Parameters<TestPdf["sign"]>[1] = {}) => ({
  pdf: (await new TestPdf().sign(pki, options)).bytes,
  root: pki.rootPem
})

export const trustCases: ReadonlyArray<TrustCase> = [
  {
    name: "a path through an intermediate CA, CRLs for every certificate",
    make: async () => signed(await makePki("rsa", { intermediates: [{}] })),
    verdict: "valid",
    indication: "TOTAL_PASSED",
    subIndication: null
  },
  {
    name: "an end-entity certificate as issuer of a CGR-named signer",
    make: async () => signed(await makePki("rsa", { intermediates: [{ ca: false, keyUsage: 0x80 }] })),
    verdict: "indeterminate",
    indication: "INDETERMINATE",
    subIndication: "CHAIN_CONSTRAINTS_FAILURE"
  },
  {
    name: "pathLenConstraint 0 on the root with an intermediate below",
    make: async () => signed(await makePki("rsa", { root: { ca: true, pathLen: 0 }, intermediates: [{}] })),
    verdict: "indeterminate",
    indication: "INDETERMINATE",
    subIndication: "CHAIN_CONSTRAINTS_FAILURE"
  },
  {
    name: "an unknown critical extension on the signer",
    make: async () => signed(await makePki("rsa", { signer: { unknownCritical: "1.3.6.1.4.1.99999.7" } })),
    verdict: "indeterminate",
    indication: "INDETERMINATE",
    subIndication: "CHAIN_CONSTRAINTS_FAILURE"
  },
  {
    name: "a signer certified for serverAuth only",
    make: async () => signed(await makePki("rsa", { signer: { eku: ["1.3.6.1.5.5.7.3.1"] } })),
    verdict: "indeterminate",
    indication: "INDETERMINATE",
    subIndication: "CHAIN_CONSTRAINTS_FAILURE"
  },
  {
    name: "a SHA-1 signature value under a SHA-256 label",
    make: async () => signed(await makePki("rsa"), { hashDowngrade: true }),
    verdict: "invalid",
    indication: "TOTAL_FAILED",
    subIndication: "SIG_CRYPTO_FAILURE"
  },
  {
    name: "a signer certificate signed with SHA-1 (strict)",
    make: async () => signed(await makePki("rsa", { signer: { certHash: "SHA-1" } })),
    verdict: "indeterminate",
    indication: "INDETERMINATE",
    subIndication: "CRYPTO_CONSTRAINTS_FAILURE"
  },
  {
    name: "an expired signer with a back-dated signingTime",
    make: async () => signed(await makePki("rsa", { notAfter: new Date("2025-06-01T00:00:00Z") }), { signingTime: claimed }),
    verdict: "indeterminate",
    indication: "INDETERMINATE",
    subIndication: "OUT_OF_BOUNDS_NO_POE"
  },
  {
    name: "an expired signer with a timestamp from before the expiry",
    make: async () => {
      const pki = await makePki("rsa", { notAfter: new Date("2025-06-01T00:00:00Z") })
      return signed(pki, { signingTime: claimed, timestamp: { tsa: await makeTsa(pki), genTime: claimed } })
    },
    verdict: "valid",
    indication: "TOTAL_PASSED",
    subIndication: null
  },
  {
    name: "a revoked intermediate CA",
    make: async () => {
      const pki = await makePki("rsa", { intermediates: [{}] })
      return signed(pki, { crls: [await crlOf(pki.root, [pki.intermediates[0].cert]), pki.crls[1]] })
    },
    verdict: "indeterminate",
    indication: "INDETERMINATE",
    subIndication: "REVOKED_CA_NO_POE"
  },
  {
    name: "no CRL at all (strict)",
    make: async () => signed(await makePki("rsa"), { crls: [] }),
    verdict: "indeterminate",
    indication: "INDETERMINATE",
    subIndication: "TRY_LATER"
  }
]
