// Korean as a reader expects it: particles chosen from the word they follow (es-hangul, and Latin names
// read as Koreans read them), never written 을(를), never after a space, and one term per concept
// (src/i18n/glossary.ts) in every Korean text: the catalogues, the checks' words and README.ko.md.
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checks } from "../../checks/index.js";
import { engineMessages } from "../../src/engine/messages.js";
import { fill } from "../../src/i18n/fill.js";
import { GLOSSARY } from "../../src/i18n/glossary.js";
import { particle } from "../../src/i18n/josa.js";
import { appMessages } from "../../src/i18n/catalogue.js";
import { ROOT } from "../helpers/cli.js";

/** Every Korean text the tool can show, and README.ko.md's prose (its code blocks are commands, not Korean). */
function koreanTexts(): { where: string; text: string }[] {
  const texts = Object.entries(appMessages).map(([key, message]) => ({ where: `catalogue.ts ${key}`, text: message.ko }));
  for (const check of checks) {
    texts.push({ where: `${check.id} title`, text: check.title.ko }, { where: `${check.id} hint`, text: check.hint.ko });
    for (const [key, message] of Object.entries(check.messages)) texts.push({ where: `${check.id} ${key}`, text: message.ko });
  }
  for (const [key, message] of Object.entries(engineMessages)) texts.push({ where: `engine ${key}`, text: message.ko });
  const readme = readFileSync(`${ROOT}README.ko.md`, "utf8").replace(/```[\s\S]*?```/g, "");
  readme.split("\n").forEach((line, i) => texts.push({ where: `README.ko.md:${i + 1}`, text: line }));
  return texts;
}

test("particles follow the reading of Hangul, Latin names and numbers", () => {
  const cases: [string, Parameters<typeof particle>[1], string][] = [
    ["테이블", "을/를", "을"],
    ["함수", "이/가", "가"],
    ["OrderWSPendingFunction", "이/가", "이"],
    ["OrderWSPendingFunction", "을/를", "을"],
    ["OrderCallbackAPI", "을/를", "를"],
    ["ClientCallbackTbl", "으로/로", "로"],
    ["CLIENT_CALLBACK_TABLE", "와/과", "과"],
    ["$default", "이/가", "가"],
    ["$disconnect", "은/는", "는"],
    ["v1", "이/가", "이"],
    ["v1", "으로/로", "로"],
    ["v2", "이/가", "가"],
    ["3", "을/를", "을"],
    ["--lab", "을/를", "을"],
    ["--prune", "을/를", "을"],
    ["apigateway-abc-default", "이/가", "가"],
    ["XML", "을/를", "을"],
    ["WebSocket", "으로/로", "으로"],
    ["API", "이/가", "가"],
  ];
  for (const [word, form, expected] of cases) assert.is(particle(word, form), expected, `${word} ${form}`);
});

test("{name|을/를} fills in the value and its particle; {name} the value alone", () => {
  assert.is(fill("{f|이/가} {t|을/를} 씁니다", { f: "OrderWSConnectFunction", t: "ClientCallbackTbl" }), "OrderWSConnectFunction이 ClientCallbackTbl을 씁니다");
  assert.is(fill("{stage|으로/로}", { stage: "v1" }), "v1로");
  assert.is(fill("{missing|을/를}", {}), "{missing|을/를}");
});

test("every particle placeholder uses a form es-hangul knows", () => {
  const forms = new Set(["이/가", "을/를", "은/는", "와/과", "으로/로", "이나/나", "이라/라", "이란/란", "이랑/랑", "이에요/예요", "으로서/로서", "으로써/로써", "으로부터/로부터"]);
  for (const { where, text } of koreanTexts()) {
    for (const match of text.matchAll(/\{\w+\|([^{}]+)\}/g)) assert.ok(forms.has(match[1]!), `${where}: unknown particle form ${match[1]}`);
  }
});

test("no Korean text writes a particle as 을(를), or leaves a space between a word and its particle", () => {
  const template = /이\(가\)|을\(를\)|은\(는\)|와\(과\)|\(으\)로/;
  // A Latin word, a placeholder or a closing backtick, a space, then a particle that ends there.
  // "이" before a space is the determiner ("이 경로"), so it counts only at the end of a clause.
  const spaced = /[A-Za-z0-9_}`$] (?:(?:을|를|가|은|는|에|의|와|과|로|으로|에서|입니다)(?=[\s.,:;)]|$)|이(?=[.,:;)]|$))/;
  const problems: string[] = [];
  for (const { where, text } of koreanTexts()) {
    if (template.test(text)) problems.push(`${where}: ${text}`);
    const found = spaced.exec(text);
    if (found) problems.push(`${where}: "…${text.slice(Math.max(0, found.index - 20), found.index + 8)}…"`);
  }
  assert.equal(problems, []);
});

test("one term per concept: no Korean text uses a variant the glossary refuses", () => {
  const problems: string[] = [];
  for (const { where, text } of koreanTexts()) {
    for (const term of GLOSSARY) for (const variant of term.not) if (text.includes(variant)) problems.push(`${where}: "${variant}" (say "${term.ko}")`);
  }
  assert.equal(problems, []);
});

test.run();
