/**
 * `DomainCallbackBinding`'s provider object as this module's whole `module.exports`, published
 * as `pulumi-tencentcloud-live-callbacks/provider/binding`. That subpath is what `__provider`
 * records for an installed library: keep it, or every resource shows a `~__provider` change.
 */
import { forwardingProvider } from "./forward";

export = forwardingProvider("binding");
