// The tool's own words (the CLI, the lab, reports, grade, solve), in the one shape every message has:
// { ko, en } side by side (src/i18n/localized.ts), filled by the same fill and particle machinery as the checks'
// messages. Korean is the default: the workshop is Korean.
import type { Localized } from "./localized.js";

export const appMessages = {
  "lab.starting": {
    ko: "로컬 실습 환경을 시작합니다…",
    en: "Starting the local lab…",
  },
  "lab.seeding": {
    ko: "계정 {n}/{total}에 워크숍 {state} 상태를 준비하는 중…",
    en: "Preparing account {n}/{total} in the workshop state {state}…",
  },
  "lab.ready": {
    ko: "AWSomePets 로컬 실습 환경이 {endpoint}에서 실행 중입니다(리전 {region}).",
    en: "The AWSomePets local lab is running at {endpoint} (region {region}).",
  },
  "lab.account": {
    ko: "계정 {n}/{total}: {account}",
    en: "Account {n} of {total}: {account}",
  },
  "lab.accessKeyId": {
    ko: "액세스 키 ID: {accessKeyId}",
    en: "access key ID: {accessKeyId}",
  },
  "lab.secretAccessKey": {
    ko: "비밀 액세스 키: {secretAccessKey}",
    en: "secret access key: {secretAccessKey}",
  },
  "lab.apiEndpoint": {
    ko: "WebSocket API OrderCallbackAPI(스테이지 v1): {url}",
    en: "WebSocket API OrderCallbackAPI (stage v1): {url}",
  },
  "lab.noApi": {
    ko: "WebSocket API OrderCallbackAPI: 이 상태에는 없습니다",
    en: "WebSocket API OrderCallbackAPI: none in this state",
  },
  "lab.useEnv": {
    ko: "다른 터미널에서 다음 환경 변수를 설정하면 AWS SDK v3와 AWS CLI가 이 실습 환경을 사용합니다:",
    en: "In another terminal, set these variables and the AWS SDK v3 and the AWS CLI use this lab:",
  },
  "lab.useEnvFirst": {
    ko: "다른 터미널에서 다음 환경 변수를 설정하면 AWS SDK v3와 AWS CLI가 이 실습 환경의 계정 1을 사용합니다(다른 계정을 쓰려면 위 목록에 있는 그 계정의 키로 바꾸세요):",
    en: "In another terminal, set these variables and the AWS SDK v3 and the AWS CLI use account 1 of this lab (for another account, put in its keys from the list above):",
  },
  "lab.useCli": {
    ko: "AWS CLI 예:",
    en: "AWS CLI example:",
  },
  "lab.useCheck": {
    ko: "이 실습 환경을 검사하려면 (위 환경 변수를 설정한 터미널에서):",
    en: "To check this lab (in the terminal with the variables above):",
  },
  "lab.stop": {
    ko: "중지하려면 Ctrl-C를 누르세요.",
    en: "Press Ctrl-C to stop.",
  },
  "lab.stopped": {
    ko: "로컬 실습 환경을 중지했습니다.",
    en: "The local lab has stopped.",
  },
  "lab.portInUse": {
    ko: "{port}번 포트는 이미 사용 중입니다. --port로 다른 포트를 지정하세요(0은 임의의 빈 포트).",
    en: "Port {port} is already in use. Choose another with --port (0 takes any free port).",
  },
  "lab.failed": {
    ko: "로컬 실습 환경을 시작하지 못했습니다: {reason}",
    en: "The local lab could not start: {reason}",
  },
  "lab.unknownState": {
    ko: "알 수 없는 상태 '{state}'입니다. 가능한 값: {states}",
    en: "Unknown state '{state}'. Known states: {states}",
  },
  "lab.faults": {
    ko: "장애 주입: 호출당 지연 {latency}ms, 스로틀링 {throttle}, $disconnect 지연 {disconnect}ms",
    en: "Fault injection: {latency} ms per call, throttling {throttle}, $disconnect delay {disconnect} ms",
  },
  "report.check": {
    ko: "검사",
    en: "Check",
  },
  "report.detail": {
    ko: "내용",
    en: "Detail",
  },
  "report.fix.run": {
    ko: "고치려면 아래 명령을 차례로 실행한 뒤 다시 검사하세요:",
    en: "To fix, run these commands in order, then check again:",
  },
  "report.fix.look": {
    ko: "그래도 실패하면 아래 명령으로 확인하세요(아직 아무것도 없으면 오류가 날 수 있습니다):",
    en: "If it still fails, look with these (they fail when there is nothing to show yet):",
  },
  "report.score": {
    ko: "점수 {score}/{max} — 통과 {passed}, 실패 {failed}, 경고 {warned}, 건너뜀 {skipped}, 오류 {errors}",
    en: "Score {score}/{max} — {passed} passed, {failed} failed, {warned} warned, {skipped} skipped, {errors} errors",
  },
  "report.unjudged": {
    ko: "판정하지 않음: {max}점 중 {points}점({checks})은 실시간 검사가 있어야 판정합니다. --no-live 없이 실행하면 판정합니다.",
    en: "Not judged: {points} of the {max} points ({checks}) need the live probe; run without --no-live to judge them.",
  },
  // grade (src/grade, src/cli/grade.ts)
  "roster.unreadable": {
    ko: "명단 파일 {file|을/를} 읽을 수 없습니다: {message}",
    en: "The roster {file} cannot be read: {message}",
  },
  "roster.empty": {
    ko: "명단에 참가자가 한 명도 없습니다.",
    en: "The roster has no participants.",
  },
  "roster.noHeader": {
    ko: "CSV 명단의 첫 줄은 열 이름이어야 하고 id 열이 있어야 합니다 (예: id,role_arn,external_id,profile,region).",
    en: "The first line of a CSV roster must name the columns, including id (e.g. id,role_arn,external_id,profile,region).",
  },
  "roster.badJson": {
    ko: "JSON 명단을 해석할 수 없습니다: {message}",
    en: "The JSON roster cannot be parsed: {message}",
  },
  "roster.notArray": {
    ko: "JSON 명단은 참가자 객체의 배열이거나 {\"participants\": [...]} 여야 합니다.",
    en: "A JSON roster must be an array of participant objects, or {\"participants\": [...]}.",
  },
  "roster.notObject": {
    ko: "이 행은 객체({...})가 아닙니다.",
    en: "The row is not an object ({...}).",
  },
  "roster.badValue": {
    ko: "{field} 값은 문자열이어야 합니다.",
    en: "The value of {field} must be a string.",
  },
  "roster.noId": {
    ko: "id (이름 또는 이메일) 가 없습니다.",
    en: "The id (name or email) is missing.",
  },
  "roster.duplicateId": {
    ko: "id {id|은/는} {first}번째 줄에도 있습니다. 첫 번째 행만 채점합니다.",
    en: "The id {id} is also on line {first}; only the first row is graded.",
  },
  "roster.bothAccess": {
    ko: "role_arn과 profile이 둘 다 있습니다. 하나만 적으세요.",
    en: "The row has both role_arn and profile; give one.",
  },
  "roster.noAccess": {
    ko: "role_arn 또는 profile 중 하나가 있어야 합니다.",
    en: "The row needs role_arn or profile.",
  },
  "roster.badRoleArn": {
    ko: "role_arn이 IAM 역할 ARN이 아닙니다: '{value}' (예: arn:aws:iam::123456789012:role/AWSomePetsGrader).",
    en: "role_arn '{value}' is not an IAM role ARN (e.g. arn:aws:iam::123456789012:role/AWSomePetsGrader).",
  },
  "roster.externalIdWithoutRole": {
    ko: "external_id는 role_arn과 함께 써야 합니다.",
    en: "external_id goes with role_arn.",
  },
  "roster.badExternalId": {
    ko: "external_id는 영문자, 숫자, +=,.@:/- 로 된 2~1224자여야 합니다.",
    en: "external_id must be 2 to 1224 letters, digits or +=,.@:/- characters.",
  },
  "roster.badRegion": {
    ko: "region이 AWS 리전 이름이 아닙니다: '{value}' (예: ap-northeast-2).",
    en: "region '{value}' is not an AWS region name (e.g. ap-northeast-2).",
  },
  "grade.profileFailed": {
    ko: "명단 {line}행의 프로필 {profile|을/를} 쓸 수 없습니다: {reason}",
    en: "The profile {profile} of roster line {line} could not be used: {reason}",
  },
  "grade.assumeRoleFailed": {
    ko: "참가자 계정에 접근할 수 없습니다: {roleArn} 역할을 맡지(AssumeRole) 못했습니다 ({code}: {message}). 참가자 계정의 역할 신뢰 정책이 채점 역할을 허용하는지, external_id가 맞는지 확인하세요.",
    en: "The participant's account cannot be reached: AssumeRole into {roleArn} failed ({code}: {message}). Check that the role's trust policy in the participant's account allows the grading role, and the external_id.",
  },
  "grade.timeLimit": {
    ko: "참가자당 시간 제한 {seconds}초 안에 검사를 마치지 못했습니다 (--time-limit).",
    en: "The check did not finish within the per-participant time limit of {seconds} s (--time-limit).",
  },
  "grade.interrupted": {
    ko: "이 참가자의 채점이 끝나기 전에 실행이 중단되어(Ctrl-C 또는 신호) 채점하지 않았습니다.",
    en: "Not graded: the run was stopped (Ctrl-C or a signal) before this participant was done.",
  },
  "grade.crashed": {
    ko: "이 참가자를 검사하다가 채점기 오류가 났습니다: {reason}",
    en: "The grader failed while checking this participant: {reason}",
  },
  "grade.badRow": {
    ko: "명단 {line}번째 줄: {message}",
    en: "roster line {line}: {message}",
  },
  "grade.interruptedRun": {
    ko: "중단됨: 채점하지 못했거나 도중에 끊긴 참가자는 점수가 아니라 오류입니다",
    en: "INTERRUPTED: participants not reached or cut off are errors, not grades",
  },
  "cli.cleaningUp": {
    ko: "멈추는 중: 실시간 검사가 자기가 쓴 행을 지우고 있습니다(길어야 몇 초). Ctrl-C를 한 번 더 누르면 바로 끝나지만 행이 남을 수 있습니다.",
    en: "Stopping: the live probe is deleting the rows it wrote (a few seconds at most). A third Ctrl-C ends at once and may leave them.",
  },
  "grade.badShard": {
    ko: "--shard는 i/n 형식이어야 합니다 (1 ≤ i ≤ n, 예: 2/4).",
    en: "--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4).",
  },
  "grade.badRowsHeader": {
    ko: "명단에서 읽지 못한 행 (나머지는 채점했습니다):",
    en: "Roster rows that could not be read (the rest was graded):",
  },
  "grade.summary": {
    ko: "채점 {graded}명, 채점 못 함 {errors}명, 잘못된 명단 행 {bad}개 ({seconds}초)",
    en: "{graded} graded, {errors} not graded, {bad} bad roster rows ({seconds} s)",
  },
  "grade.throttled": {
    ko: "AWS API 할당량 때문에 {count}번 거절된 호출을 다시 시도해 처리했습니다.",
    en: "AWS's API quotas refused {count} calls; each was retried.",
  },
  "grade.written": {
    ko: "보고서를 {dir}에 저장했습니다(results.json, scores.csv, junit.xml, report.html, gradescope/).",
    en: "Reports written to {dir} (results.json, scores.csv, junit.xml, report.html, gradescope/).",
  },
  "grade.crashedRun": {
    ko: "채점기 오류: {reason}",
    en: "Grader error: {reason}",
  },
  "grade.out.notFolder": {
    ko: "--out {dir}에 폴더를 만들 수 없습니다: 그 자리에 파일이 있습니다.",
    en: "--out {dir} is not a folder and cannot be made one: a file is in its way.",
  },
  "grade.out.notWritable": {
    ko: "--out {dir}에 쓸 수 없습니다({code}).",
    en: "--out {dir} cannot be written ({code}).",
  },
  "grade.out.foreign": {
    ko: "--out {dir}에 채점기가 쓰지 않는 {entry}도 있습니다. 새 폴더나 빈 폴더, 또는 채점기의 보고서(results.json, scores.csv, junit.xml, report.html, gradescope/<id>/results.json)만 있는 폴더를 지정하세요. 채점기는 다른 파일 사이에 보고서를 섞어 쓰지 않습니다.",
    en: "--out {dir} holds {entry}, which grade does not write. Give a new or empty folder, or one holding only grade's reports (results.json, scores.csv, junit.xml, report.html, gradescope/<id>/results.json): grade does not mix its reports into other files.",
  },
  "grade.participant": {
    ko: "참가자",
    en: "Participant",
  },
  "grade.account": {
    ko: "계정",
    en: "Account",
  },
  "grade.score": {
    ko: "점수",
    en: "Score",
  },
  "grade.failing": {
    ko: "실패한 검사",
    en: "Failing checks",
  },
  "grade.error": {
    ko: "채점 못 함: {reason}",
    en: "not graded: {reason}",
  },
  "grade.allPassed": {
    ko: "모두 통과",
    en: "all passed",
  },
  "grade.noFailures": {
    ko: "실패 없음 (건너뜀 {skipped})",
    en: "no failures ({skipped} skipped)",
  },
  "watch.nobodyMoved": {
    ko: "지난 회차 이후 변화가 없습니다.",
    en: "Since the last round: nobody moved.",
  },
  "watch.forwardHeader": {
    ko: "지난 회차 이후 {count}명이 앞으로 나아갔습니다:",
    en: "Since the last round, {count} moved forward:",
  },
  "watch.forward": {
    ko: "▲ {id}: {from} → {to} / {max} (새로 통과: {checks})",
    en: "▲ {id}: {from} → {to} / {max} (now passing: {checks})",
  },
  "watch.backHeader": {
    ko: "지난 회차 이후 {count}명이 뒤로 물러났습니다:",
    en: "Since the last round, {count} went back:",
  },
  "watch.back": {
    ko: "▼ {id}: {from} → {to} / {max} (더는 통과하지 않음: {checks})",
    en: "▼ {id}: {from} → {to} / {max} (no longer passing: {checks})",
  },
  "watch.next": {
    ko: "다음 회차: {time} ({minutes}분마다). Ctrl-C로 멈춥니다.",
    en: "Next round at {time} (every {minutes} min); Ctrl-C stops.",
  },
  "watch.round": {
    ko: "{round}회차 ({time})",
    en: "Round {round} ({time})",
  },
  "watch.stopped": {
    ko: "지켜보기를 멈췄습니다. 마지막으로 끝난 회차의 보고서는 쓴 그대로 남습니다.",
    en: "Stopped watching; the reports of the last full round stay as written.",
  },
  "grade.notJudged": {
    ko: "실시간 검사 없이 판정하지 않음: {checks}",
    en: "not judged without the live probe: {checks}",
  },
  "grade.scoreUnjudged": {
    ko: "{score} / {max} (판정 안 함 {points})",
    en: "{score} / {max} ({points} not judged)",
  },
  "grade.mdTitle": {
    ko: "AWSomePets 채점 결과",
    en: "AWSomePets grades",
  },
  "grade.mdDetails": {
    ko: "참가자별 결과",
    en: "Results per participant",
  },
  "grade.mdTruncated": {
    ko: "요약 크기 제한 때문에 나머지 참가자의 상세 결과는 생략했습니다. --out의 results.json을 보세요.",
    en: "The other participants' details are left out to keep the summary within its size limit; see results.json of --out.",
  },
  "grade.mdChecks": {
    ko: "검사별 결과",
    en: "Results per check",
  },
  "grade.overview.title": {
    ko: "검사별 결과 (실패가 많은 순):",
    en: "Per check, most failed first:",
  },
  "grade.overview.line": {
    ko: "통과 {passed}/{judged} ({rate}), 실패 {failed}",
    en: "{passed}/{judged} passed ({rate}), {failed} failing",
  },
  "grade.overview.unjudged": {
    ko: "판정 안 함 {count}",
    en: "{count} not judged",
  },
  "grade.html.glance": {
    ko: "한눈에 보는 반 전체",
    en: "The class at a glance",
  },
  "grade.html.legend": {
    ko: "범례",
    en: "Legend",
  },
  "grade.html.status.pass": {
    ko: "통과",
    en: "passed",
  },
  "grade.html.status.warn": {
    ko: "경고",
    en: "warning",
  },
  "grade.html.status.fail": {
    ko: "실패",
    en: "failed",
  },
  "grade.html.status.skip": {
    ko: "건너뜀",
    en: "skipped",
  },
  "grade.html.status.error": {
    ko: "오류",
    en: "error",
  },
  "grade.html.status.unjudged": {
    ko: "실시간 검사 없이 판정 안 함",
    en: "not judged without the live probe",
  },
  "grade.html.status.notGraded": {
    ko: "채점 못 함",
    en: "not graded",
  },
  "grade.html.passRate": {
    ko: "통과율",
    en: "Pass rate",
  },
  "grade.html.checks": {
    ko: "검사별 통과율",
    en: "Pass rate per check",
  },
  "grade.html.stuck": {
    ko: "막힌 곳: 실패가 많은 검사부터",
    en: "Where people are stuck: most failed checks first",
  },
  "grade.html.stuckCount": {
    ko: "{count}명 실패",
    en: "{count} failed",
  },
  "grade.html.noneStuck": {
    ko: "실패한 검사가 없습니다.",
    en: "No check failed.",
  },
  "grade.html.distribution": {
    ko: "점수 분포",
    en: "Score distribution",
  },
  "grade.html.scoreStats": {
    ko: "평균 {mean}점, 중앙값 {median}점, 만점 {max}점",
    en: "Mean {mean}, median {median}, out of {max}",
  },
  "grade.html.nobody": {
    ko: "채점한 참가자가 없습니다.",
    en: "Nobody was graded.",
  },
  "grade.html.filter": {
    ko: "ID나 이름으로 찾기",
    en: "Find by id or name",
  },
  "grade.html.show": {
    ko: "보기",
    en: "Show",
  },
  "grade.html.show.all": {
    ko: "모두",
    en: "everyone",
  },
  "grade.html.show.with": {
    ko: "{status} 있음",
    en: "with {status}",
  },
  "grade.html.show.unjudged": {
    ko: "판정 안 한 검사 있음",
    en: "with checks not judged",
  },
  "grade.html.sort": {
    ko: "정렬",
    en: "Sort by",
  },
  "grade.html.sort.id": {
    ko: "ID 순",
    en: "id",
  },
  "grade.html.sort.scoreAsc": {
    ko: "점수 낮은 순",
    en: "score, lowest first",
  },
  "grade.html.sort.scoreDesc": {
    ko: "점수 높은 순",
    en: "score, highest first",
  },
  "grade.html.sort.failures": {
    ko: "실패 많은 순",
    en: "failures, most first",
  },
  "grade.html.shown": {
    ko: "{total}명 중 {shown}명 표시",
    en: "{shown} of {total} shown",
  },
  "grade.html.openHint": {
    ko: "참가자를 누르면 검사별 내용, 해결 방법, 고칠 명령이 보입니다.",
    en: "Click a participant to see each check's detail, hint and fix commands.",
  },
  "grade.html.run": {
    ko: "실행 {id} · 단계 {step} · {finishedAt}",
    en: "Run {id} · step {step} · {finishedAt}",
  },
  "grade.html.refresh": {
    ko: "이 페이지는 {seconds}초마다 새로 고칩니다.",
    en: "This page reloads every {seconds} s.",
  },
  "grade.html.unjudgedPoints": {
    ko: "판정 안 함 {points}점",
    en: "{points} not judged",
  },
  "progress.grading": {
    ko: "채점 중 {done}/{total} (진행 중 {running})…",
    en: "Grading {done}/{total} ({running} running)…",
  },
  "grade.instructorCredentials": {
    ko: "강사 자격 증명({who})이 동작하지 않습니다({message}). 참가자의 역할(예: {role})은 모두 이 자격 증명으로 맡으므로 아무도 채점하지 않았습니다. 자격 증명을 새로 받은 뒤(aws sso login 또는 aws configure) 다시 실행하세요.",
    en: "The instructor's credentials ({who}) do not work ({message}). Every participant's role, such as {role}, is assumed with them, so nobody was graded. Renew them (aws sso login, or aws configure) and run again.",
  },
  "grade.defaultCredentials": {
    ko: "SDK 기본 체인: 환경 변수, AWS_PROFILE 또는 기본 프로필",
    en: "the SDK's default chain: environment, AWS_PROFILE or the default profile",
  },
  "grade.needRoster": {
    ko: "반을 채점하려면 --roster FILE, 조각별 보고서를 합치려면 --merge DIR…을 지정하세요.",
    en: "Give --roster FILE to grade a class, or --merge DIR… to merge the reports of its shards.",
  },
  "grade.mergeWithRoster": {
    ko: "--merge는 이미 채점한 조각(각 조각의 --out 폴더)을 합치므로 --roster나 --shard와 함께 쓸 수 없습니다.",
    en: "--merge combines shards already graded (their --out folders): it takes no --roster or --shard.",
  },
  "merge.unreadable": {
    ko: "{file|을/를} 읽을 수 없습니다: {message}",
    en: "{file} cannot be read: {message}",
  },
  "merge.notJson": {
    ko: "{file|은/는} JSON이 아닙니다: {message}",
    en: "{file} is not JSON: {message}",
  },
  "merge.invalid": {
    ko: "{file|은/는} npm run grade가 쓴 results.json이 아닙니다: {field} 값이 없거나 잘못되었습니다.",
    en: "{file} is not the results.json of npm run grade: {field} is missing or wrong.",
  },
  "merge.notShard": {
    ko: "{file|은/는} 조각이 아닙니다: --shard 없이 채점했거나 이미 합친 결과여서 반 전체를 담고 있습니다.",
    en: "{file} is not a shard: it was graded without --shard (or is already merged), so it holds the whole class.",
  },
  "merge.differentRoster": {
    ko: "{file|은/는} {first|와/과} 다른 명단으로 채점했습니다(sha256 {sha}…, {rows}행 / sha256 {firstSha}…, {firstRows}행). 한 명단의 조각만 합칠 수 있습니다.",
    en: "{file} was graded from another roster than {first} (sha256 {sha}…, {rows} rows; not {firstSha}…, {firstRows} rows): merge the shards of one roster only.",
  },
  "merge.mismatch": {
    ko: "{file|은/는} {option} {value|으로/로}, {first|은/는} {option} {firstValue|으로/로} 채점했습니다. 한 번의 실행에서 나온 조각만 합칠 수 있습니다.",
    en: "{file} was graded with {option} {value} and {first} with {option} {firstValue}: merge the shards of one run only.",
  },
  "merge.duplicateShard": {
    ko: "조각 {index}/{count}번이 두 번 주어졌습니다: {file}, {other}",
    en: "Shard {index}/{count} is given twice: {file} and {other}.",
  },
  "merge.missingShards": {
    ko: "조각 {count}개 중 {missing}번이 없습니다. 조각 {count}개의 폴더를 모두 지정하세요.",
    en: "Shards {missing} of {count} are missing: give the folders of all {count} shards.",
  },
  "merge.sameParticipant": {
    ko: "참가자 {id}: 두 조각에 모두 있습니다({file}, {other}).",
    en: "Participant {id} is in two shards: {file} and {other}.",
  },
  "merge.toolVersion": {
    ko: "참고: 조각을 쓴 {tool} 버전이 서로 다릅니다({file}: {version}, {first}: {firstVersion}). 그대로 합칩니다.",
    en: "Note: the shards were written by different versions of {tool} ({file}: {version}, {first}: {firstVersion}); they are merged anyway.",
  },
  "progress.gradeLog": {
    ko: "채점 {done}/{total}, 오류 {errors}, 약 {left}초 남음",
    en: "Graded {done}/{total}, {errors} errors, about {left} s left",
  },
  "check.written": {
    ko: "보고서를 {file}에 저장했습니다.",
    en: "Report written to {file}.",
  },
  "check.watching": {
    ko: "{seconds}초 후 다시 검사합니다 (중지: Ctrl-C)…",
    en: "Checking again in {seconds} s (Ctrl-C stops)…",
  },
  "check.changes": {
    ko: "지난 실행 이후 바뀐 항목:",
    en: "Changed since the last run:",
  },
  "check.noChanges": {
    ko: "지난 실행 이후 바뀐 항목이 없습니다.",
    en: "Nothing changed since the last run.",
  },
  "check.crashed": {
    ko: "검사기 오류: {reason}",
    en: "Checker error: {reason}",
  },
  "check.noRegion": {
    ko: "리전을 알 수 없습니다. --region ap-northeast-2 처럼 지정하거나 AWS_REGION을 설정하세요.",
    en: "No region is set. Pass --region (e.g. --region ap-northeast-2) or set AWS_REGION.",
  },
  "check.noCredentials": {
    ko: "AWS 자격 증명을 찾지 못했거나 유효하지 않습니다 ({message}). `aws configure` 또는 `aws sso login` 후 다시 실행하거나, AWS 계정 없이 해 보려면 --lab을 붙이세요.",
    en: "No working AWS credentials were found ({message}). Run `aws configure` or `aws sso login` and try again, or add --lab to try it without an AWS account.",
  },
  "check.expired": {
    ko: "AWS 자격 증명이 만료되었습니다 ({message}). `aws sso login` 등으로 갱신한 뒤 다시 실행하세요.",
    en: "The AWS credentials have expired ({message}). Refresh them (e.g. `aws sso login`) and run again.",
  },
  "check.noNetwork": {
    ko: "AWS에 연결할 수 없습니다 ({message}). 네트워크, --region, --endpoint를 확인하세요.",
    en: "AWS cannot be reached ({message}). Check the network, --region and --endpoint.",
  },
  "progress.collecting": {
    ko: "계정 구성을 읽는 중…",
    en: "Reading the account's configuration…",
  },
  "progress.cleaning-leftovers": {
    ko: "이전 실행에서 남은 실시간 검사 기록을 정리하는 중…",
    en: "Cleaning probe records left by an earlier run…",
  },
  "progress.connecting": {
    ko: "WebSocket에 연결하는 중…",
    en: "Connecting the WebSocket…",
  },
  "progress.waiting-registration": {
    ko: "연결 등록($connect)을 기다리는 중…",
    en: "Waiting for the connection to be registered ($connect)…",
  },
  "progress.waiting-answer": {
    ko: "$default 응답을 기다리는 중…",
    en: "Waiting for the $default answer…",
  },
  "progress.waiting-disconnect": {
    ko: "$disconnect 처리를 기다리는 중…",
    en: "Waiting for $disconnect to run…",
  },
  "progress.cleaning-up": {
    ko: "실시간 검사 기록을 삭제하는 중…",
    en: "Removing the probe's records…",
  },
  "lab.embedded": {
    ko: "내장 로컬 실습 환경을 '{state}' 상태로 준비하는 중…",
    en: "Preparing an embedded local lab in the state '{state}'…",
  },
  "opt.step": {
    ko: "검사할 워크숍 단계",
    en: "which workshop step to check",
  },
  "opt.region": {
    ko: "AWS 리전 (기본: AWS_REGION 또는 프로필의 리전)",
    en: "AWS region (default: AWS_REGION or the profile's region)",
  },
  "opt.profile": {
    ko: "자격 증명에 쓸 AWS 프로필",
    en: "AWS profile for credentials",
  },
  "opt.endpoint": {
    ko: "AWS 엔드포인트 URL (AWS_ENDPOINT_URL과 같음), 예: 실행 중인 로컬 실습 환경",
    en: "AWS endpoint URL (same as AWS_ENDPOINT_URL), e.g. a running local lab",
  },
  "opt.apiName": {
    ko: "WebSocket API의 이름",
    en: "name of the WebSocket API",
  },
  "opt.apiId": {
    ko: "WebSocket API의 ID (이름 대신)",
    en: "id of the WebSocket API (instead of its name)",
  },
  "opt.live": {
    ko: "실시간 WebSocket 검사 실행 (--no-live로 생략)",
    en: "run the live WebSocket probe (--no-live skips it)",
  },
  "opt.lang": {
    ko: "언어 (기본: 로캘, 모르면 한국어)",
    en: "language (default: from the locale, Korean when unsure)",
  },
  "opt.format": {
    ko: "보고서 형식",
    en: "report format",
  },
  "opt.output": {
    ko: "보고서를 표준 출력 대신 이 파일에 저장",
    en: "write the report to this file instead of stdout",
  },
  "opt.watch": {
    ko: "N 초마다(기본 5) 다시 검사하고 바뀐 것을 보여 줌, Ctrl-C까지",
    en: "re-run every N seconds (default 5) and show what changed, until Ctrl-C",
  },
  "opt.lab": {
    ko: "새 내장 로컬 실습 환경을 검사(AWS 계정 필요 없음)",
    en: "check a fresh embedded local lab (no AWS account needed)",
  },
  "opt.labState": {
    ko: "내장 실습 환경의 시나리오 (--lab과 함께)",
    en: "the embedded lab's scenario (with --lab)",
  },
  "opt.timeout": {
    ko: "실시간 검사가 각 단계에서 기다리는 최대 초 (기본 5 초, $disconnect는 10 초)",
    en: "seconds the live probe waits at most for each step (default: 5 s, 10 s for $disconnect)",
  },
  "opt.port": {
    ko: "127.0.0.1의 포트 (0: 아무 빈 포트)",
    en: "port on 127.0.0.1 (0: any free port)",
  },
  "opt.accounts": {
    ko: "준비할 워크숍 계정 수",
    en: "how many workshop accounts to seed",
  },
  "opt.state": {
    ko: "모든 계정을 준비할 워크숍 상태",
    en: "the workshop state every account is seeded in",
  },
  "opt.latency": {
    ko: "장애 주입: 제어 영역 호출마다 더할 ms",
    en: "fault injection: ms added to every control-plane call",
  },
  "opt.throttle": {
    ko: "장애 주입: AWS의 계정별 API 할당량 적용 (429)",
    en: "fault injection: enforce AWS's per-account API quotas (429)",
  },
  "opt.disconnectDelay": {
    ko: "장애 주입: $disconnect 실행 전 기다릴 ms",
    en: "fault injection: ms before $disconnect runs",
  },
  "opt.solveStep": {
    ko: "완료할 워크숍 단계",
    en: "the workshop step to complete",
  },
  "opt.resetStep": {
    ko: "되돌릴 워크숍 단계 (1단계가 끝난 상태로)",
    en: "the workshop step to undo (back to the state step 1 leaves)",
  },
  "opt.yes": {
    ko: "묻지 않고 계획 적용 (터미널이 아닐 때 필요)",
    en: "apply the plan without asking (needed when not on a terminal)",
  },
  "opt.dryRun": {
    ko: "계획만 출력하고 아무것도 바꾸지 않음",
    en: "print the plan and change nothing",
  },
  "opt.prune": {
    ko: "어떤 경로도 가리키지 않는 통합도 삭제",
    en: "also delete integrations that no route targets",
  },
  "opt.planLab": {
    ko: "새 내장 로컬 실습 환경에서 작업(AWS 계정 필요 없음, 확인 없음)",
    en: "work on a fresh embedded local lab (no AWS account needed; no confirmation)",
  },
  "opt.planTimeout": {
    ko: "실시간 검사가 각 단계에서 기다리는 최대 초",
    en: "seconds the live probe waits at most for each step",
  },
  "opt.withHandlers": {
    ko: "세 함수의 코드도 참조 핸들러(solution/handlers)로 교체",
    en: "also replace the three functions' code with the reference handlers (solution/handlers)",
  },
  "opt.solveLive": {
    ko: "v1을 실시간으로 확인 (--no-live: 실시간 검사 없음, 그래서 옳지만 배포되지 않은 구성은 다시 배포하지 않음)",
    en: "probe v1 live (--no-live: no probe, so a right but undeployed configuration is not redeployed)",
  },
  "opt.demoState": {
    ko: "참가자가 시작하는 시나리오",
    en: "the scenario the participant starts from",
  },
  "opt.roster": {
    ko: "반 명단, CSV 또는 JSON: id, role_arn (+ external_id) 또는 profile, region",
    en: "class roster, CSV or JSON: id, role_arn (+ external_id) or profile, region",
  },
  "opt.gradeStep": {
    ko: "채점할 워크숍 단계",
    en: "which workshop step to grade",
  },
  "opt.concurrency": {
    ko: "동시에 채점할 계정 수",
    en: "accounts graded at once",
  },
  "opt.shard": {
    ko: "명단을 n 조각으로 나눈 것 중 i 번째만 채점(i/n), CI 매트릭스용",
    en: "grade only the i-th of n slices of the roster (i/n), for a CI matrix",
  },
  "opt.merge": {
    ko: "조각으로 나눠 채점한 반의 보고서를 합침: 각 --shard i/n의 --out 폴더들 (--roster 대신)",
    en: "merge the reports of a class graded in shards: the --out folders of every --shard i/n (instead of --roster)",
  },
  "opt.gradeRegion": {
    ko: "리전이 없는 행의 리전, 그리고 강사의 STS 호출 리전",
    en: "region of rows without one, and of the instructor's STS calls",
  },
  "opt.gradeProfile": {
    ko: "강사 자격 증명의 AWS 프로필 (역할을 맡는 쪽)",
    en: "AWS profile of the instructor's credentials (they assume the roles)",
  },
  "opt.out": {
    ko: "results.json, scores.csv, junit.xml, report.html, gradescope/<id>/results.json을 이 폴더에 저장 (새 폴더나 빈 폴더, 또는 이것들만 있는 폴더)",
    en: "write results.json, scores.csv, junit.xml, report.html and gradescope/<id>/results.json here (a new or empty folder, or one holding only these)",
  },
  "opt.timeLimit": {
    ko: "참가자 한 명에게 허용하는 최대 초",
    en: "seconds one participant may take at most",
  },
  "opt.gradeTimeout": {
    ko: "실시간 검사가 각 단계에서 기다리는 최대 초(check와 같음)",
    en: "seconds the live probe waits at most for each step (as in check)",
  },
  "opt.maxAttempts": {
    ko: "AWS 호출당 SDK 시도 횟수 (스로틀링은 백오프로 재시도)",
    en: "SDK attempts per AWS call (throttling is retried with backoff)",
  },
  "opt.gradeWatch": {
    ko: "Ctrl-C를 누를 때까지 MINUTES분마다 다시 채점: report.html이 스스로 새로 고치고, 회차마다 누가 나아갔는지 알립니다",
    en: "grade again every MINUTES until Ctrl-C: report.html reloads itself, and each round says who moved forward",
  },
  "common.on": {
    ko: "켜짐",
    en: "on",
  },
  "common.off": {
    ko: "꺼짐",
    en: "off",
  },
  // solve / reset / demo (src/plan, src/cli/solve.ts, reset.ts, demo.ts)
  "plan.header.solve": {
    ko: "{step}단계를 완성하는 계획 — 계정 {account}, 리전 {region}, API {apiId}: 변경 {count}개",
    en: "Plan to complete step {step} — account {account}, region {region}, API {apiId}: {count} change(s)",
  },
  "plan.header.reset": {
    ko: "1단계가 끝난 상태로 되돌리는 계획 — 계정 {account}, 리전 {region}, API {apiId}: 변경 {count}개",
    en: "Plan to return to the state step 1 leaves — account {account}, region {region}, API {apiId}: {count} change(s)",
  },
  "plan.nothing.solve": {
    ko: "할 일이 없습니다: {step}단계가 이미 완성되어 있습니다.",
    en: "Nothing to do: step {step} is already in place.",
  },
  "plan.nothing.reset": {
    ko: "할 일이 없습니다: 이미 1단계가 끝난 상태입니다 ({step}단계에서 추가하는 것이 없습니다).",
    en: "Nothing to do: the account is already in the state step 1 leaves (nothing of step {step} is there).",
  },
  "plan.why": {
    ko: "이유",
    en: "why",
  },
  "plan.notes": {
    ko: "그대로 두는 것:",
    en: "Left as it is:",
  },
  "plan.blocked": {
    ko: "계획을 세울 수 없습니다:",
    en: "No plan can be made:",
  },
  "change.createIntegration": {
    ko: "{functionName}의 Lambda 프록시 통합(AWS_PROXY, POST)을 만듭니다",
    en: "Create a Lambda proxy integration (AWS_PROXY, POST) of {functionName}",
  },
  "change.createRoute": {
    ko: "{routeKey} 경로를 만듭니다. 통합: {integration}",
    en: "Create the route {routeKey}, targeting {integration}",
  },
  "change.setTarget": {
    ko: "{routeKey} 경로(경로 ID {routeId})의 통합을 바꿉니다: {integration} (지금: {previous}). 기존 통합은 지우지 않습니다",
    en: "Point the route {routeKey} (route id {routeId}) at {integration} (now: {previous}); the old integration is not deleted",
  },
  "change.setTargetNew": {
    ko: "{routeKey} 경로(경로 ID {routeId})의 통합을 지정합니다: {integration}",
    en: "Point the route {routeKey} (route id {routeId}) at {integration}",
  },
  "change.clearTarget": {
    ko: "{routeKey} 경로(경로 ID {routeId})에서 통합 연결({previous})을 해제합니다",
    en: "Detach the route {routeKey} (route id {routeId}) from its integration ({previous})",
  },
  "change.addPermission": {
    ko: "API Gateway가 {routeKey}에서 {functionName|을/를} 호출하도록 허용합니다: 문장 ID {statementId}, SourceArn {sourceArn}",
    en: "Let API Gateway invoke {functionName} for {routeKey}: statement id {statementId}, SourceArn {sourceArn}",
  },
  "change.removePermission": {
    ko: "{functionName}의 리소스 기반 정책에서 문장 {statementId|을/를} 지웁니다",
    en: "Remove statement {statementId} from the resource-based policy of {functionName}",
  },
  "change.setSelectionExpression": {
    ko: "{routeKey} 경로의 경로 응답 선택 표현식을 {expression|으로/로} 설정합니다",
    en: "Set the route response selection expression of {routeKey} to {expression}",
  },
  "change.clearSelectionExpression": {
    ko: "{routeKey} 경로의 경로 응답 선택 표현식을 지웁니다",
    en: "Clear the route response selection expression of {routeKey}",
  },
  "change.createRouteResponse": {
    ko: "{routeKey} 경로에 경로 응답 {routeResponseKey|을/를} 만듭니다 (양방향 통신)",
    en: "Create the route response {routeResponseKey} of {routeKey} (two-way communication)",
  },
  "change.deleteRouteResponse": {
    ko: "{routeKey} 경로의 경로 응답 {routeResponseId} ({routeResponseKey}) 를 지웁니다",
    en: "Delete the route response {routeResponseId} ({routeResponseKey}) of {routeKey}",
  },
  "change.deleteIntegration": {
    ko: "통합 {integrationId|을/를} 지웁니다",
    en: "Delete integration {integrationId}",
  },
  "change.createStage": {
    ko: "스테이지 {stageName|을/를} 만듭니다",
    en: "Create stage {stageName}",
  },
  "change.deploy": {
    ko: "API를 스테이지 {stageName}에 배포합니다",
    en: "Deploy the API to stage {stageName}",
  },
  "change.updateCode": {
    ko: "{functionName}의 코드를 참조 핸들러로 바꿉니다 (핸들러 {handler}; 설정과 환경 변수는 그대로)",
    en: "Replace the code of {functionName} with the reference handler (handler {handler}; configuration and environment stay)",
  },
  "ref.existing": {
    ko: "기존 통합 {integrationId} (이미 올바름, 재사용)",
    en: "the existing integration {integrationId} (already right, reused)",
  },
  "ref.created": {
    ko: "변경 {n}에서 만드는 통합",
    en: "the integration change {n} creates",
  },
  "ref.createdId": {
    ko: "새 통합 {integrationId}",
    en: "the new integration {integrationId}",
  },
  "why.noTarget": {
    ko: "{routeKey} 경로에 통합이 없습니다 (항목 {items}).",
    en: "The route {routeKey} has no integration (items {items}).",
  },
  "why.badTarget": {
    ko: "{routeKey} 경로의 대상이 통합을 가리키지 않습니다: '{target}'",
    en: "The target '{target}' of the route {routeKey} does not point to an integration.",
  },
  "why.missingIntegration": {
    ko: "{routeKey} 경로가 존재하지 않는 통합 {integrationId|을/를} 가리킵니다.",
    en: "The route {routeKey} points to integration {integrationId}, which does not exist.",
  },
  "why.wrongType": {
    ko: "{routeKey} 경로의 통합 {integrationId|은/는} {integrationType} 유형입니다. Lambda 프록시 통합(AWS_PROXY)이어야 합니다 (항목 {items}).",
    en: "Integration {integrationId} of the route {routeKey} has type {integrationType}; it must be a Lambda proxy integration (AWS_PROXY) (items {items}).",
  },
  "why.badUri": {
    ko: "{routeKey} 경로의 통합 {integrationId}의 URI가 Lambda 함수를 가리키지 않습니다: '{uri}'",
    en: "The URI '{uri}' of integration {integrationId} (route {routeKey}) does not name a Lambda function.",
  },
  "why.wrongFunction": {
    ko: "{routeKey} 경로의 통합 {integrationId|이/가} {functionName|이/가} 아니라 {wiredFunction|을/를} 호출합니다 (항목 {items}).",
    en: "Integration {integrationId} of the route {routeKey} calls {wiredFunction}, not {functionName} (items {items}).",
  },
  "why.otherLocation": {
    ko: "{routeKey} 경로의 통합 {integrationId|이/가} 리전 {wiredRegion}, 계정 {wiredAccount}의 함수를 호출합니다. API와 같은 리전, 같은 계정의 {functionName}이어야 합니다.",
    en: "Integration {integrationId} of the route {routeKey} calls a function in region {wiredRegion}, account {wiredAccount}; it must call {functionName} in the API's own region and account.",
  },
  "why.wrongMethod": {
    ko: "{routeKey} 경로의 통합 {integrationId}의 통합 메서드가 {method}입니다. Lambda 통합은 POST 여야 합니다.",
    en: "Integration {integrationId} of the route {routeKey} uses method {method}; a Lambda integration must use POST.",
  },
  "why.noRoute": {
    ko: "{routeKey} 경로가 없습니다 (삭제된 것 같습니다).",
    en: "There is no route {routeKey} (it seems to have been deleted).",
  },
  "why.newIntegration": {
    ko: "API에 {functionName|을/를} 호출하는 올바른 Lambda 프록시 통합이 없어 새로 만듭니다.",
    en: "The API has no right Lambda proxy integration of {functionName} to reuse.",
  },
  "why.noPolicy": {
    ko: "{functionName}에 리소스 기반 정책이 없어 API Gateway가 {routeKey}에서 호출할 수 없습니다 (항목 {items}).",
    en: "{functionName} has no resource-based policy, so API Gateway cannot invoke it for {routeKey} (items {items}).",
  },
  "why.noPermission": {
    ko: "{functionName}의 정책에 API Gateway가 {routeKey}에서 호출하도록 허용하는 문장이 없습니다 (항목 {items}). 기존 문장은 건드리지 않습니다.",
    en: "No statement in the policy of {functionName} lets API Gateway invoke it for {routeKey} (items {items}). The existing statements are left alone.",
  },
  "why.replaceOwn": {
    ko: "이 도구가 쓴 문장 {statementId|이/가} 더 이상 {routeKey|을/를} 허용하지 않아(API를 다시 만든 경우) 새로 씁니다.",
    en: "Statement {statementId}, written by this tool, no longer allows {routeKey} (the API was re-created), so it is written again.",
  },
  "why.noExpression": {
    ko: "{routeKey} 경로가 단방향입니다: 경로 응답 선택 표현식이 설정되어 있지 않습니다 (항목 8).",
    en: "The route {routeKey} is one-way: it has no route response selection expression (item 8).",
  },
  "why.otherExpression": {
    ko: "{routeKey} 경로의 경로 응답 선택 표현식이 '{expression}' 입니다. WebSocket API는 $default만 지원합니다 (항목 8).",
    en: "The route response selection expression of {routeKey} is '{expression}'; WebSocket APIs support $default only (item 8).",
  },
  "why.noRouteResponse": {
    ko: "{routeKey} 경로에 경로 응답 $default가 없어 함수의 응답이 클라이언트에게 돌아가지 않습니다 (항목 8).",
    en: "The route {routeKey} has no route response $default, so the function's answer never reaches the client (item 8).",
  },
  "why.noStage": {
    ko: "API에 스테이지 {stageName|이/가} 없습니다.",
    en: "The API has no stage {stageName}.",
  },
  "why.neverDeployed": {
    ko: "스테이지 {stageName|이/가} 한 번도 배포되지 않았습니다 (항목 10–11).",
    en: "Stage {stageName} has never been deployed (items 10–11).",
  },
  "why.configChanged": {
    ko: "경로와 통합의 변경은 배포해야 {stageName}에 반영됩니다 (항목 10–11).",
    en: "Changes to routes and integrations reach {stageName} only after a deployment (items 10–11).",
  },
  "why.stale.noAnswer": {
    ko: "설정은 맞지만 {stageName}에 반영되지 않았습니다: 실시간 검사에서 $default가 응답하지 않았습니다.",
    en: "The configuration is right but {stageName} does not serve it: in the live probe $default gave no answer.",
  },
  "why.stale.forbidden": {
    ko: "설정은 맞지만 {stageName}에 반영되지 않았습니다: 실시간 검사에서 $default 메시지에 'Forbidden'이 돌아왔습니다 (배포된 API에 $default 경로가 없습니다).",
    en: "The configuration is right but {stageName} does not serve it: in the live probe the $default message got 'Forbidden' (the deployed API has no $default route).",
  },
  "why.stale.rowsLeft": {
    ko: "설정은 맞지만 {stageName}에 반영되지 않았습니다: 실시간 검사에서 연결을 끊은 뒤에도 테이블에 연결 행이 남았습니다 ($disconnect 함수가 실행되지 않았습니다).",
    en: "The configuration is right but {stageName} does not serve it: in the live probe the connection's rows stayed in the table after disconnecting (the $disconnect function did not run).",
  },
  "why.stale.contradicted": {
    ko: "설정은 맞지만 실시간 검사에서 $default가 함수의 응답 대신 오류({outcome})를 돌려주었습니다: {stageName|이/가} 예전 배포를 제공하고 있을 가능성이 큽니다.",
    en: "The configuration is right, but in the live probe $default gave an error ({outcome}) instead of the function's answer: most likely {stageName} serves an older deployment.",
  },
  "why.stale.elsewhere": {
    ko: "최근 배포 {otherDeploymentId|은/는} 스테이지 {otherStage}에 있고, {stageName|은/는} 여전히 예전 배포를 제공합니다.",
    en: "The latest deployment, {otherDeploymentId}, went to stage {otherStage}; {stageName} still serves an older one.",
  },
  "why.deploymentMissing": {
    ko: "스테이지 {stageName|이/가} 가리키는 배포 {deploymentId|을/를} API의 배포 목록에서 찾을 수 없습니다.",
    en: "Stage {stageName} points to deployment {deploymentId}, which is not among the API's deployments.",
  },
  "why.deploymentFailed": {
    ko: "스테이지 {stageName}의 배포 {deploymentId}의 상태가 {status}입니다(DEPLOYED가 아님).",
    en: "Deployment {deploymentId} of stage {stageName} is {status}, not DEPLOYED.",
  },
  "why.prune": {
    ko: "어느 경로도 가리키지 않는 통합입니다 ({integrationType}; --prune).",
    en: "No route targets it ({integrationType}; --prune).",
  },
  "why.ownUnused": {
    ko: "이번 실행이 만든 통합이지만, 그사이 다른 실행이 경로를 다른 올바른 통합에 연결해 어느 경로도 이 통합을 가리키지 않습니다.",
    en: "This run created it, but meanwhile another run pointed the route at another right integration, so no route targets this one.",
  },
  "why.code": {
    ko: "--with-handlers: {functionName}의 코드가 참조 핸들러와 다릅니다.",
    en: "--with-handlers: the code of {functionName} differs from the reference handler.",
  },
  "why.reset.step2": {
    ko: "2단계에서 추가하는 것입니다 (항목 {items}).",
    en: "Step 2 adds it (items {items}).",
  },
  "why.reset.twoWay": {
    ko: "2단계에서 추가하는 양방향 설정입니다 (항목 8).",
    en: "Step 2 adds it to make the route two-way (item 8).",
  },
  "why.reset.own": {
    ko: "solve가 쓴 문장입니다.",
    en: "solve wrote it.",
  },
  "why.reset.permission": {
    ko: "API Gateway가 {routeKeys}에서 {functionName|을/를} 호출하도록 허용하는 문장으로, 2단계에서 추가하는 것입니다 (항목 5, 8).",
    en: "It lets API Gateway invoke {functionName} for {routeKeys}, which step 2 adds (items 5, 8).",
  },
  "why.reset.integration": {
    ko: "2단계 경로가 가리키던 통합이고, 다른 경로는 가리키지 않습니다.",
    en: "A step-2 route targeted it, and no other route does.",
  },
  "why.reset.deploy": {
    ko: "{stageName|이/가} 다시 1단계의 설정을 제공하도록 배포합니다.",
    en: "So that {stageName} serves the step-1 configuration again.",
  },
  "note.noSourceArn": {
    ko: "{functionName}의 문장 {sid|은/는} SourceArn 조건 없이 {routeKey} 호출을 허용합니다 (검사에서는 경고). solve는 자기가 쓰지 않은 문장을 고치지 않습니다. 좁히려면 지운 뒤 다시 solve를 실행하세요: {command}",
    en: "Statement {sid} of {functionName} allows {routeKey} without a SourceArn condition (a warning in the check). solve does not edit statements it did not write; to narrow it, remove it and run solve again: {command}",
  },
  "note.denied": {
    ko: "{functionName}의 문장 {sid|이/가} {routeKey} 호출을 명시적으로 거부(Deny)합니다. solve는 자기가 쓰지 않은 문장을 지우지 않습니다. 지우려면: {command}",
    en: "Statement {sid} of {functionName} explicitly denies calls for {routeKey}. solve does not remove statements it did not write; to remove it: {command}",
  },
  "note.autoDeploy": {
    ko: "스테이지 {stageName|은/는} 자동 배포(autoDeploy)가 켜져 있어 배포를 따로 만들지 않습니다.",
    en: "Stage {stageName} deploys automatically (autoDeploy), so no deployment is created.",
  },
  "note.deployUnconfirmed.disabled": {
    ko: "실시간 검사 없이는(--no-live) {stageName|이/가} 최신 설정을 제공하는지 확인할 수 없어 배포는 계획하지 않았습니다.",
    en: "Without the live probe (--no-live) whether {stageName} serves the latest configuration cannot be confirmed, so no deployment is planned.",
  },
  "note.deployUnconfirmed.skipped": {
    ko: "실시간 검사를 하지 못해 {stageName|이/가} 최신 설정을 제공하는지 확인하지 못했습니다. 배포는 계획하지 않았습니다.",
    en: "The live probe did not run, so whether {stageName} serves the latest configuration could not be confirmed; no deployment is planned.",
  },
  "note.deployUnconfirmed.error": {
    ko: "실시간 검사가 검사기 쪽 오류({code})로 끝나 {stageName|이/가} 최신 설정을 제공하는지 확인하지 못했습니다. 배포는 계획하지 않았습니다.",
    en: "The live probe ended with an error on the checker's side ({code}), so whether {stageName} serves the latest configuration could not be confirmed; no deployment is planned.",
  },
  "note.deployUnconfirmed.inconclusive": {
    ko: "실시간 검사가 배포와 관계없는 이유로 실패해(s2.live-* 참고) {stageName|이/가} 최신 설정을 제공하는지 확인하지 못했습니다. 배포는 계획하지 않았습니다.",
    en: "The live probe failed for a reason other than deployment (see s2.live-*), so whether {stageName} serves the latest configuration could not be confirmed; no deployment is planned.",
  },
  "note.deployPending": {
    ko: "스테이지 {stageName}의 배포 {deploymentId|이/가} 아직 진행 중이어서(PENDING) 배포는 계획하지 않았습니다. 배포가 끝나면 다시 실행하세요.",
    en: "Deployment {deploymentId} of stage {stageName} is still in progress (PENDING), so no deployment is planned; run again when it has finished.",
  },
  "note.orphans": {
    ko: "어느 경로도 가리키지 않는 통합: {ids}. --prune을 붙이면 지웁니다.",
    en: "Integrations no route targets: {ids}. --prune deletes them.",
  },
  "note.routeMissing": {
    ko: "{routeKey} 경로가 없습니다. reset은 1단계의 경로를 만들지 않습니다.",
    en: "There is no route {routeKey}; reset does not create step 1's routes.",
  },
  "note.noSid": {
    ko: "{functionName}의 Sid 없는 문장이 {routeKeys} 호출을 허용합니다. Sid가 없으면 API로 지울 수 없습니다.",
    en: "A statement of {functionName} without Sid allows {routeKeys}; without a Sid it cannot be removed through the API.",
  },
  "note.noStageReset": {
    ko: "스테이지 {stageName|이/가} 없어 배포하지 않습니다.",
    en: "There is no stage {stageName}, so nothing is deployed.",
  },
  "note.runtime": {
    ko: "--with-handlers: {functionName}의 런타임 {runtime|은/는} 참조 핸들러를 실행할 수 없어(nodejs18.x 이상 필요) 코드를 그대로 둡니다.",
    en: "--with-handlers: {functionName} runs {runtime}, which cannot run the reference handlers (nodejs18.x or later needed); its code is left as it is.",
  },
  "note.handler": {
    ko: "--with-handlers: {functionName}의 핸들러 설정을 해석할 수 없어('{handler}') 코드를 그대로 둡니다.",
    en: "--with-handlers: the Handler setting '{handler}' of {functionName} cannot be read; its code is left as it is.",
  },
  "note.noFunctionCode": {
    ko: "--with-handlers: 역할 {role}의 함수가 없어 코드를 올리지 않습니다.",
    en: "--with-handlers: there is no workshop function for the role {role}; no code is uploaded for it.",
  },
  "blocked.unreadable": {
    ko: "{resource|을/를} 읽지 못했습니다 ({action}: {code}). 일부만 읽은 계정으로는 계획하지 않습니다. 권한을 확인하고 다시 실행하세요.",
    en: "{resource} could not be read ({action}: {code}). No plan is made from a partly read account; check the permissions and run again.",
  },
  "blocked.noApi": {
    ko: "리전 {region}에 WebSocket API {apiName|이/가} 없습니다. 1단계(CloudFormation 스택) 가 끝나지 않았거나 리전이 다릅니다 (--region, --api-id). solve --step 2는 1단계 위에서 동작하며 API를 만들지 않습니다.",
    en: "There is no WebSocket API {apiName} in region {region}: step 1 (the CloudFormation stack) is not done, or it is in another region (--region, --api-id). solve --step 2 builds on step 1 and does not create the API.",
  },
  "blocked.apiElsewhere": {
    ko: "리전 {region} 에는 WebSocket API {apiName|이/가} 없지만 리전 {regions}에 있습니다. --region으로 그 리전을 지정해 다시 실행하세요.",
    en: "There is no WebSocket API {apiName} in region {region}, but there is one in {regions}. Run again with --region set to that region.",
  },
  "blocked.notWebsocket": {
    ko: "API {apiName|은/는} WebSocket API가 아닙니다({apiId}, {protocolType}).",
    en: "The API {apiName} ({apiId}) is not a WebSocket API ({protocolType}).",
  },
  "blocked.noAccount": {
    ko: "계정 ID를 알 수 없습니다(sts:GetCallerIdentity). SourceArn을 만들 수 없어 계획하지 않습니다.",
    en: "The account id is unknown (sts:GetCallerIdentity), so no SourceArn can be written; no plan is made.",
  },
  "blocked.noFunction": {
    ko: "리전 {region}에 역할 {role}의 워크숍 함수가 없습니다 (1단계). solve는 함수를 만들지 않습니다.",
    en: "There is no workshop function of the role {role} in region {region} (step 1). solve does not create functions.",
  },
  "solve.reading": {
    ko: "계정을 읽고 계획을 세우는 중…",
    en: "Reading the account and planning…",
  },
  "solve.probing": {
    ko: "설정은 모두 맞습니다. v1에 배포되었는지 실시간으로 확인하는 중…",
    en: "The configuration is all right; probing v1 live to see whether it is deployed…",
  },
  "solve.confirm": {
    ko: "위의 변경 {count}개를 적용할까요? [y/N] ",
    en: "Apply these {count} change(s)? [y/N] ",
  },
  "solve.declined": {
    ko: "아무것도 바꾸지 않았습니다.",
    en: "Nothing was changed.",
  },
  "solve.needYes": {
    ko: "대화형 터미널이 아니어서 아무것도 바꾸지 않았습니다. 위 계획을 적용하려면 --yes를, 계획만 보려면 --dry-run을 붙여 다시 실행하세요.",
    en: "Not an interactive terminal: nothing was changed. Run again with --yes to apply the plan above, or with --dry-run to only see it.",
  },
  "solve.dryRun": {
    ko: "--dry-run: 아무것도 바꾸지 않았습니다.",
    en: "--dry-run: nothing was changed.",
  },
  "solve.checking": {
    ko: "2단계를 다시 검사합니다 (실시간 검사 포함)…",
    en: "Checking step 2 again (live probe included)…",
  },
  "solve.crashed": {
    ko: "solve 오류: {reason}",
    en: "solve error: {reason}",
  },
  "reset.checking": {
    ko: "1단계를 검사합니다…",
    en: "Checking step 1…",
  },
  "apply.heading": {
    ko: "적용 중:",
    en: "Applying:",
  },
  "apply.done": {
    ko: "  ✔ {n}. {text}",
    en: "  ✔ {n}. {text}",
  },
  "apply.failed": {
    ko: "  ✘ {n}. {text} — 실패: {name}: {message}",
    en: "  ✘ {n}. {text} — failed: {name}: {message}",
  },
  "apply.notApplied": {
    ko: "  · {n}. {text} — 적용하지 않음",
    en: "  · {n}. {text} — not applied",
  },
  "apply.waiting": {
    ko: "    … {operation|이/가} API 할당량에 걸려 {seconds}초 기다립니다",
    en: "    … {operation} is throttled by the API quota; waiting {seconds} s",
  },
  "apply.created": {
    ko: " → {id}",
    en: " → {id}",
  },
  "apply.allDone": {
    ko: "변경 {count}개를 모두 적용했습니다.",
    en: "All {count} change(s) applied.",
  },
  "apply.partial": {
    ko: "변경 {count}개 중 {applied}개를 적용했고, 변경 {failedN|이/가} 실패했으며 {rest}개는 적용하지 않았습니다. 되돌린 것은 없습니다: 같은 명령을 다시 실행하면 나머지를 마칩니다.",
    en: "{applied} of {count} change(s) applied; change {failedN} failed and {rest} were not applied. Nothing was rolled back: run the same command again to finish the rest.",
  },
  "apply.interrupted": {
    ko: "중단되었습니다: 변경 {count}개 중 {applied}개를 적용했고 {rest}개는 적용하지 않았습니다. 같은 명령을 다시 실행하면 나머지를 마칩니다.",
    en: "Interrupted: {applied} of {count} change(s) applied, {rest} not applied. Run the same command again to finish the rest.",
  },
  "apply.routeChanged": {
    ko: "경로 {routeKey|은/는} 계획할 때 {previous|을/를} 가리켰는데 지금은 {target|을/를} 가리킵니다",
    en: "the route {routeKey} targeted {previous} when planned and now targets {target}",
  },
  "apply.routeTargeted": {
    ko: "경로 {routeKey|은/는} 계획할 때 통합이 없었는데 지금은 {target|을/를} 가리킵니다",
    en: "the route {routeKey} had no target when planned and now targets {target}",
  },
  "apply.reconcile.conflict": {
    ko: "  ↻ {n}. {reason} — 그사이 다른 누군가가 계정을 바꿨습니다. 다시 읽고 아직 빠진 것만 적용합니다:",
    en: "  ↻ {n}. {reason} — someone else changed the account meanwhile; read it again, applying only what is still missing:",
  },
  "apply.reconcile.changed": {
    ko: "  ↻ 그사이 다른 누군가가 계정을 바꿨습니다. 다시 읽고 아직 빠진 것만 적용합니다:",
    en: "  ↻ Someone else changed the account meanwhile; read it again, applying only what is still missing:",
  },
  "demo.intro": {
    ko: "AWSomePets 실습 검사기 데모: 내장 로컬 실습 환경(AWS 계정 불필요) 에서 2단계를 검사하고, solve로 고친 뒤 다시 검사합니다.",
    en: "AWSomePets lab checker demo: on an embedded local lab (no AWS account needed), check step 2, fix it with solve, and check again.",
  },
  "demo.check1": {
    ko: "① 참가자가 1단계만 마친 상태에서 `npm run check -- --step 2`를 실행하면:",
    en: "① A participant who has finished step 1 only runs `npm run check -- --step 2`:",
  },
  "demo.plan": {
    ko: "② `npm run solve -- --step 2`가 세우는 계획:",
    en: "② The plan `npm run solve -- --step 2` makes:",
  },
  "demo.apply": {
    ko: "③ 계획을 적용합니다:",
    en: "③ Applying the plan:",
  },
  "demo.check2": {
    ko: "④ 다시 `npm run check -- --step 2`:",
    en: "④ `npm run check -- --step 2` again:",
  },
  "demo.passed": {
    ko: "2단계의 모든 검사를 통과했습니다. 여러분의 계정에서는: npm run check -- --step 2 (AWS 자격 증명 필요), 로컬 실습 환경은: npm run lab",
    en: "Every check of step 2 passes. On your own account: npm run check -- --step 2 (AWS credentials needed); a local lab to practise on: npm run lab",
  },
  "demo.failed": {
    ko: "데모의 마지막 검사에서 실패한 항목이 있습니다 (위 표 참고).",
    en: "Some checks still fail in the demo's last check (see the table above).",
  },
} satisfies Record<string, Localized>;
