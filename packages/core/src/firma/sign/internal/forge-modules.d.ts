// node-forge's own modules, imported one by one so the signing chunk carries only what reads
// a PKCS#12 (not TLS, SSH, Ed25519…). Each registers itself on the one forge object that
// `node-forge/lib/forge.js` exports; the types are those of the whole package.
declare module "node-forge/lib/forge.js" {
  import forge from "node-forge"
  export default forge
}
declare module "node-forge/lib/asn1.js"
declare module "node-forge/lib/pki.js"
declare module "node-forge/lib/pkcs12.js"
