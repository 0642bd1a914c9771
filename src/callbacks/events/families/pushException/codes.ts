/** The `event_type` code of the push exception event (document 53310). */
export const PUSH_EXCEPTION_CODES = { pushException: 321 } as const;
