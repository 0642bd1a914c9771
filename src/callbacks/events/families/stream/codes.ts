/** The `event_type` codes of the push session events (document 47025). */
export const STREAM_CODES = { streamEnd: 0, streamBegin: 1 } as const;
