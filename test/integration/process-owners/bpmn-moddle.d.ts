// bpmn-moddle ships types for its model only, not for its entry point: the part the model
// tests use.
declare module 'bpmn-moddle' {
  // ns.prefix names the package that defines the property: bpmn, camunda, ...
  export type ModdleProperty = { name: string; isReference?: boolean; ns: { prefix: string; localName: string } };
  export type ModdleElement = {
    $type: string;
    $descriptor: { properties: ModdleProperty[] };
    $attrs: Record<string, string>;
    id?: string;
    [property: string]: unknown;
  };
  export function BpmnModdle(packages?: Record<string, unknown>): {
    fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }>;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
  };
}
