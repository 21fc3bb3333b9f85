// What a BPMN model says, as plain data, so that a model can be compared with itself after a
// trip through bpmn-moddle and camunda-bpmn-moddle, the libraries Camunda Modeler reads and
// writes Camunda 7 BPMN with. Every element with an id is one entry: its type and every
// attribute that is set (references as "#id"), its text, and its children without ids nested
// in it: the camunda extension elements (input/output mappings), loop characteristics,
// conditions and timer expressions. Camunda attributes of BPMN elements keep their prefix
// (camunda:topic, camunda:formRef, ...), as in the file; attributes no package knows are kept
// apart under $attrs, so that a misspelt extension cannot pass for a known one. Diagram shapes
// and edges have ids too, so the layout is compared as well.
import { isDeepStrictEqual } from 'node:util';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };

const moddle = BpmnModdle({ camunda });

export async function readModel(xml: string) {
  const { rootElement, warnings } = await moddle.fromXML(xml);
  return { definitions: rootElement, warnings: warnings.map((w) => w.message) };
}

export async function writeModel(definitions: ModdleElement) {
  return (await moddle.toXML(definitions, { format: true })).xml;
}

export type Entry = Record<string, unknown>;
export type ModelContent = Record<string, Entry>;

const isElement = (value: unknown): value is ModdleElement => typeof value === 'object' && value !== null && '$type' in value;

export function modelContent(definitions: ModdleElement): ModelContent {
  const entries: ModelContent = {};
  const describe = (element: ModdleElement): Entry => {
    const entry: Entry = { $type: element.$type };
    const isExtension = element.$type.startsWith('camunda:');
    for (const property of element.$descriptor.properties) {
      if (!Object.hasOwn(element, property.name)) continue;
      const key = property.ns.prefix === 'camunda' && !isExtension ? `camunda:${property.name}` : property.name;
      entry[key] = valueOf(element[property.name], Boolean(property.isReference));
    }
    const unknown = Object.entries(element.$attrs).filter(([name]) => !name.startsWith('xmlns'));
    if (unknown.length > 0) entry.$attrs = Object.fromEntries(unknown);
    return entry;
  };
  const valueOf = (value: unknown, isReference: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item) => valueOf(item, isReference));
    if (!isElement(value)) return value;
    if (isReference) return `#${value.id}`;
    if (typeof value.id !== 'string') return describe(value);
    entries[value.id] = describe(value);
    return `#${value.id}`;
  };
  valueOf(definitions, false);
  return entries;
}

// The ids whose entries differ between two contents, or that only one of them has.
export function changedIds(before: ModelContent, after: ModelContent): string[] {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...ids].filter((id) => !isDeepStrictEqual(before[id], after[id])).sort();
}

// Every element described in the content, nested ones included.
export function describedElements(content: ModelContent): Entry[] {
  const found: Entry[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    if ('$type' in value) found.push(value as Entry);
    Object.values(value).forEach(visit);
  };
  Object.values(content).forEach(visit);
  return found;
}
