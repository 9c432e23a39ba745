// The elements the playground registers. Add the define module of each new element here.
import "@ecasilla/elements/define/ecasilla-provider.js"
import "@ecasilla/elements/define/ecasilla-id-input.js"
import "@ecasilla/elements/define/cau-ticket-form.js"
import "@ecasilla/elements/define/cau-ticket-detail.js"
import "@ecasilla/elements/define/sari-request-form.js"
import "@ecasilla/elements/define/sari-approval-inbox.js"
import "@ecasilla/elements/define/firma-verify.js"
