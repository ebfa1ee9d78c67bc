// A command's own words in the user's language: its --help and yargs' own messages ("Invalid values",
// "Unknown argument"), which are printed before the options are parsed, so the language is read first.
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { parseLang, t, type Lang, type MessageKey } from "../i18n/index.js";
import { TOOL } from "../version.js";

type OptionKey = MessageKey extends infer K ? (K extends `opt.${infer Name}` ? Name : never) : never;

/** `--lang ko|en` (or `--lang=...`) from the raw arguments, else the locale, Korean when unsure. */
export function argvLang(argv: string[]): Lang {
  const at = argv.findIndex((arg) => arg === "--lang" || arg.startsWith("--lang="));
  const value = at < 0 ? undefined : argv[at]!.includes("=") ? argv[at]!.split("=")[1] : argv[at + 1];
  return parseLang(value);
}

/** Exit code of a command line the command cannot take (README: 2), apart from 1, "a check failed". */
export const USAGE_EXIT = 2;

/**
 * yargs for this process's arguments, speaking the user's language, and the describer of its options. A bad
 * option prints the usage and yargs' message on stderr and exits 2, as every command documents.
 */
export function commandLine(argv: string[] = hideBin(process.argv)) {
  const lang = argvLang(argv);
  const parser = yargs(argv)
    .locale(lang)
    // The version is given, never guessed: yargs looks for package.json from its own folder, and in a clone
    // whose folder name has a dot (`mktemp -d` makes /tmp/tmp.XXXXXXXXXX) it takes that name for a file's and
    // looks above it, printing "unknown". A command that places --version in its help gives it the same way.
    .version(TOOL.version)
    .fail((message, error, instance) => {
      if (error && !message) throw error;
      instance.showHelp("error");
      process.stderr.write(`\n${message ?? error?.message ?? ""}\n`);
      process.exit(USAGE_EXIT);
    });
  return { lang, parser, describe: (option: OptionKey) => t(lang, `opt.${option}` as MessageKey) };
}
