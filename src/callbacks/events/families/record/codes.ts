/** The `event_type` codes of the recording events (documents 47026, 332's and 117052). */
export const RECORD_CODES = { recordFile: 100, recordStatus: 332, recordException: 341 } as const;
