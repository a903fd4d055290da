// Waits for a sync job to end (done or failed), asking every second for up to two minutes, while `wanted()` holds
// (a closed dialog stops asking); returns the job as last seen.
import { syncJobsApi } from '../../api'
import { isLiveJob } from './tiktok'

const POLL_MS = 1000
const WAIT_MS = 120000

export async function waitForJob(job, wanted = () => true) {
  const deadline = Date.now() + WAIT_MS
  let seen = job
  while (isLiveJob(seen) && wanted() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    seen = await syncJobsApi.get(seen.id)
  }
  return seen
}
