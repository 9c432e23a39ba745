// RFC 3161: a signature timestamp (PAdES B-T) from a Time Stamping Authority. The CMS asks
// the TSA to stamp the SHA-256 of its signature value and keeps the token as the unsigned
// attribute id-aa-signatureTimeStampToken, the proof of time the verifier looks for.
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"

/**
 * A Time Stamping Authority: given the bytes to stamp, the RFC 3161 TimeStampToken (a CMS
 * ContentInfo, DER) over their SHA-256.
 *
 * @since 0.2.0
 * @category signing
 */
export type FirmaTimestampAuthority = (data: Uint8Array) => Promise<Uint8Array>

const SHA256 = "2.16.840.1.101.3.4.2.1"

/**
 * A TSA reached over HTTP as RFC 3161 §3.4 says: a TimeStampReq POSTed as
 * `application/timestamp-query`, a TimeStampResp back. A status other than granted, a token
 * over other bytes or a wrong nonce is an error.
 *
 * @since 0.2.0
 * @category signing
 */
export const rfc3161Tsa = (url: string, options: { readonly fetch?: typeof globalThis.fetch } = {}): FirmaTimestampAuthority => async (data) => {
  const imprint = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>))
  // A positive INTEGER in DER: the first byte below 0x80 and not 0 (a leading 0x00 before a byte
  // below 0x80 is not minimal, and the TSA's TSTInfo would carry it back to every verifier).
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(8))
  nonce[0] = (nonce[0] & 0x7f) | 0x01
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({ hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 }), hashedMessage: new asn1js.OctetString({ valueHex: imprint }) }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true
  })
  const response = await (options.fetch ?? globalThis.fetch)(url, {
    method: "POST",
    headers: { "content-type": "application/timestamp-query" },
    body: new Uint8Array(req.toSchema().toBER()) as Uint8Array<ArrayBuffer>
  })
  if (!response.ok) throw new Error(`the TSA answered HTTP ${response.status}`)
  const resp = pkijs.TimeStampResp.fromBER(new Uint8Array(await response.arrayBuffer()) as Uint8Array<ArrayBuffer>)
  const status = resp.status.status
  if ((status !== 0 && status !== 1) || !resp.timeStampToken) throw new Error(`the TSA refused (PKIStatus ${status})`)
  const token = resp.timeStampToken
  const sd = new pkijs.SignedData({ schema: token.content })
  const content = sd.encapContentInfo.eContent
  if (!content) throw new Error("the token has no TSTInfo")
  const info = pkijs.TSTInfo.fromBER(content.getValue() as ArrayBuffer)
  const stamped = new Uint8Array(info.messageImprint.hashedMessage.valueBlock.valueHexView)
  if (stamped.length !== imprint.length || stamped.some((b, i) => b !== imprint[i])) throw new Error("the token stamps other bytes")
  if (info.nonce && !equal(new Uint8Array(info.nonce.valueBlock.valueHexView), new Uint8Array(req.nonce!.valueBlock.valueHexView))) {
    throw new Error("the token's nonce is not the request's")
  }
  return new Uint8Array(token.toSchema().toBER())
}

const equal = (a: Uint8Array, b: Uint8Array) => {
  // Integers may carry a leading zero byte.
  const strip = (x: Uint8Array) => (x.length > 1 && x[0] === 0 ? x.subarray(1) : x)
  const [p, q] = [strip(a), strip(b)]
  return p.length === q.length && p.every((v, i) => v === q[i])
}

/** Adds the TSA's token over the signer's signature value as id-aa-signatureTimeStampToken. */
export const addSignatureTimestamp = async (signerInfo: pkijs.SignerInfo, tsa: FirmaTimestampAuthority): Promise<void> => {
  const token = await tsa(new Uint8Array(signerInfo.signature.valueBlock.valueHexView))
  const parsed = asn1js.fromBER(token as Uint8Array<ArrayBuffer>)
  if (parsed.offset === -1) throw new Error("the TSA's token is not DER")
  signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 1,
    attributes: [new pkijs.Attribute({ type: "1.2.840.113549.1.9.16.2.14", values: [parsed.result] })]
  })
}
