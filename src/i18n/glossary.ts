// One Korean term per concept, across the help, the check texts and README.ko.md: the workshop's own words
// where it has them (경로, 통합, 통합 응답, 배포, 스테이지), else the one this project settled on. A test reads
// every Korean text and refuses the variants listed here.
export interface Term {
  concept: string;
  ko: string;
  /** Other words for the same concept that must not appear. */
  not: string[];
}

export const GLOSSARY: Term[] = [
  { concept: "the live probe", ko: "실시간 검사", not: ["라이브", "프로브"] },
  { concept: "snapshot", ko: "스냅샷", not: ["스냅숏"] },
  { concept: "route", ko: "경로", not: ["라우트"] },
  { concept: "integration", ko: "통합", not: ["인테그레이션"] },
  { concept: "deployment, deploy", ko: "배포", not: ["디플로이"] },
  { concept: "permission", ko: "권한", not: ["퍼미션"] },
  { concept: "the local lab", ko: "로컬 실습 환경", not: ["로컬 랩", "로컬 실습실"] },
];
