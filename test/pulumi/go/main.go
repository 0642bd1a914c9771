// Runs one engine command on a Go program as an Automation API inline program. The programs use
// the SDK Pulumi's Go generator writes from plugin/schema.json (`npm run plugin:sdks` writes it
// into sdk/go, which go.mod's replace line points at).
//
// The machines this project is tested on have no Go language host (see the README), so the
// program runs in this process: the Automation API serves the language protocol itself and
// passes --client=<address> to the real `pulumi` it finds on PATH. The argument is a JSON
// request: {"command", "stack", "project", "dir", "program", "options": {"expectNoChanges",
// "diff"}}; program is "quickstart" (the default) or "explicitProvider"; dir holds the Pulumi.yaml (which points at the plugin) and the stack made by `pulumi stack
// init`. The engine's output is printed as it comes, then one result line; a failed command
// exits 1.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	live "github.com/tencentcloud-live-callbacks/pulumi-tencentcloud-live/sdk/go/tencentcloudlive"
)

const resultMarker = "@@live-callbacks-result "

type request struct {
	Command string `json:"command"`
	Stack   string `json:"stack"`
	Project string `json:"project"`
	Dir     string `json:"dir"`
	Program string `json:"program"`
	Options struct {
		ExpectNoChanges bool `json:"expectNoChanges"`
		Diff            bool `json:"diff"`
	} `json:"options"`
}

// quickstart is examples/quickstart/index.ts written in Go against the plugin.
func quickstart(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	hooks, err := live.NewCallbackTemplate(ctx, "prod-hooks", &live.CallbackTemplateArgs{
		TemplateName:         pulumi.String("prod_hooks"),
		Description:          pulumi.String("production_callbacks"),
		StreamBeginNotifyUrl: pulumi.String("https://hooks.example.com/live/begin"),
		StreamEndNotifyUrl:   pulumi.String("https://hooks.example.com/live/end"),
		RecordNotifyUrl:      pulumi.String("https://hooks.example.com/live/record"),
		CallbackKey:          cfg.RequireSecret("callbackKey"),
	})
	if err != nil {
		return err
	}
	if _, err := live.NewDomainCallbackBinding(ctx, "push-main", &live.DomainCallbackBindingArgs{
		DomainName: pulumi.String("push.example.com"),
		AppName:    pulumi.String("live"),
		TemplateId: hooks.TemplateId,
	}); err != nil {
		return err
	}
	if _, err := live.NewDomainCallbackBinding(ctx, "push-backup", &live.DomainCallbackBindingArgs{
		DomainName: pulumi.String("push-backup.example.com"),
		TemplateId: hooks.TemplateId,
	}); err != nil {
		return err
	}
	ctx.Export("templateId", hooks.TemplateId)
	ctx.Export("previousCallbackKey", hooks.PreviousCallbackKey)
	return nil
}

// explicitProvider creates its resources through an explicit provider configured from stack
// config of its own (otherEndpoint, otherSecretId, otherSecretKey), not from the
// tencentcloud-live:* keys the default provider reads.
func explicitProvider(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	other, err := live.NewProvider(ctx, "other-account", &live.ProviderArgs{
		Endpoint:   pulumi.String(cfg.Require("otherEndpoint")),
		SecretId:   pulumi.String(cfg.Require("otherSecretId")),
		SecretKey:  cfg.RequireSecret("otherSecretKey"),
		Region:     pulumi.String("ap-shanghai"),
		MaxRetries: pulumi.Float64(1),
	})
	if err != nil {
		return err
	}
	hooks, err := live.NewCallbackTemplate(ctx, "other-hooks", &live.CallbackTemplateArgs{
		TemplateName:         pulumi.String("other_hooks"),
		StreamBeginNotifyUrl: pulumi.String("https://hooks.example.com/other/begin"),
	}, pulumi.Provider(other))
	if err != nil {
		return err
	}
	if _, err := live.NewDomainCallbackBinding(ctx, "push-other", &live.DomainCallbackBindingArgs{
		DomainName: pulumi.String("push-other.example.com"),
		TemplateId: hooks.TemplateId,
	}, pulumi.Provider(other)); err != nil {
		return err
	}
	ctx.Export("templateId", hooks.TemplateId)
	return nil
}

var programs = map[string]pulumi.RunFunc{"": quickstart, "quickstart": quickstart, "explicitProvider": explicitProvider}

func run(req request) (map[string]int, error) {
	ctx := context.Background()
	program, ok := programs[req.Program]
	if !ok {
		return nil, fmt.Errorf("unknown program %q", req.Program)
	}
	stack, err := auto.UpsertStackInlineSource(ctx, req.Stack, req.Project, program, auto.WorkDir(req.Dir))
	if err != nil {
		return nil, err
	}
	counts := func(m map[string]int) map[string]int { return m }
	switch req.Command {
	case "up":
		res, err := stack.Up(ctx, optup.ProgressStreams(os.Stdout))
		if err != nil {
			return nil, err
		}
		return counts(*res.Summary.ResourceChanges), nil
	case "preview":
		opts := []optpreview.Option{optpreview.ProgressStreams(os.Stdout)}
		if req.Options.ExpectNoChanges {
			opts = append(opts, optpreview.ExpectNoChanges())
		}
		if req.Options.Diff {
			opts = append(opts, optpreview.Diff())
		}
		res, err := stack.Preview(ctx, opts...)
		if err != nil {
			return nil, err
		}
		out := map[string]int{}
		for op, n := range res.ChangeSummary {
			out[string(op)] = n
		}
		return out, nil
	case "refresh":
		res, err := stack.Refresh(ctx, optrefresh.ProgressStreams(os.Stdout))
		if err != nil {
			return nil, err
		}
		return counts(*res.Summary.ResourceChanges), nil
	case "destroy":
		res, err := stack.Destroy(ctx, optdestroy.ProgressStreams(os.Stdout))
		if err != nil {
			return nil, err
		}
		return counts(*res.Summary.ResourceChanges), nil
	}
	return nil, fmt.Errorf("unknown command %q", req.Command)
}

func main() {
	var req request
	if err := json.Unmarshal([]byte(os.Args[1]), &req); err != nil {
		fmt.Fprintln(os.Stderr, "bad request:", err)
		os.Exit(2)
	}
	changes, err := run(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	line, _ := json.Marshal(map[string]any{"changes": changes})
	fmt.Printf("\n%s%s\n", resultMarker, line)
}
