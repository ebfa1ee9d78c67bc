// A strict little XML reader for the JUnit tests: enough of XML 1.0 to parse what a CI system reads
// (declaration, elements, attributes in double quotes, text, the five predefined entities and numeric
// character references), and it throws on anything malformed: an unescaped < or &, an unclosed or
// mismatched tag, a duplicate attribute, text outside the root.
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (/<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) throw new Error(`unescaped < or & in ${where}: ${JSON.stringify(raw.slice(0, 80))}`);
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, ref: string) =>
    ref.startsWith("#x") ? String.fromCodePoint(parseInt(ref.slice(2), 16)) : ref.startsWith("#") ? String.fromCodePoint(Number(ref.slice(1))) : ENTITIES[ref]!,
  );
}

export function parseXml(xml: string): XmlElement {
  let at = 0;
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!declaration) throw new Error("no XML declaration at the very start");
  at = declaration[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (at < xml.length) {
    const lt = xml.indexOf("<", at);
    const text = xml.slice(at, lt === -1 ? xml.length : lt);
    if (stack.length === 0) {
      if (text.trim() !== "") throw new Error(`text outside the root element: ${JSON.stringify(text.slice(0, 80))}`);
    } else stack[stack.length - 1]!.text += decode(text, "text");
    if (lt === -1) break;
    const gt = xml.indexOf(">", lt);
    if (gt === -1) throw new Error("unterminated tag");
    const tag = xml.slice(lt + 1, gt);
    at = gt + 1;
    if (tag.startsWith("/")) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1)) throw new Error(`closing </${tag.slice(1)}> does not match <${open?.name ?? "(none)"}>`);
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = NAME.exec(body)?.[0];
    if (!name) throw new Error(`bad tag <${tag}>`);
    const element: XmlElement = { name, attributes: {}, children: [], text: "" };
    let rest = body.slice(name.length);
    for (;;) {
      const attribute = /^\s+([A-Za-z_][\w.-]*)="([^"]*)"/.exec(rest);
      if (!attribute) break;
      if (attribute[1]! in element.attributes) throw new Error(`duplicate attribute ${attribute[1]} on <${name}>`);
      element.attributes[attribute[1]!] = decode(attribute[2]!, `attribute ${attribute[1]} of <${name}>`);
      rest = rest.slice(attribute[0].length);
    }
    if (rest.trim() !== "") throw new Error(`bad attributes in <${tag}>: ${JSON.stringify(rest)}`);
    if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
    else if (root) throw new Error("a second root element");
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error("no root element");
  return root;
}
