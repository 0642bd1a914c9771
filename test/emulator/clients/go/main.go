// One call of a Live action through tencentcloud-sdk-go's common client, for the emulator's
// client tests. Usage: go-client ACTION PARAMS_JSON; the endpoint, scheme, signing and
// credentials come from the environment (EMULATOR_ENDPOINT, EMULATOR_SCHEME, SIGN_METHOD,
// REQ_METHOD, TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SECURITY_TOKEN).
// Prints one JSON line: {"response": {...}} or {"error": {"code", "message", "requestId"}}.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

// liveRequest has the parameters of the round's actions, tagged as the SDK's generated typed
// requests are: signature v1 sends only such tagged fields (flattened by the SDK as `Name.0`),
// not a CommonRequest's map, and the typed live package is not on the module proxy.
type liveRequest struct {
	*tchttp.BaseRequest
	TemplateId            *int64    `json:"TemplateId,omitempty" name:"TemplateId"`
	TemplateName          *string   `json:"TemplateName,omitempty" name:"TemplateName"`
	Description           *string   `json:"Description,omitempty" name:"Description"`
	StreamBeginNotifyUrl  *string   `json:"StreamBeginNotifyUrl,omitempty" name:"StreamBeginNotifyUrl"`
	StreamEndNotifyUrl    *string   `json:"StreamEndNotifyUrl,omitempty" name:"StreamEndNotifyUrl"`
	CallbackKey           *string   `json:"CallbackKey,omitempty" name:"CallbackKey"`
	RecordExceptionLevels []*string `json:"RecordExceptionLevels,omitempty" name:"RecordExceptionLevels"`
	DomainName            *string   `json:"DomainName,omitempty" name:"DomainName"`
	AppName               *string   `json:"AppName,omitempty" name:"AppName"`
}

func newRequest(action, params string, typed bool) tchttp.Request {
	if !typed {
		request := tchttp.NewCommonRequest("live", "2018-08-01", action)
		if err := request.SetActionParameters(params); err != nil {
			panic(err)
		}
		return request
	}
	request := &liveRequest{BaseRequest: &tchttp.BaseRequest{}}
	request.Init().WithApiInfo("live", "2018-08-01", action)
	if err := json.Unmarshal([]byte(params), request); err != nil {
		panic(err)
	}
	return request
}

func env(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func main() {
	action, params := os.Args[1], os.Args[2]
	cred := common.NewTokenCredential(
		os.Getenv("TENCENTCLOUD_SECRET_ID"),
		os.Getenv("TENCENTCLOUD_SECRET_KEY"),
		os.Getenv("TENCENTCLOUD_SECURITY_TOKEN"),
	)
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = os.Getenv("EMULATOR_ENDPOINT")
	cpf.HttpProfile.Scheme = env("EMULATOR_SCHEME", "HTTP")
	cpf.HttpProfile.ReqMethod = env("REQ_METHOD", "POST")
	cpf.HttpProfile.ReqTimeout = 10
	cpf.SignMethod = env("SIGN_METHOD", "TC3-HMAC-SHA256")
	client := common.NewCommonClient(cred, "", cpf)

	request := newRequest(action, params, cpf.SignMethod != "TC3-HMAC-SHA256")
	response := tchttp.NewCommonResponse()
	out := map[string]interface{}{}
	if err := client.Send(request, response); err != nil {
		sdkErr, ok := err.(*tcerr.TencentCloudSDKError)
		if !ok {
			panic(err)
		}
		out["error"] = map[string]string{
			"code":      sdkErr.GetCode(),
			"message":   sdkErr.GetMessage(),
			"requestId": sdkErr.GetRequestId(),
		}
	} else {
		var body struct {
			Response map[string]interface{}
		}
		if err := json.Unmarshal(response.GetBody(), &body); err != nil {
			panic(err)
		}
		out["response"] = body.Response
	}
	text, _ := json.Marshal(out)
	fmt.Println(string(text))
}
