/**
 * The fault scenarios that must end converged, shared by the test suite and `npm run chaos`.
 */
import { WRITE_ACTIONS } from "../../src/api/models";
import type { FaultSpec } from "../../src/emulator";
import { emptyStack, onlyTemplate, stackV1, stackV2 } from "./declared";
import {
  apiError,
  delayFault,
  modeFault,
  prng,
  randomFaults,
  restartAfterWrites,
} from "./faultSpecs";
import type { Phase, Scenario } from "./runScenario";

/** Config for scenarios that delay answers beyond the request timeout. */
const SHORT_TIMEOUT = { "tencentcloud-live:requestTimeoutSeconds": "0.3" };

const lifecycle = (faults: () => FaultSpec[]): Phase[] => [
  { stack: stackV1(), faults: faults() },
  { stack: stackV2(), faults: faults() },
  { stack: emptyStack(), faults: faults() },
];

/** The drop-after-commit scenario of one write action, with phases that exercise it. */
function dropScenario(action: (typeof WRITE_ACTIONS)[number]): Scenario {
  const drop = [modeFault(action, "drop-after-commit", 3)];
  const creates = action === "CreateLiveCallbackTemplate" || action === "CreateLiveCallbackRule";
  return {
    name: `drop-after-commit ${action}`,
    setup: creates ? [] : [stackV1()],
    phases: () =>
      creates
        ? [{ stack: stackV1(), faults: drop }]
        : action === "ModifyLiveCallbackTemplate"
          ? [{ stack: stackV2(), faults: drop }]
          : // Deletes: v2 removes a template and two bindings (and re-points one); then destroy.
            [
              { stack: stackV2(), faults: drop },
              { stack: emptyStack(), faults: drop },
            ],
  };
}

/**
 * A create whose connection drops after the commit, while the listing the client reconciles
 * with is throttled for longer than its own retries (7 attempts at the default 6 retries).
 * One template (with its two bindings), so that exactly one Describe precedes the create: the
 * provider's name check, which a zero delay lets through without using up the throttle entry.
 */
export const BLIND_RECONCILE_SCENARIO: Scenario = {
  name: "dropped create + throttled reconcile",
  phases: () => [
    {
      stack: onlyTemplate(stackV1(), "t0"),
      faults: [
        delayFault("DescribeLiveCallbackTemplates", 0, 1),
        apiError("DescribeLiveCallbackTemplates", "RequestLimitExceeded", 7),
        modeFault("CreateLiveCallbackTemplate", "drop-after-commit", 1),
      ],
    },
  ],
};

/** Every scenario that must end converged, in the order they are reported. */
export const CONVERGING_SCENARIOS: readonly Scenario[] = [
  {
    name: "RequestLimitExceeded on every 3rd call",
    phases: () => lifecycle(() => [apiError("*", "RequestLimitExceeded", 100_000, 3)]),
  },
  {
    name: "InternalError / HTTP 500 bursts",
    phases: () =>
      lifecycle(() => [
        apiError("DescribeLiveCallbackTemplates", "InternalError", 3),
        modeFault("DescribeLiveCallbackRules", "http-500", 3),
        apiError("CreateLiveCallbackTemplate", "InternalError", 3),
        modeFault("ModifyLiveCallbackTemplate", "http-500", 2),
        apiError("CreateLiveCallbackRule", "InternalError", 3),
        modeFault("DeleteLiveCallbackRule", "http-500", 2),
        apiError("DeleteLiveCallbackTemplate", "InternalError", 2),
      ]),
  },
  ...WRITE_ACTIONS.map(dropScenario),
  {
    name: "answers delayed past the request timeout",
    config: SHORT_TIMEOUT,
    setup: [stackV1()],
    phases: () => [
      {
        stack: stackV2(),
        faults: [
          delayFault("CreateLiveCallbackTemplate", 800, 1),
          delayFault("ModifyLiveCallbackTemplate", 800, 1),
          delayFault("CreateLiveCallbackRule", 800, 2),
          delayFault("DeleteLiveCallbackRule", 800, 1),
          delayFault("DeleteLiveCallbackTemplate", 800, 1),
          delayFault("DescribeLiveCallbackRules", 800, 1),
        ],
      },
    ],
  },
  {
    name: "emulator restarted mid-run",
    withStateFile: true,
    phases: () => [
      { stack: stackV1(), faults: [], during: restartAfterWrites(3) },
      { stack: stackV2(), faults: [], during: restartAfterWrites(2) },
    ],
  },
  {
    name: "random mix of every fault",
    config: SHORT_TIMEOUT,
    phases: (seed) => [
      { stack: stackV1(), faults: randomFaults(seed) },
      { stack: stackV2(), faults: randomFaults(seed + 1) },
      { stack: emptyStack(), faults: randomFaults(seed + 2) },
    ],
  },
  BLIND_RECONCILE_SCENARIO,
  {
    // Down for longer than one call's retries (about 0.2 s with the fast backoff): some `up`s
    // fail partway and the pipeline's next `up` must pick up from the checkpoint.
    name: "API outage of 0.2-0.6 s mid-run",
    withStateFile: true,
    chaosOnly: true,
    phases: (seed) => {
      const random = prng(seed);
      const down = () => 200 + Math.floor(random() * 400);
      return [
        { stack: stackV1(), faults: [], during: restartAfterWrites(2, down()) },
        { stack: stackV2(), faults: [], during: restartAfterWrites(3, down()) },
        { stack: emptyStack(), faults: [], during: restartAfterWrites(2, down()) },
      ];
    },
  },
];
