"""The tencentcloud-live provider plugin's two resources, written by hand.

`pulumi package gen-sdk --language python` cannot run on the machines this project is tested on
(it needs the Python language host, which cannot be built from the modules they reach), so these
classes stand in for the generated `pulumi_tencentcloud_live` package: each registers its type
token with the schema's input names, and lists every output so the engine's values land on the
object as attributes of the schema's names (`template.templateId`). The key inputs and outputs are secret, as the schema marks them.
"""

from typing import Any, Mapping, Optional

import pulumi

TEMPLATE_TYPE = "tencentcloud-live:index:CallbackTemplate"
BINDING_TYPE = "tencentcloud-live:index:DomainCallbackBinding"

TEMPLATE_INPUTS = (
    "templateName",
    "description",
    "streamBeginNotifyUrl",
    "streamEndNotifyUrl",
    "recordNotifyUrl",
    "recordStatusNotifyUrl",
    "snapshotNotifyUrl",
    "pornCensorshipNotifyUrl",
    "pushExceptionNotifyUrl",
    "audioAuditNotifyUrl",
    "recordExceptionNotifyUrl",
    "recordExceptionLevels",
    "callbackKey",
    "adopt",
)
TEMPLATE_OUTPUTS = ("templateId", "previousCallbackKey", "callbackKeyChangedAt")
BINDING_INPUTS = ("domainName", "appName", "templateId", "adopt")
BINDING_OUTPUTS = ("createTime", "updateTime")
SECRETS = ["callbackKey", "previousCallbackKey"]


def _props(inputs: Mapping[str, Any], names: tuple, outputs: tuple) -> dict:
    unknown = set(inputs) - set(names)
    if unknown:
        raise TypeError(f"unknown input(s) {sorted(unknown)}; the schema has {list(names)}")
    props = {name: inputs.get(name) for name in names}
    props.update({name: None for name in outputs})
    return props


class CallbackTemplate(pulumi.CustomResource):
    """A Live callback template (`tencentcloud-live:index:CallbackTemplate`)."""

    def __init__(
        self, resource_name: str, opts: Optional[pulumi.ResourceOptions] = None, **inputs: Any
    ) -> None:
        secret_opts = pulumi.ResourceOptions(additional_secret_outputs=SECRETS)
        super().__init__(
            TEMPLATE_TYPE,
            resource_name,
            _props(inputs, TEMPLATE_INPUTS, TEMPLATE_OUTPUTS),
            pulumi.ResourceOptions.merge(secret_opts, opts),
        )


class DomainCallbackBinding(pulumi.CustomResource):
    """A push domain's callback rule (`tencentcloud-live:index:DomainCallbackBinding`)."""

    def __init__(
        self, resource_name: str, opts: Optional[pulumi.ResourceOptions] = None, **inputs: Any
    ) -> None:
        super().__init__(
            BINDING_TYPE,
            resource_name,
            _props(inputs, BINDING_INPUTS, BINDING_OUTPUTS),
            opts,
        )
