/** The benchmark's printed tables, built from the measured results. */
import type { ColdStartResults } from "./coldStartBench";
import type { CreateResults } from "./createBench";
import type { PreviewResults } from "./previewBench";
import type { ProviderSize } from "./providerSize";
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
  providerSize: ProviderSize[];
  coldStart: ColdStartResults;
}

const PROVIDER_SIZE_LIMIT = 3072;
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
    `Provider create = a lookup of the rule in the shared listing + CreateLiveCallbackRule per binding.`,
  ].join("\n");
}

function sizeSection(sizes: ProviderSize[]): string {
  const rows = sizes.map((s) => [
    s.build,
    s.callbackTemplate,
    s.domainCallbackBinding,
    met(Math.max(s.callbackTemplate, s.domainCallbackBinding) <= PROVIDER_SIZE_LIMIT),
  ]);
  return [
    `3. __provider size in bytes (limit ${PROVIDER_SIZE_LIMIT})`,
    formatTable(["build", "CallbackTemplate", "DomainCallbackBinding", "≤ 3 KB"], rows),
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

/** The whole report, one section per measurement. */
export function formatReport(r: BenchResults): string {
  return [
    `Live callbacks benchmark: emulator latency ${r.latencyMs} ms per call, ${r.cpus} CPUs, node ${r.node}`,
    previewSection(r.preview),
    createSection(r.create),
    sizeSection(r.providerSize),
    coldStartSection(r.coldStart),
  ].join("\n\n");
}
