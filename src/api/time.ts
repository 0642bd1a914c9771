/** Times as the Live API writes them. */

/** `YYYY-MM-DD HH:mm:ss` in Beijing time (UTC+8, no daylight saving), the API's rule time format. */
export function formatBeijingTime(epochMs: number): string {
  return new Date(epochMs + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
}
