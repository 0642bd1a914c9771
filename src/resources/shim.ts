/**
 * The provider objects Pulumi serializes into every resource's state (`__provider`).
 *
 * They are deliberately tiny: each method `require`s the real implementation by package name
 * inside its body, at run time, in the provider process. So the serialized text captures no
 * credentials, SDK objects or schemas, stays a few hundred bytes, and does not change when the
 * implementation does, which spares every resource a `~__provider` update on each upgrade.
 * Keep these bodies free of references to anything else in this file.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as dynamic from "@pulumi/pulumi/dynamic";

/** Serialized provider of `CallbackTemplate`. */
export const callbackTemplateProvider: dynamic.ResourceProvider = {
  configure: (req) => require("pulumi-tencentcloud-live-callbacks/provider").configure(req),
  check: (olds, news) =>
    require("pulumi-tencentcloud-live-callbacks/provider").template.check(olds, news),
  diff: (id, olds, news) =>
    require("pulumi-tencentcloud-live-callbacks/provider").template.diff(id, olds, news),
  create: (inputs) =>
    require("pulumi-tencentcloud-live-callbacks/provider").template.create(inputs),
  read: (id, props) =>
    require("pulumi-tencentcloud-live-callbacks/provider").template.read(id, props),
  update: (id, olds, news) =>
    require("pulumi-tencentcloud-live-callbacks/provider").template.update(id, olds, news),
  delete: (id, props) =>
    require("pulumi-tencentcloud-live-callbacks/provider").template.delete(id, props),
};

/** Serialized provider of `DomainCallbackBinding`. */
export const domainCallbackBindingProvider: dynamic.ResourceProvider = {
  configure: (req) => require("pulumi-tencentcloud-live-callbacks/provider").configure(req),
  check: (olds, news) =>
    require("pulumi-tencentcloud-live-callbacks/provider").binding.check(olds, news),
  diff: (id, olds, news) =>
    require("pulumi-tencentcloud-live-callbacks/provider").binding.diff(id, olds, news),
  create: (inputs) => require("pulumi-tencentcloud-live-callbacks/provider").binding.create(inputs),
  read: (id, props) =>
    require("pulumi-tencentcloud-live-callbacks/provider").binding.read(id, props),
  update: (id, olds, news) =>
    require("pulumi-tencentcloud-live-callbacks/provider").binding.update(id, olds, news),
  delete: (id, props) =>
    require("pulumi-tencentcloud-live-callbacks/provider").binding.delete(id, props),
};
