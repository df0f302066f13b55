import { XMLParser } from 'fast-xml-parser';

/**
 * Every text value of an XML document, keyed by element path and position, exactly as the
 * platform would read it (entities decoded, whitespace kept). Formatting must never change these.
 */
export function textValues(xml: string): Map<string, string> {
  const parser = new XMLParser({
    ignoreAttributes: true,
    trimValues: false,
    parseTagValue: false,
    preserveOrder: true,
    processEntities: true,
    htmlEntities: false
  });
  const values = new Map<string, string>();
  const visit = (nodes: unknown, path: string): void => {
    if (!Array.isArray(nodes)) {
      return;
    }
    const seen = new Map<string, number>();
    let text = '';
    for (const node of nodes as Record<string, unknown>[]) {
      for (const [name, child] of Object.entries(node)) {
        if (name === '#text') {
          text += String(child);
        } else if (name !== ':@' && !name.startsWith('?')) {
          const index = seen.get(name) ?? 0;
          seen.set(name, index + 1);
          visit(child, `${path}/${name}[${index}]`);
        }
      }
    }
    if (
      text.trim() !== '' ||
      nodes.length === 0 ||
      nodes.every((n) => Object.keys(n as object)[0] === '#text')
    ) {
      values.set(path, text);
    }
  };
  visit(parser.parse(xml) as unknown, '');
  return values;
}

/** Paths whose text differs between two versions of a document, with both values. */
export function changedText(
  before: string,
  after: string
): { path: string; before?: string; after?: string }[] {
  const a = textValues(before);
  const b = textValues(after);
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths]
    .filter((path) => a.get(path) !== b.get(path))
    .map((path) => ({ path, before: a.get(path), after: b.get(path) }));
}

/** Text values padded with line breaks: a formatter wrapped them and the platform would store the padding. */
export function paddedValues(xml: string): string[] {
  return [...textValues(xml)]
    .filter(([, value]) => value.trim() !== '' && /^\s*\n|\n\s*$/.test(value))
    .map(([path]) => path);
}
