// The ready policy pack of pulumi-tencentcloud-live-callbacks: with the library and
// @pulumi/policy installed in a project,
//   pulumi preview --policy-pack node_modules/pulumi-tencentcloud-live-callbacks/policy-pack
// runs every policy with its default level; change levels and allow-lists with
// --policy-pack-config. Both packages resolve from the project's node_modules, as does the
// @pulumi/pulumi whose run-policy-pack the CLI starts here.
"use strict";
const { PolicyPack } = require("@pulumi/policy");
const { callbackPolicies } = require("pulumi-tencentcloud-live-callbacks/policy");

new PolicyPack("tencentcloud-live-callbacks", { policies: callbackPolicies() });
