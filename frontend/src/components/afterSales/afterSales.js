// What the after-sales screens share: how long is left before TikTok's deadline, and the request's answer job awaited.
import { waitForJob } from '../tiktok/waitForJob'

const HOUR_MS = 3600 * 1000

// {key, n} for the time left before a deadline ('afterSales.left.hours' …), or null without one.
export function timeLeft(deadline, now = Date.now()) {
  if (!deadline) return null
  const ms = Date.parse(deadline) - now
  if (ms <= 0) return { key: 'afterSales.left.passed', n: 0 }
  if (ms < HOUR_MS) return { key: 'afterSales.left.minutes', n: Math.max(1, Math.floor(ms / 60000)) }
  if (ms < 48 * HOUR_MS) return { key: 'afterSales.left.hours', n: Math.floor(ms / HOUR_MS) }
  return { key: 'afterSales.left.days', n: Math.floor(ms / (24 * HOUR_MS)) }
}

// Waits for the job that sends an answer to TikTok; the request then shows TikTok's outcome.
export async function answered(job) {
  return job ? waitForJob(job) : null
}
