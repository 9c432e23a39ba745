// Test-only access to internal helpers (the exports map hides internal/ from users).
export { filterStyle as filterStyleForTest } from "../../packages/adapters/src/internal/rich-text-policy.js"
