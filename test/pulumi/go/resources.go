package main

// The tencentcloud-live provider plugin's two resources, written by hand: `pulumi package
// gen-sdk --language go` cannot run on the machines this project is tested on (it needs the Go
// language host, which cannot be built from the modules they reach), so these types stand in
// for the generated SDK. Each registers its type token with the schema's input names; the
// struct fields receive the schema's outputs.

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	templateType = "tencentcloud-live:index:CallbackTemplate"
	bindingType  = "tencentcloud-live:index:DomainCallbackBinding"
)

// CallbackTemplate is a Live callback template.
type CallbackTemplate struct {
	pulumi.CustomResourceState

	TemplateName        pulumi.StringOutput    `pulumi:"templateName"`
	StreamEndNotifyUrl  pulumi.StringPtrOutput `pulumi:"streamEndNotifyUrl"`
	TemplateId          pulumi.Float64Output   `pulumi:"templateId"`
	CallbackKey         pulumi.StringPtrOutput `pulumi:"callbackKey"`
	PreviousCallbackKey pulumi.StringPtrOutput `pulumi:"previousCallbackKey"`
}

// DomainCallbackBinding is a push domain's callback rule.
type DomainCallbackBinding struct {
	pulumi.CustomResourceState

	DomainName pulumi.StringOutput  `pulumi:"domainName"`
	AppName    pulumi.StringOutput  `pulumi:"appName"`
	TemplateId pulumi.Float64Output `pulumi:"templateId"`
}

// NewCallbackTemplate registers a template; inputs are keyed by the schema's names.
func NewCallbackTemplate(ctx *pulumi.Context, name string, inputs pulumi.Map, opts ...pulumi.ResourceOption) (*CallbackTemplate, error) {
	var res CallbackTemplate
	opts = append(opts, pulumi.AdditionalSecretOutputs([]string{"callbackKey", "previousCallbackKey"}))
	if err := ctx.RegisterResource(templateType, name, inputs, &res, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}

// NewDomainCallbackBinding registers a binding; inputs are keyed by the schema's names.
func NewDomainCallbackBinding(ctx *pulumi.Context, name string, inputs pulumi.Map, opts ...pulumi.ResourceOption) (*DomainCallbackBinding, error) {
	var res DomainCallbackBinding
	if err := ctx.RegisterResource(bindingType, name, inputs, &res, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}
