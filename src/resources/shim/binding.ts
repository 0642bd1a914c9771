/**
 * `DomainCallbackBinding`'s provider object as this module's whole `module.exports`, published
 * as `pulumi-tencentcloud-live-callbacks/provider/binding`. That subpath is what `__provider`
 * records for an installed library, and Pulumi runs it again for deletes and refreshes: keep it.
 */
import { forwardingProvider } from "./forward";

/** `DomainCallbackBinding`'s provider: check, diff, create, read, update and delete, forwarded. */
export = forwardingProvider("binding");
