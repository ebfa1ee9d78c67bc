// `npm run lab -- --accounts N` as a participant runs it: the real command in a child process, its printout
// read the way a person would read it, and every printed key and URL tried against the running lab.
import { GetApiCommand } from "@aws-sdk/client-apigatewayv2";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createClients } from "../../src/aws/clients.js";
import { labAccountKey, LAB_REGION } from "../../src/lab/index.js";
import { cliEnv, ROOT } from "../helpers/cli.js";
import { startLongRunning, type Running } from "../../bench/lib/process.js";

/** `npm run lab` as a child process; its bound (seeding on a busy machine is slow) only fails a stuck run. */
function startLab(args: string[]): Running {
  return startLongRunning([process.execPath, "--import", "tsx", join(ROOT, "src/cli/lab.ts"), "--port", "0", ...args], { cwd: ROOT, env: cliEnv(undefined), boundMs: 180_000 });
}

interface PrintedAccount {
  n: number;
  total: number;
  account: string;
  accessKeyId: string;
  secretAccessKey: string;
  url: string;
}

/** The account blocks of the English printout, in order. */
function printedAccounts(stdout: string): PrintedAccount[] {
  const block =
    /^ {2}Account (\d+) of (\d+): (\d{12})\n {4}access key ID: (\S+)\n {4}secret access key: (\S+)\n {4}WebSocket API OrderCallbackAPI \(stage v1\): (\S+)$/gm;
  return [...stdout.matchAll(block)].map((m) => ({ n: Number(m[1]), total: Number(m[2]), account: m[3]!, accessKeyId: m[4]!, secretAccessKey: m[5]!, url: m[6]! }));
}

test("npm run lab -- --accounts 3 prints every account's id, access key ID, secret and API URL, and each works against the lab", async () => {
  const lab = startLab(["--accounts", "3", "--lang", "en"]);
  try {
    await lab.waitFor("Press Ctrl-C to stop.");
    const out = lab.stdout();
    const endpoint = /running at (http:\/\/127\.0\.0\.1:\d+) /.exec(out)?.[1];
    assert.ok(endpoint, out);
    const printed = printedAccounts(out);
    assert.equal(
      printed.map(({ n, total, account, accessKeyId }) => ({ n, total, account, accessKeyId })),
      [1, 2, 3].map((n) => {
        const key = labAccountKey(n);
        return { n, total: 3, account: key.accountId, accessKeyId: key.accessKeyId };
      }),
      out,
    );
    // A lab shared by several people: every account's secret is made for this run, none is the one in the source.
    for (const account of printed) {
      assert.is(account.secretAccessKey.length, 40, account.secretAccessKey);
      assert.is.not(account.secretAccessKey, labAccountKey(account.n).secretAccessKey);
    }
    assert.is(new Set(printed.map((p) => p.secretAccessKey)).size, 3, "each account has its own secret");
    assert.is(new Set(printed.map((p) => p.url)).size, 3, "each account has its own API");
    assert.match(out, "use account 1 of this lab");
    for (const account of printed) {
      const clients = createClients({ endpoint: endpoint!, region: LAB_REGION, credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey }, maxAttempts: 1 });
      try {
        const who = await clients.sts.send(new GetCallerIdentityCommand({}));
        assert.is(who.Account, account.account, "the printed keys belong to the printed account");
        const apiId = /\/([a-z0-9]{10})\/v1$/.exec(account.url)?.[1];
        assert.ok(apiId, account.url);
        const api = await clients.apigw.send(new GetApiCommand({ ApiId: apiId }));
        assert.is(api.Name, "OrderCallbackAPI");
        assert.is(`${api.ApiEndpoint}/v1`, account.url, "the printed URL is that account's API on stage v1");
      } finally {
        clients.destroy();
      }
      // The secret in the source opens nothing: the lab checks signatures (src/lab/signature.ts).
      const guessed = createClients({ endpoint: endpoint!, region: LAB_REGION, credentials: { accessKeyId: account.accessKeyId, secretAccessKey: labAccountKey(account.n).secretAccessKey }, maxAttempts: 1 });
      try {
        const refused = await guessed.sts.send(new GetCallerIdentityCommand({})).then(
          () => undefined,
          (error: unknown) => error as { name: string },
        );
        assert.is(refused?.name, "SignatureDoesNotMatch", `account ${account.n}: the source's secret must be refused`);
      } finally {
        guessed.destroy();
      }
    }
  } finally {
    const code = await lab.interrupt();
    assert.is(code, 0, lab.stderr());
    assert.match(lab.stdout(), "The local lab has stopped.");
  }
});

test("npm run lab in Korean prints every account's keys with Korean labels, particles attached", async () => {
  const lab = startLab(["--accounts", "2", "--lang", "ko"]);
  try {
    await lab.waitFor("중지하려면 Ctrl-C를 누르세요.");
    const out = lab.stdout();
    for (const n of [1, 2]) {
      const key = labAccountKey(n);
      // The secret is made for this run (several accounts): any 40 base64 characters.
      assert.match(out, new RegExp(`  계정 ${n}/2: ${key.accountId}\n {4}액세스 키 ID: ${key.accessKeyId}\n {4}비밀 액세스 키: [A-Za-z0-9+/]{40}\n {4}WebSocket API OrderCallbackAPI\\(스테이지 v1\\): ws://`));
    }
    assert.match(out, "이 실습 환경의 계정 1을 사용합니다");
    // A particle after a value or a Latin word, split off by a space ("Ctrl-C 를"), reads as a typo in Korean.
    assert.not.match(out, /[A-Za-z0-9)'"] (을|를|이|가|은|는|에|에서|와|과|로|으로)[ .:,(]/, "no space between a word and its particle");
  } finally {
    assert.is(await lab.interrupt(), 0, lab.stderr());
  }
});

test.run();
