// Loaded with --import in Stryker's processes. Mocha 12 ships its CLI helpers as `.cjs` files,
// while @stryker-mutator/mocha-runner 10 requires them without an extension (`lib/cli/run-helpers`),
// which Node resolves only for `.js`, `.json` and `.node`. Resolving `.cjs` like `.js` lets the
// runner load them; nothing else in the run requires an extensionless path to a `.cjs` file.
import Module from "node:module";

if (!Module._extensions[".cjs"]) Module._extensions[".cjs"] = Module._extensions[".js"];
