/**
 * Parameters that travel as name/value text pairs (signature v1 in a query or a form body, TC3
 * over GET or multipart/form-data) rather than as a JSON object. The API flattens structured
 * values into names such as `Foo.0.Bar` (array index, then member); this module reads such pairs
 * and rebuilds the JSON object the actions take, converting the text of each parameter whose type
 * the action declares (an integer TemplateId, an array of strings) so that a v1 call and a JSON
 * call of the same action reach it as the same value.
 */
import { fail } from "./errors";
import type { Params } from "./params";

/** Name/value pairs in the order received. */
export type FlatPairs = ReadonlyArray<readonly [string, string]>;

/**
 * JSON types of an action parameter that text cannot show by itself. Arrays and objects come from
 * the flattened names; anything not declared stays a string.
 */
export type ParamType = "integer";

/** Declared non-string parameter types of an action, by parameter name. */
export type ParamTypes = Readonly<Record<string, ParamType>>;

/**
 * Reads `application/x-www-form-urlencoded` text (a query string or a form body). A name given
 * twice is `InvalidParameter`: the API has no repeated parameters, only indexed ones.
 */
export function parseFormPairs(text: string): FlatPairs {
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (seen.has(name)) fail("InvalidParameter", `The parameter \`${name}\` is given twice.`);
    seen.add(name);
    pairs.push([name, value]);
  }
  return pairs;
}

type Node = string | Node[] | { [key: string]: Node };

const INDEX = /^(0|[1-9]\d{0,5})$/;

/**
 * Rebuilds structured parameters from flattened pairs (`A.0=x&A.1=y` → `{A: ["x", "y"]}`,
 * `B.0.C=z` → `{B: [{C: "z"}]}`), then converts the values of the parameters in `types`.
 * Conflicting names (`A=1` with `A.0=2`), empty segments and arrays with gaps are
 * `InvalidParameter`, naming the parameter.
 */
export function unflattenParams(pairs: FlatPairs, types: ParamTypes = {}): Params {
  const root: Record<string, Node> = {};
  for (const [name, value] of pairs) {
    const segments = name.split(".");
    if (segments.some((s) => s === "")) {
      fail("InvalidParameter", `The parameter name \`${name}\` has an empty segment.`);
    }
    insert(root, segments, value, name);
  }
  const params: Params = {};
  for (const [name, node] of Object.entries(root)) {
    params[name] = convert(compact(name, node), types[name]);
  }
  return params;
}

function insert(container: Record<string, Node>, segments: string[], value: string, full: string) {
  const [head, ...rest] = segments;
  if (rest.length === 0) {
    if (head in container) conflict(full);
    container[head] = value;
    return;
  }
  const existing = container[head];
  if (typeof existing === "string") conflict(full);
  const child = (existing ?? {}) as Record<string, Node>;
  container[head] = child;
  insert(child, rest, value, full);
}

function conflict(name: string): never {
  fail("InvalidParameter", `The parameter \`${name}\` conflicts with another parameter's name.`);
}

/** Turns objects whose keys are all indexes 0..n-1 into arrays, depth first. */
function compact(name: string, node: Node): Node {
  if (typeof node === "string") return node;
  const entries = Object.entries(node as Record<string, Node>).map(
    ([key, child]) => [key, compact(`${name}.${key}`, child)] as const,
  );
  const keys = entries.map(([key]) => key);
  if (!keys.every((key) => INDEX.test(key))) {
    if (keys.some((key) => INDEX.test(key))) conflict(name);
    return Object.fromEntries(entries);
  }
  const list: Node[] = [];
  for (const [key, child] of entries) list[Number(key)] = child;
  if (list.length !== entries.length) {
    fail("InvalidParameter", `The array parameter \`${name}\` has a gap in its indexes.`);
  }
  return list;
}

function convert(node: Node, type: ParamType | undefined): unknown {
  // Text that is not an integer stays text, so the action answers InvalidParameter naming it.
  if (type === "integer" && typeof node === "string" && /^-?\d{1,15}$/.test(node)) {
    return Number(node);
  }
  return node;
}
