"""The quickstart (examples/quickstart/index.ts) written in Python against the provider plugin:
one template whose key comes from secret stack config, bound to two push domains."""

import pulumi

from tencentcloud_live import CallbackTemplate, DomainCallbackBinding


def program() -> None:
    """The Pulumi program, run inline by the Automation API (driver.py)."""
    cfg = pulumi.Config()
    hooks = CallbackTemplate(
        "prod-hooks",
        templateName="prod_hooks",
        description="production_callbacks",
        streamBeginNotifyUrl="https://hooks.example.com/live/begin",
        streamEndNotifyUrl="https://hooks.example.com/live/end",
        recordNotifyUrl="https://hooks.example.com/live/record",
        callbackKey=cfg.require_secret("callbackKey"),
    )
    main = DomainCallbackBinding(
        "push-main",
        domainName="push.example.com",
        appName="live",
        templateId=hooks.templateId,
    )
    backup = DomainCallbackBinding(
        "push-backup",
        domainName="push-backup.example.com",
        templateId=hooks.templateId,
    )
    pulumi.export("templateId", hooks.templateId)
    pulumi.export("bindings", [main.id, backup.id])
    pulumi.export("previousCallbackKey", hooks.previousCallbackKey)
