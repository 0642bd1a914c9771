/** The action names the emulator answers (`X-TC-Action`). */
import { LIVE_ACTIONS, type LiveAction } from "../../api/models";

/** True when `name` is one of the eight emulated actions. */
export function isLiveAction(name: string): name is LiveAction {
  return (LIVE_ACTIONS as readonly string[]).includes(name);
}
