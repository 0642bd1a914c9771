/** The error of an emulated event that could not be sent at all. */

/** Why an event could not be sent at all; `status` is the admin route's HTTP status. */
export class EventDeliveryError extends Error {
  /** 400 bad request, 403 target refused, 404 no rule, 409 nothing the platform would send. */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = "EventDeliveryError";
    this.status = status;
  }
}
