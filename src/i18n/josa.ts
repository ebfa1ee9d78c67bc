// Korean particles chosen from the word they follow (을/를, 이/가, 은/는, 과/와, 으로/로, ...), the way a reader
// says the word. es-hangul chooses them for Hangul; for the Latin names and numbers these messages are full
// of (OrderWSPendingFunction, $default, v1), the word's last sound is read the way Korean speakers read it,
// then es-hangul chooses for a Hangul syllable that ends the same way.
import { josa } from "es-hangul";

type JosaForm = Parameters<typeof josa.pick>[1];

/** Syllables standing for a final sound: none, ㄹ (which takes 로, not 으로), any other. */
const OPEN = "가";
const RIEUL = "갈";
const CLOSED = "감";

/** Digits as read in Korean: 영, 일, 이, 삼, 사, 오, 육, 칠, 팔, 구. */
const DIGIT_ENDINGS = [CLOSED, RIEUL, OPEN, CLOSED, OPEN, OPEN, CLOSED, RIEUL, RIEUL, OPEN];

/** Letters as read in an acronym: 엘, 엠, 엔, 알 end closed; the others (에이, 비, 씨, ...) open. */
const LETTER_ENDINGS: Record<string, string> = { L: RIEUL, M: CLOSED, N: CLOSED, R: RIEUL };

/**
 * How an English word's reading ends in Korean: a final l (or -le) reads ㄹ (테이블, 프로파일, 롤); m, n, ng and a
 * silent e after them read closed (네임, 라인, 프룬, 펑션); so do short words ending in a stop (랩, 리셋, 타입).
 * Other words end on a vowel (디폴트, 커넥트, 코드, 로그).
 */
const CLOSED_WORDS = /(?:^|[^a-z])(?:lab|reset|set|get|put|step|stop|top|map|tag|job|web|net|bit|kit|hit|bot|chat|pet)$/i;
const WORD_ENDINGS: [RegExp, string][] = [
  [/socket$/i, CLOSED],
  [/(?:table|tbl|le|l)$/i, RIEUL],
  [/(?:ing|m|n|me|ne|pe)$/i, CLOSED],
];

/** A Hangul syllable ending the way `word` is read. */
function soundOf(word: string): string {
  const last = word.replace(/[^0-9A-Za-z가-힣]+$/u, "");
  const char = last.at(-1) ?? "";
  if (/[가-힣]/u.test(char)) return char;
  if (/[0-9]/.test(char)) return DIGIT_ENDINGS[Number(char)]!;
  const token = /[A-Za-z]+$/.exec(last)?.[0] ?? "";
  if (/(?:table|tbl)$/i.test(token)) return RIEUL;
  // An acronym (API, WS) or a single letter is read letter by letter.
  if (token === token.toUpperCase() && /[A-Z]/.test(token)) return LETTER_ENDINGS[char] ?? OPEN;
  if (CLOSED_WORDS.test(last)) return CLOSED;
  for (const [ending, sound] of WORD_ENDINGS) if (ending.test(token)) return sound;
  return OPEN;
}

/** The particle of `form` ("을/를") that follows `word`. */
export function particle(word: string, form: JosaForm): string {
  return josa.pick(soundOf(word), form);
}

export type { JosaForm };
