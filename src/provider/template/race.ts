/**
 * Two stacks creating a template of one name at the same moment. Claims keep names unique
 * within one provider process, but two stacks run two processes with two states: both can look,
 * find the name free, and create. So after a create the provider lists again, and when another
 * template has the name, a rule every process computes alike from any listing holding both
 * decides: the lowest TemplateId keeps the name. The loser deletes the template it made and
 * fails, naming the winner; the winner keeps its own and succeeds, whether or not the loser's
 * template is still there when it looks.
 */
import type { LiveClient } from "../../api/client";
import type { CallBackTemplateInfo } from "../../api/models";
import type { TemplateScope } from "./scope";

/** What a create race came to, from the point of view of the template `mine`. */
export type NameRace =
  { kind: "alone" } | { kind: "won"; others: number[] } | { kind: "lost"; winner: number };

/**
 * The outcome for template `mine` named `name`, given a listing of the account. `mine` takes
 * part even when the listing does not show it yet. Only the ids decide, so two processes with
 * listings that both hold both templates reach the same answer.
 */
export function decideNameRace(
  listing: readonly CallBackTemplateInfo[],
  name: string,
  mine: number,
): NameRace {
  const others = listing
    .filter((t) => t.TemplateName === name && typeof t.TemplateId === "number")
    .map((t) => t.TemplateId as number)
    .filter((id) => id !== mine);
  if (others.length === 0) return { kind: "alone" };
  const winner = Math.min(mine, ...others);
  return winner === mine ? { kind: "won", others } : { kind: "lost", winner };
}

/**
 * Settles a create race after template `mine` was made: returns when `mine` keeps the name,
 * else deletes it and throws the error naming the winner. When the listing cannot be read, the
 * template cannot be known to be the only one of its name: it is deleted and the create fails,
 * so the next run starts from a clean account instead of two templates of one name.
 */
export async function settleNameRace(
  scope: TemplateScope,
  client: LiveClient,
  name: string,
  mine: number,
  label: string,
): Promise<void> {
  let race: NameRace;
  try {
    // A listing that started after this process's create (the write began a new generation).
    race = decideNameRace(await client.describeLiveCallbackTemplates(), name, mine);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return removeOwn(
      client,
      mine,
      `checking that no other stack made a template named "${name}" at the same moment failed (${why})`,
    );
  }
  if (race.kind === "alone") return;
  if (race.kind === "won") {
    scope.ctx.log(
      `${label}: template(s) ${race.others.join(", ")} of the same name appeared at the same moment ` +
        `(another stack?); the lowest TemplateId keeps the name, so this one is kept and the other ` +
        `creates fail and remove theirs.`,
    );
    return;
  }
  return removeOwn(
    client,
    mine,
    `another stack created a template named "${name}" at the same moment (TemplateId ${race.winner}); ` +
      `the lowest TemplateId keeps the name`,
  );
}

/** Deletes the template this create made and throws `why`, saying whether the delete worked. */
async function removeOwn(client: LiveClient, mine: number, why: string): Promise<never> {
  try {
    await client.deleteLiveCallbackTemplate(mine);
  } catch (e) {
    const how = e instanceof Error ? e.message : String(e);
    throw new Error(
      `${why}, and deleting the template this create made (TemplateId ${mine}) failed too (${how}): ` +
        `delete TemplateId ${mine} in the console, then decide which stack manages the name.`,
      { cause: e },
    );
  }
  throw new Error(
    `${why}; the template this create made (TemplateId ${mine}) was deleted. Two stacks declare one ` +
      `template name: decide which stack manages it, and remove it from the other (or import it there ` +
      `with adopt: true).`,
  );
}
