/** The `event_type` code of the screenshot event (document 47028). */
export const SNAPSHOT_CODES = { snapshot: 200 } as const;
