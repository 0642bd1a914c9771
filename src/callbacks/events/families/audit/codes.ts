/** The `event_type` codes of the moderation events (audio audit 315, image audit document 38084). */
export const AUDIT_CODES = { audioAudit: 315, imageAudit: 317 } as const;
