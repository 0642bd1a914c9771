/**
 * Whether the package's declared peer ranges accept each peer's newest major on the registry:
 * pure logic over the manifest and the registry's answers, so that it is tested without the
 * network. A report for people deciding what to prove next, not a gate.
 */
import semver from "semver";

/** One peer as the report shows it. */
export interface PeerRow {
  name: string;
  /** The declared range, e.g. `^5.0.0 || ^6.0.0`. */
  range: string;
  optional: boolean;
  /** The registry's newest version, or `undefined` when it could not be asked. */
  newest?: string;
  /** Its major. */
  newestMajor?: number;
  /** True when the range accepts the newest version; `undefined` when unknown. */
  accepted?: boolean;
  /** Why the registry gave no answer. */
  error?: string;
}

/** What the report needs of package.json. */
export interface PeerManifest {
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** Asks the registry for a package's newest version (`npm view <name> version`). */
export type NewestVersion = (name: string) => Promise<string>;

/** One row per declared peer, in the manifest's order; a registry failure is kept in its row. */
export async function peerRows(manifest: PeerManifest, newest: NewestVersion): Promise<PeerRow[]> {
  const peers = Object.entries(manifest.peerDependencies ?? {});
  return Promise.all(
    peers.map(async ([name, range]): Promise<PeerRow> => {
      const optional = manifest.peerDependenciesMeta?.[name]?.optional === true;
      try {
        const version = semver.valid((await newest(name)).trim());
        if (!version) throw new Error("the registry answered no version");
        return {
          name,
          range,
          optional,
          newest: version,
          newestMajor: semver.major(version),
          accepted: semver.satisfies(version, range),
        };
      } catch (e) {
        return { name, range, optional, error: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
}

/** The report's lines: one per peer, then what to do about the ones left out. */
export function formatRows(rows: readonly PeerRow[]): string[] {
  const lines = rows.map((r) => {
    const kind = r.optional ? "optional peer" : "peer";
    if (r.error !== undefined)
      return `? ${r.name} (${kind}) "${r.range}": newest unknown (${r.error})`;
    const mark = r.accepted ? "ok" : "OUTSIDE";
    return `${mark} ${r.name} (${kind}) "${r.range}": newest ${r.newest} (major ${r.newestMajor}) ${
      r.accepted ? "is accepted" : "is not accepted"
    }`;
  });
  const outside = rows.filter((r) => r.accepted === false).map((r) => r.name);
  if (outside.length > 0) {
    lines.push(
      `${outside.join(", ")}: a consumer installing the newest gets npm ERESOLVE. Prove the new ` +
        `major in a test (devDependencies, the matrix), then widen the range.`,
    );
  }
  return lines;
}
