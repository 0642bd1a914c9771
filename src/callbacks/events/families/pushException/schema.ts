/**
 * The rules of the push exception event, kept equal to its documented interface by a
 * compile-time check; exported behind the zod-free {@link CallbackSchema}.
 */
import { z } from "zod";
import {
  interfaceField,
  signatureFields,
  streamFields,
} from "../../../../schemas/callbackEventFields";
import type { ExactSchema } from "../../../../schemas/exactSchema";
import type { CallbackEventBody } from "../../shared/fields";
import type { CallbackSchema } from "../../shared/schema";
import { PUSH_EXCEPTION_CODES } from "./codes";
import type { PushExceptionEvent } from "./event";

const abnormality = z.looseObject({
  type: z.number().int(),
  count: z.number().int().optional(),
  detail: z
    .array(z.looseObject({ desc: z.string().optional(), occur_time: z.number().int().optional() }))
    .optional(),
  type_desc_cn: z.string().optional(),
  type_desc_en: z.string().optional(),
  customer_visible: z.union([z.string(), z.boolean()]).optional(),
  event_key: z.string().optional(),
});

const pushException = z.looseObject({
  event_type: z.literal(PUSH_EXCEPTION_CODES.pushException),
  ...signatureFields,
  ...streamFields,
  domain: z.string().optional(),
  path: z.string().optional(),
  abnormal_event: z.array(abnormality),
  data_time: z.number().int().optional(),
  report_interval: z.number().int().optional(),
  sequence: z.string().optional(),
  user_ip: z.string().optional(),
  timeout: z.number().int().optional(),
  interface: interfaceField,
});

/** Validates a push exception (321) body. */
export const PushExceptionEventSchema: CallbackSchema<PushExceptionEvent> =
  pushException satisfies ExactSchema<
    typeof pushException,
    PushExceptionEvent,
    CallbackEventBody<PushExceptionEvent>
  >;
