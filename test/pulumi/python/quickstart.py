"""The quickstart (examples/quickstart/index.ts) written in Python against the provider plugin,
with the SDK Pulumi's Python generator writes from plugin/schema.json (`npm run plugin:sdks`,
installed into the venv by pip): one template whose key comes from secret stack config, bound to
two push domains."""

import pulumi
import pulumi_tencentcloud_live as live


def program() -> None:
    """The Pulumi program, run inline by the Automation API (driver.py)."""
    cfg = pulumi.Config()
    hooks = live.CallbackTemplate(
        "prod-hooks",
        template_name="prod_hooks",
        description="production_callbacks",
        stream_begin_notify_url="https://hooks.example.com/live/begin",
        stream_end_notify_url="https://hooks.example.com/live/end",
        record_notify_url="https://hooks.example.com/live/record",
        callback_key=cfg.require_secret("callbackKey"),
    )
    main = live.DomainCallbackBinding(
        "push-main",
        domain_name="push.example.com",
        app_name="live",
        template_id=hooks.template_id,
    )
    backup = live.DomainCallbackBinding(
        "push-backup",
        domain_name="push-backup.example.com",
        template_id=hooks.template_id,
    )
    pulumi.export("templateId", hooks.template_id)
    pulumi.export("bindings", [main.id, backup.id])
    pulumi.export("previousCallbackKey", hooks.previous_callback_key)
