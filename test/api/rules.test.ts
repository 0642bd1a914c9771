// How a rule is found by (domain, app) (src/api/rules.ts): domains compare without regard to
// case, the exact spelling wins wherever it stands in the listing, and a domain the API
// left out matches no domain name.
import assert from "node:assert/strict";

import type { CallBackRuleInfo } from "../../src/api/models";
import { findRule, ruleKey } from "../../src/api/rules";

const rule = (DomainName: string | undefined, AppName: string, TemplateId: number) =>
  ({ DomainName, AppName, TemplateId }) as CallBackRuleInfo;

describe("api/rules findRule", () => {
  it("prefers the rule spelled exactly as asked, whether it is listed first or last", () => {
    const upper = rule("PUSH.example.com", "live", 1);
    const exact = rule("push.example.com", "live", 2);
    assert.equal(findRule([upper, exact], "push.example.com", "live"), exact);
    assert.equal(findRule([exact, upper], "push.example.com", "live"), exact);
    assert.equal(findRule([exact, upper], "PUSH.example.com", "live"), upper);
  });

  it("finds a rule whose domain differs only in case, with the API's spelling", () => {
    const listed = rule("Push.Example.com", "live", 3);
    assert.equal(findRule([listed], "push.example.COM", "live"), listed);
    assert.equal(findRule([listed], "push.example.com", "Live"), undefined, "apps are exact");
    assert.equal(findRule([listed], "pull.example.com", "live"), undefined);
  });

  it("keeps ß apart from ss, which upper-casing would fold together", () => {
    const other = rule("strasse.example.com", "live", 4);
    assert.equal(findRule([other], "straße.example.com", "live"), undefined);
    assert.notEqual(ruleKey("straße.example.com", "live"), ruleKey("STRASSE.example.com", "live"));
    assert.equal(ruleKey("PUSH.example.com", "live"), ruleKey("push.EXAMPLE.com", "live"));
  });

  it('reads a rule listed without a domain as domain "": no domain name finds it', () => {
    const bare = rule(undefined, "live", 5);
    assert.equal(findRule([bare], "push.example.com", "live"), undefined);
    assert.equal(findRule([bare], "", "live"), bare);
  });
});
