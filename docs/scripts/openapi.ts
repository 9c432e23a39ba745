// The OpenAPI document of the backend's HTTP contract, generated at build time from
// `CauApi` (@ecasilla/core/http) with effect's OpenApi.fromApi: never written by hand.
import { CauApi } from "@ecasilla/core/http"
import { OpenApi } from "effect/http-api"

export function openApiDocument(): string {
  const spec = OpenApi.fromApi(CauApi, {})
  return JSON.stringify({ ...spec, info: { ...spec.info, title: "ecasilla: API HTTP del CAU / CAU HTTP API", version: "0.2.0" } }, null, 2) + "\n"
}
