// Shipping from the app, shared by the orders list's bulk actions and the order detail: a bulk run waited on to its
// end, and a labels run's merged PDF made ready to open in a print tab.
import { fulfillmentApi } from '../../api'

const POLL_MS = 800
const WAIT_MS = 600000

// The most orders one bulk request takes (the API's cap).
export const BULK_MAX = 500

// Polls a run until every order has its result (or `wanted()` stops holding: a closed dialog); onUpdate(run) after
// each look. Returns the run as last seen.
export async function waitForBatch(batch, onUpdate = () => {}, wanted = () => true) {
  const deadline = Date.now() + WAIT_MS
  let seen = batch
  onUpdate(seen)
  while (seen.state !== 'done' && wanted() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    seen = await fulfillmentApi.batch(seen.id, { silent: true }).catch(() => seen)
    onUpdate(seen)
  }
  return seen
}

// The merged label PDF of a labels run, fetched ahead so the click that opens it opens it at once (browsers block tabs
// opened after a wait); returns the object URL to open.
export async function fetchDocument(batchId) {
  const blob = await fulfillmentApi.document(batchId)
  return URL.createObjectURL(blob)
}
