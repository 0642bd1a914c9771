"""A program whose resources use an explicit `tencentcloud-live` provider (the generated SDK's
`Provider` class) configured from stack config of its own (`otherEndpoint`, `otherSecretId`,
`otherSecretKey`), not from the `tencentcloud-live:*` keys the default provider reads."""

import pulumi
import pulumi_tencentcloud_live as live


def program() -> None:
    """The Pulumi program, run inline by the Automation API (driver.py)."""
    cfg = pulumi.Config()
    other = live.Provider(
        "other-account",
        endpoint=cfg.require("otherEndpoint"),
        secret_id=cfg.require("otherSecretId"),
        secret_key=cfg.require_secret("otherSecretKey"),
        region="ap-shanghai",
        max_retries=1,
    )
    via = pulumi.ResourceOptions(provider=other)
    hooks = live.CallbackTemplate(
        "other-hooks",
        template_name="other_hooks",
        stream_begin_notify_url="https://hooks.example.com/other/begin",
        opts=via,
    )
    live.DomainCallbackBinding(
        "push-other",
        domain_name="push-other.example.com",
        template_id=hooks.template_id,
        opts=via,
    )
    pulumi.export("templateId", hooks.template_id)
