import * as pulumi from "@pulumi/pulumi";
import type { CallbackTemplateInputs } from "../schemas/templateInputs";
import { callbackTemplateProvider } from "./shim";
import { RESOURCE_MODULE, RESOURCE_TYPE_NAMES } from "./typeTokens";

/**
 * The outputs of {@link CallbackTemplate} that hold a callback key, made secret by the engine
 * through `additionalSecretOutputs` whatever the provider returns. The only outputs that may.
 */
export const CALLBACK_TEMPLATE_SECRET_OUTPUTS = ["callbackKey", "previousCallbackKey"] as const;

/**
 * Arguments of {@link CallbackTemplate}: {@link CallbackTemplateInputs}, each of which may be an
 * Output. Rules are checked at `pulumi preview` time; each property's documentation states its
 * rule. At least one callback URL must be set.
 */
export type CallbackTemplateArgs = {
  [K in keyof CallbackTemplateInputs]: pulumi.Input<CallbackTemplateInputs[K]>;
};

/**
 * A Tencent Cloud Live callback template: where the platform sends stream, recording, snapshot
 * and audit events, and the key that signs them.
 *
 * `pulumi preview` compares the declaration with the template as the API holds it, so changes
 * made in the console show as drift and `pulumi up` repairs them. Removing a URL from the program
 * clears it in the cloud. The `callbackKey` is always stored as a secret.
 *
 * The platform applies a change 5-10 minutes after `pulumi up` makes it, so for that long events
 * are still signed with the old key and sent to the old URLs; `preview` and `up` print what to
 * keep serving. After a key change, {@link CallbackTemplate.previousCallbackKey} and
 * {@link CallbackTemplate.callbackKeyChangedAt} tell a receiver deployed with the template which
 * key to keep accepting, and until when.
 *
 * Type token: `pulumi-nodejs:dynamic/tencentcloud-live:CallbackTemplate`; Pulumi id: the
 * template id as a string.
 */
export class CallbackTemplate extends pulumi.dynamic.Resource {
  /** The numeric template id; pass it to `DomainCallbackBinding.templateId`. */
  declare readonly templateId: pulumi.Output<number>;
  /** The template's name, unique in the account. */
  declare readonly templateName: pulumi.Output<string>;
  /** The template's description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** Where stream begin events go. */
  declare readonly streamBeginNotifyUrl: pulumi.Output<string | undefined>;
  /** Where stream end events go. */
  declare readonly streamEndNotifyUrl: pulumi.Output<string | undefined>;
  /** Where recording file events go. */
  declare readonly recordNotifyUrl: pulumi.Output<string | undefined>;
  /** Where recording status events go. Write-only in the API: drift cannot be seen, only re-applied. */
  declare readonly recordStatusNotifyUrl: pulumi.Output<string | undefined>;
  /** Where snapshot events go. */
  declare readonly snapshotNotifyUrl: pulumi.Output<string | undefined>;
  /** Where image (porn) audit events go. */
  declare readonly pornCensorshipNotifyUrl: pulumi.Output<string | undefined>;
  /** Where push exception events go. */
  declare readonly pushExceptionNotifyUrl: pulumi.Output<string | undefined>;
  /** Where audio audit events go. */
  declare readonly audioAuditNotifyUrl: pulumi.Output<string | undefined>;
  /** Where recording exception events go. */
  declare readonly recordExceptionNotifyUrl: pulumi.Output<string | undefined>;
  /** Which recording exceptions are reported. */
  declare readonly recordExceptionLevels: pulumi.Output<
    CallbackTemplateInputs["recordExceptionLevels"]
  >;
  /** The key events are signed with; always a secret. */
  declare readonly callbackKey: pulumi.Output<string | undefined>;
  /** Whether creation may take over an existing template of the same name. */
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /**
   * The key the template signed events with just before its last key change (`undefined` before
   * the first change, and when there was no key then). The platform keeps signing with it for up
   * to 10 minutes after the change, so a receiver should accept it, as well as `callbackKey`,
   * until {@link CallbackTemplate.callbackKeyChangedAt} plus 10 minutes. When the key had been
   * changed in the console, this is the console's key (the one the platform was using). Always
   * a secret; an output only (it cannot be declared), kept by `refresh` and by updates that leave
   * the key alone, and never a cause of a diff.
   */
  declare readonly previousCallbackKey: pulumi.Output<string | undefined>;
  /**
   * When the last key change was applied: an ISO 8601 UTC time (e.g.
   * `2026-05-01T10:00:00.000Z`) from the clock of the machine running `pulumi up`; `undefined`
   * before the first change. Set also when a key is added or removed. An output only, kept by
   * `refresh` and by updates that leave the key alone, and never a cause of a diff.
   */
  declare readonly callbackKeyChangedAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: CallbackTemplateArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      templateId: undefined,
      templateName: args.templateName,
      description: args.description,
      streamBeginNotifyUrl: args.streamBeginNotifyUrl,
      streamEndNotifyUrl: args.streamEndNotifyUrl,
      recordNotifyUrl: args.recordNotifyUrl,
      recordStatusNotifyUrl: args.recordStatusNotifyUrl,
      snapshotNotifyUrl: args.snapshotNotifyUrl,
      pornCensorshipNotifyUrl: args.pornCensorshipNotifyUrl,
      pushExceptionNotifyUrl: args.pushExceptionNotifyUrl,
      audioAuditNotifyUrl: args.audioAuditNotifyUrl,
      recordExceptionNotifyUrl: args.recordExceptionNotifyUrl,
      recordExceptionLevels: args.recordExceptionLevels,
      // Secret whatever the program passed, so the key is encrypted in state and masked in logs.
      callbackKey: args.callbackKey === undefined ? undefined : pulumi.secret(args.callbackKey),
      adopt: args.adopt,
      // Outputs only: listed so that the resource exposes them; never sent as inputs.
      previousCallbackKey: undefined,
      callbackKeyChangedAt: undefined,
    };
    super(
      callbackTemplateProvider(),
      name,
      props,
      {
        ...opts,
        additionalSecretOutputs: [
          ...(opts?.additionalSecretOutputs ?? []),
          ...CALLBACK_TEMPLATE_SECRET_OUTPUTS,
        ],
      },
      RESOURCE_MODULE,
      RESOURCE_TYPE_NAMES.template,
    );
  }
}
