"""One call of a Live action through tencentcloud-sdk-python, for the emulator's client tests.

Usage: call.py ACTION PARAMS_JSON. Reads the endpoint, scheme, signing and credentials from the
environment (EMULATOR_ENDPOINT, EMULATOR_SCHEME, SIGN_METHOD, REQ_METHOD, TENCENTCLOUD_SECRET_ID,
TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SECURITY_TOKEN) and prints one JSON line:
{"response": {...}} or {"error": {"code", "message", "requestId"}}.
"""
import json
import os
import sys

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.live.v20180801 import live_client, models


def main():
    action, params = sys.argv[1], sys.argv[2]
    cred = credential.Credential(
        os.environ["TENCENTCLOUD_SECRET_ID"],
        os.environ["TENCENTCLOUD_SECRET_KEY"],
        os.environ.get("TENCENTCLOUD_SECURITY_TOKEN") or None,
    )
    http_profile = HttpProfile(
        protocol=os.environ.get("EMULATOR_SCHEME", "http"),
        endpoint=os.environ["EMULATOR_ENDPOINT"],
        reqMethod=os.environ.get("REQ_METHOD", "POST"),
        reqTimeout=10,
    )
    profile = ClientProfile(
        signMethod=os.environ.get("SIGN_METHOD", "TC3-HMAC-SHA256"), httpProfile=http_profile
    )
    client = live_client.LiveClient(cred, "", profile)
    request = getattr(models, action + "Request")()
    request.from_json_string(params)
    try:
        response = getattr(client, action)(request)
        print(json.dumps({"response": json.loads(response.to_json_string())}))
    except TencentCloudSDKException as err:
        print(
            json.dumps(
                {
                    "error": {
                        "code": err.get_code(),
                        "message": err.get_message(),
                        "requestId": err.get_request_id(),
                    }
                }
            )
        )


main()
