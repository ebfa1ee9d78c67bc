// The engine's own words: why a check was skipped or could not be judged. Check-specific words live in
// each check module.
import type { Localized } from "../i18n/localized.js";

export const engineMessages = {
  "skip.dependency": {
    ko: "먼저 통과해야 하는 검사가 통과하지 않아 건너뜀: {checks}",
    en: "Skipped: it depends on checks that did not pass: {checks}",
  },
  "error.read": {
    ko: "검사기가 계정을 읽지 못했습니다 ({action} → {code}: {message}). 설정이 틀렸다는 뜻이 아닙니다.",
    en: "The checker could not read the account ({action} → {code}: {message}). This does not mean your configuration is wrong.",
  },
  "error.check": {
    ko: "검사 중 예기치 않은 오류: {message}",
    en: "Unexpected error while checking: {message}",
  },
  "hint.accessDenied": {
    ko: "검사에 쓰는 자격 증명에 {action} 권한을 추가하세요(README의 IAM 정책 참고).",
    en: "Grant {action} to the credentials the checker uses (see the IAM policy in the README).",
  },
  "hint.throttled": {
    ko: "AWS가 재시도 후에도 호출을 제한했습니다 ({action}). 잠시 후 다시 실행하세요.",
    en: "AWS kept throttling the call after retries ({action}). Run the check again in a moment.",
  },
  "hint.credentials": {
    ko: "자격 증명이 없거나 만료되었습니다. `aws sso login` 또는 `aws configure`로 다시 설정한 뒤 실행하세요.",
    en: "The credentials are missing or expired. Refresh them (`aws sso login` or `aws configure`) and run again.",
  },
  "hint.interrupted": {
    ko: "검사가 중단되었습니다(Ctrl-C). 실시간 검사 기록은 삭제했습니다. 다시 실행하세요.",
    en: "The check was interrupted (Ctrl-C). The probe's records were removed. Run it again.",
  },
  "hint.network": {
    ko: "AWS에 연결하지 못했습니다 ({code}). 네트워크와 --region, --endpoint를 확인하세요.",
    en: "Could not reach AWS ({code}). Check the network, --region and --endpoint.",
  },
} satisfies Record<string, Localized>;
