// The tool's name and version, as package.json says, for reports that record what produced them.
import manifest from "../package.json" with { type: "json" };

export const TOOL = { name: manifest.name, version: manifest.version } as const;
