/**
 * What a create or update will output, predicted for `pulumi preview` without calling the API.
 * The plugin tells the engine it supports previews so that outputs an update keeps (a
 * template's `templateId`) stay known: otherwise the engine takes the new inputs as the
 * outputs, `templateId` (an output only) becomes unknown, and every binding using it shows as
 * changing. An output that an update may change is reported unknown, never guessed.
 */
import { UNKNOWN } from "../provider/context";
import {
  PLUGIN_CALLBACK_TEMPLATE_TYPE,
  PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE,
} from "../resources/typeTokens";
import { reveal } from "./secrets";
import { typeOfUrn } from "./provider";

type Props = Record<string, unknown>;

/** The outputs an update of `urn`'s resource will have, from its old outputs and new inputs. */
export function predictUpdate(urn: string, olds: Props, news: Props): Props {
  const type = typeOfUrn(urn);
  if (type === PLUGIN_CALLBACK_TEMPLATE_TYPE) {
    // A key change sets the rotation outputs; anything else carries them (scope.ts).
    const keyChanges =
      JSON.stringify(reveal({ k: olds.callbackKey }).plain) !==
      JSON.stringify(reveal({ k: news.callbackKey }).plain);
    const rotation = keyChanges
      ? { previousCallbackKey: UNKNOWN, callbackKeyChangedAt: UNKNOWN }
      : {
          previousCallbackKey: olds.previousCallbackKey,
          callbackKeyChangedAt: olds.callbackKeyChangedAt,
        };
    return dropUndefined({ ...news, templateId: olds.templateId, ...rotation });
  }
  if (type === PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE) {
    // Re-pointing may recreate the rule: both times may change.
    return dropUndefined({ ...news, createTime: UNKNOWN, updateTime: UNKNOWN });
  }
  return news;
}

function dropUndefined(props: Props): Props {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}
