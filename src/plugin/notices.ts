/**
 * Where the provider functions' notices go when the plugin serves them. The provider functions
 * report through `ctx.log(line)` and know nothing of URNs; the plugin knows the URN of every
 * request. Each request runs in its own async context carrying its URN, so a line logged while
 * serving it, however deep and however many requests run at once, is sent attached to that
 * resource, and the request answers only once its lines are delivered: they show with the
 * resource's step and are not lost when the engine stops the plugin after the last answer.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** Sends one line attached to `urn` (`""`: no resource); never rejects. */
export type SendNotice = (urn: string, line: string) => Promise<void>;

/** The notices of the requests the plugin serves. */
export interface ResourceNotices {
  /** The provider functions' `ctx.log`: one line about the resource of the current request. */
  log(line: string): void;
  /**
   * Runs `work` as the request about `urn` and settles as it does, after the lines it logged
   * are delivered.
   */
  about<T>(urn: string, work: () => Promise<T>): Promise<T>;
}

interface Request {
  urn: string;
  pending: Promise<void>[];
}

/** Notices sent with `send`, each attached to the URN of the request that logged it. */
export function createResourceNotices(send: SendNotice): ResourceNotices {
  const current = new AsyncLocalStorage<Request>();
  return {
    log(line) {
      const request = current.getStore();
      const sent = send(request?.urn ?? "", line);
      request?.pending.push(sent);
    },
    async about(urn, work) {
      const request: Request = { urn, pending: [] };
      try {
        return await current.run(request, work);
      } finally {
        await Promise.all(request.pending);
      }
    },
  };
}
