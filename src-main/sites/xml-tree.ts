import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A small element tree over fast-xml-parser's ordered output. FileZilla mixes text and elements
 * (a <Folder>'s name is its own text next to child <Server>s), which only the ordered mode keeps.
 */
export interface XmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** The element's own text nodes joined and trimmed; children's text is not included. */
  text: string;
  /** The same, untrimmed: a plain-text password may begin or end with a space. */
  rawText: string;
}

type OrderedNode = Record<string, unknown>;

const ATTRIBUTE_PREFIX = '@_';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  parseTagValue: false,
  parseAttributeValue: false,
  // Whitespace is kept so a plain <Pass> survives intact; names are trimmed below.
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
});

/** Parses a document into its elements; throws on malformed XML, a truncated file included. */
export function parseXml(text: string): XmlElement[] {
  // The parser alone is lenient: it would read a cut-off file as a shorter, valid one.
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`${valid.err.msg} (line ${valid.err.line})`);
  const nodes: unknown = parser.parse(text);
  return toElements(nodes);
}

function toElements(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const elements: XmlElement[] = [];
  for (const node of nodes as OrderedNode[]) {
    const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
    if (name === undefined || name.startsWith('?')) continue;
    const rawChildren = node[name];
    const texts: string[] = [];
    if (Array.isArray(rawChildren)) {
      for (const child of rawChildren as OrderedNode[]) {
        const value = child['#text'];
        if (value !== undefined) texts.push(String(value));
      }
    }
    elements.push({
      name,
      attributes: toAttributes(node[':@']),
      children: toElements(rawChildren),
      text: texts.join('').trim(),
      rawText: texts.join(''),
    });
  }
  return elements;
}

function toAttributes(raw: unknown): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return attributes;
  for (const [key, value] of Object.entries(raw)) {
    attributes[key.startsWith(ATTRIBUTE_PREFIX) ? key.slice(ATTRIBUTE_PREFIX.length) : key] = String(value);
  }
  return attributes;
}

export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

export function childText(element: XmlElement, name: string): string {
  return childElement(element, name)?.text ?? '';
}
