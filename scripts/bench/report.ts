/** The benchmark's printed tables, built from the measured results. */
import type { CliResults } from "./cliBench";
import type { ColdStartResults } from "./coldStartBench";
import type { CreateResults } from "./createBench";
import type { PreviewResults } from "./previewBench";
import type { FootprintResults } from "./footprint";
import type { ProbeResults } from "./probeBench";
import { renderTable } from "../lib/table";

/** A table of plain headers and cells, numbers or text. */
function formatTable(headers: string[], rows: (string | number)[][]): string {
  return renderTable(
    headers.map((header) => ({ header })),
    rows.map((r) => r.map(String)),
  );
}

/** Everything one benchmark run measured; what results.json holds. */
export interface BenchResults {
  when: string;
  node: string;
  cpus: number;
  latencyMs: number;
  preview: PreviewResults;
  create: CreateResults;
  footprint: FootprintResults;
  coldStart: ColdStartResults;
  probe: ProbeResults;
  /** Section 6; absent with --no-cli. */
  cli?: CliResults;
}

const PROVIDER_SIZE_LIMIT = 400;
const met = (ok: boolean) => (ok ? "met" : "MISSED");

function previewSection(p: PreviewResults): string {
  const rows = p.variants.map((v) => [
    v.name,
    v.calls.total,
    v.calls.byAction.DescribeLiveCallbackTemplates,
    v.calls.byAction.DescribeLiveCallbackTemplate,
    v.calls.byAction.DescribeLiveCallbackRules,
    v.calls.writes,
    v.ms,
    v.outcome.changed,
  ]);
  const ratios = p.ratios.map((r) => `  vs ${r.baseline}: calls ×${r.calls}, time ×${r.time}`);
  const shared = p.variants[0].calls;
  return [
    `1. Preview: diff of ${p.templates} templates + ${p.bindings} bindings, ${p.concurrency} in flight`,
    formatTable(
      ["variant", "calls", "Templates", "Template", "Rules", "writes", "wall ms", "changes"],
      rows,
    ),
    `Ratios measured in this run (baseline / shared reads):`,
    ...ratios,
    `Target ≤ 2 reads, 0 writes: ${met(shared.reads <= 2 && shared.writes === 0)}. ` +
      `The per-resource baseline is done by the bench with the client (the provider cannot be told to Describe per resource).`,
  ].join("\n");
}

function createSection(c: CreateResults): string {
  const rows = c.variants.map((v) => [
    v.name,
    v.concurrency,
    (v.ms / 1000).toFixed(2),
    v.floorRatio,
    v.calls.byAction.CreateLiveCallbackRule,
    v.calls.byAction.DescribeLiveCallbackRules,
    v.throttled,
    `${v.throttledPercent} %`,
    met(v.floorRatio <= 1.3 && v.throttledPercent <= 1),
  ]);
  return [
    `2. Create ${c.bindings} bindings, account limit ${c.accountLimit}/s per action ` +
      `(floor ${(c.floorMs / 1000).toFixed(1)} s), client at its default ${c.clientLimit}/s write limit ` +
      `(limiter floor ${(c.bindings / c.clientLimit).toFixed(2)} s = ×${(c.accountLimit / c.clientLimit).toFixed(2)})`,
    formatTable(
      [
        "variant",
        "in flight",
        "wall s",
        "× floor",
        "creates",
        "listings",
        "throttled",
        "share",
        "≤1.3×, ≤1 %",
      ],
      rows,
    ),
    `Provider create = a lookup of the rule in the shared listing + CreateLiveCallbackRule + the ` +
      `read-back (a listing started after the create's answer, shared by the creates answered meanwhile) per binding.`,
  ].join("\n");
}

