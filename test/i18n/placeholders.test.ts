// Every message the tool can show, of every kind (the tool's own catalogue, the engine's words, each check's
// title, hint and messages), is one { ko, en } pair filled by the same fill(): both languages must fill the
// same {placeholders}, or one of them shows a raw {name} or drops a value the other names.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checks } from "../../checks/index.js";
import { engineMessages } from "../../src/engine/messages.js";
import { appMessages } from "../../src/i18n/catalogue.js";
import { placeholderNames } from "../../src/i18n/fill.js";
import type { Localized } from "../../src/i18n/localized.js";

/** Every message, named by where it lives. */
function everyMessage(): { where: string; message: Localized }[] {
  const all = [
    ...Object.entries(appMessages).map(([key, message]) => ({ where: `catalogue ${key}`, message })),
    ...Object.entries(engineMessages).map(([key, message]) => ({ where: `engine ${key}`, message })),
  ];
  for (const check of checks) {
    all.push({ where: `${check.id} title`, message: check.title }, { where: `${check.id} hint`, message: check.hint });
    for (const [key, message] of Object.entries(check.messages)) all.push({ where: `${check.id} ${key}`, message });
  }
  return all;
}

test("a particle placeholder names its value: {name|을/를} counts as name", () => {
  assert.equal(placeholderNames("{functionName|이/가} {routeKey} {functionName} {x|을/를}"), ["functionName", "routeKey", "x"]);
  assert.equal(placeholderNames('{"participants": [...]} and {...}'), []);
});

test("every message of every kind has text in both languages, filling the same placeholders", () => {
  const messages = everyMessage();
  assert.ok(messages.length > Object.keys(appMessages).length + Object.keys(engineMessages).length + checks.length * 2, "the walk reached the checks' messages");
  const problems: string[] = [];
  for (const { where, message } of messages) {
    if (message.ko.trim() === "" || message.en.trim() === "") problems.push(`${where}: an empty text`);
    const ko = placeholderNames(message.ko);
    const en = placeholderNames(message.en);
    if (ko.join() !== en.join()) problems.push(`${where}: ko {${ko.join(", ")}} / en {${en.join(", ")}}`);
  }
  assert.equal(problems, []);
});

test.run();
