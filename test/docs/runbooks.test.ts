// The runbooks quote the lines preview and up print: each quote must be what the provider says.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  createdBindingNotice,
  deletedBindingNotice,
  movedBindingNotice,
  repointNotice,
  templateNotice,
} from "../../src/provider/propagation";

const RUNBOOKS = readFileSync(path.join(__dirname, "../../docs/runbooks.md"), "utf8");
const TEMPLATE = 'CallbackTemplate "hooks" (TemplateId 1001)';
const BINDING = 'DomainCallbackBinding "push.example.com/live"';
const EU = 'DomainCallbackBinding "push-eu.example.com/live"';

/** The guide's text with line breaks and indentation folded, as it reads rendered. */
const folded = RUNBOOKS.replace(/\s*\n\s*/g, " ");

describe("runbooks guide (docs/runbooks.md)", () => {
  const planned = { planned: true } as const;
  const quotes: [string, string | undefined][] = [
    ["key rotation", templateNotice(TEMPLATE, { key: "changed", urls: [] }, planned)],
    [
      "URL move",
      templateNotice(
        TEMPLATE,
        {
          urls: [
            {
              input: "streamEndNotifyUrl",
              from: "https://hooks.example.com/live/end",
              to: "https://hooks-v2.example.com/live/end",
            },
          ],
        },
        planned,
      ),
    ],
    ["re-point", repointNotice(BINDING, "push.example.com/live", 1001, 1002, planned)],
    ["new binding", createdBindingNotice(EU, "push-eu.example.com/live", 1001)],
    ["deleted binding", deletedBindingNotice(BINDING, "push.example.com/live")],
    [
      "moved binding",
      movedBindingNotice(BINDING, "push.example.com/live", "push-eu.example.com/live"),
    ],
  ];
  for (const [name, line] of quotes) {
    it(`quotes the ${name} line as the provider prints it`, () => {
      assert.ok(line, "the provider prints a line");
      assert.ok(folded.includes(`\`${line}\``), `not in the runbooks: ${line}`);
    });
  }
});