/** A byte count grouped by thousands, e.g. `12 345 678`. */
function grouped(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

function footprintSection(f: FootprintResults): string {
  const installed = f.providers.find((p) => p.source.startsWith("this version"));
  const limit = installed
    ? met(
        Math.max(installed.callbackTemplate, installed.domainCallbackBinding) <=
          PROVIDER_SIZE_LIMIT,
      )
    : "MISSED";
  const providerRows = f.providers.map((p) => [
    p.source,
    p.callbackTemplate,
    p.domainCallbackBinding,
  ]);
  const stateRows = f.footprints.map((s) => [
    s.name,
    s.holds,
    s.propertyBytes,
    s.entryBytes,
    `${s.providerPercent} %`,
    s.upWrittenBytes === null ? "—" : grouped(s.upWrittenBytes),
  ]);
  const r = f.ratios;
  return [
    `3. State footprint of __provider (installed package, limit ${PROVIDER_SIZE_LIMIT} bytes: ${limit})`,
    formatTable(["__provider of", "CallbackTemplate", "DomainCallbackBinding"], providerRows),
    "",
    formatTable(
      [
        "one binding's state",
        "__provider in/out",
        "inputs+outputs",
        "resource entry",
        "__provider share",
        `up of ${f.bindings}: bytes written`,
      ],
      stateRows,
    ),
    `Bytes as the file backend encodes the checkpoint (properties from real calls through the host; the entry's ` +
      `envelope modelled on apitype.ResourceV3). "Bytes written" sums the checkpoint after each of ` +
      `${f.bindings} binding steps, from ${grouped(f.baseBytes)} bytes (stack, provider, template).`,
    `Ratios measured in this run (0.1.0 / this version): __provider ×${r.provider}, ` +
      `inputs+outputs ×${r.propertyBytes}, resource entry ×${r.entryBytes}, up of ${f.bindings} ×${r.upWrittenBytes}`,
  ].join("\n");
}

function coldStartSection(c: ColdStartResults): string {
  const rows = c.variants.map((v) => [
    v.name,
    v.medianMs,
    v.runsMs.join(", "),
    v.sdkServices,
    v.modules,
  ]);
  return [
    `4. Cold start: fresh process → first API call answered (${c.source}, ${c.variants[0].runsMs.length} runs each)`,
    formatTable(["variant", "median ms", "runs ms", "SDK services", "modules"], rows),
    `Ratio (whole SDK / live only, medians): ×${c.ratio}`,
  ].join("\n");
}

function probeSection(p: ProbeResults): string {
  const rows = p.variants.flatMap((v) => [
    [v.name, "probe", v.medianProbeMs, v.probeMs.join(", ")],
    ["", "process start → first resource", v.medianProgramMs, v.programMs.join(", ")],
  ]);
  return [
    `5. Shim probe: the first resource asks the program's serializer (${p.variants[0].probeMs.length} fresh programs each, npm layout: ${p.decision})`,
    formatTable(["variant", "", "median ms", "runs ms"], rows),
    `Probe's share of the first program's start: ×${p.variants[0].share}; ` +
      `program start, first / later (medians): ×${p.ratio}`,
  ].join("\n");
}

function cliSection(c: CliResults, r: BenchResults): string {
  const rows = c.steps.map((s) => [
    `real CLI ${s.command}`,
    (s.ms / 1000).toFixed(2),
    s.calls.byAction.DescribeLiveCallbackTemplates,
    s.calls.byAction.DescribeLiveCallbackRules,
    s.calls.byAction.CreateLiveCallbackTemplate,
    s.calls.byAction.CreateLiveCallbackRule,
    s.calls.total,
  ]);
  const shared = r.preview.variants[0];
  rows.push([
    `harness preview (section 1, ${shared.name})`,
    (shared.ms / 1000).toFixed(2),
    shared.calls.byAction.DescribeLiveCallbackTemplates,
    shared.calls.byAction.DescribeLiveCallbackRules,
    0,
    0,
    shared.calls.total,
  ]);
  const cliPreview = c.steps.find((s) => s.command.startsWith("preview"));
  const cliUp = c.steps.find((s) => s.command.startsWith("up"));
  return [
    `6. The real CLI (pulumi ${c.pulumi}): ${c.templates} templates and ${c.bindings} bindings, inline program through --client`,
    formatTable(
      [
        "step",
        "s",
        "Describe templates",
        "Describe rules",
        "Create template",
        "Create rule",
        "calls",
      ],
      rows,
    ),
    `Ratios measured in this run: real CLI preview / harness preview, time ×${
      cliPreview ? (cliPreview.ms / shared.ms).toFixed(2) : "—"
    }, calls ×${cliPreview ? (cliPreview.calls.total / shared.calls.total).toFixed(2) : "—"}; ` +
      `real CLI up, seconds per resource ${cliUp ? (cliUp.ms / 1000 / (c.templates + c.bindings)).toFixed(4) : "—"}`,
  ].join("\n");
}

/** The whole report, one section per measurement. */
export function formatReport(r: BenchResults): string {
  return [
    `Live callbacks benchmark: emulator latency ${r.latencyMs} ms per call, ${r.cpus} CPUs, node ${r.node}`,
    previewSection(r.preview),
    createSection(r.create),
    footprintSection(r.footprint),
    coldStartSection(r.coldStart),
    probeSection(r.probe),
    ...(r.cli ? [cliSection(r.cli, r)] : []),
  ].join("\n\n");
}
