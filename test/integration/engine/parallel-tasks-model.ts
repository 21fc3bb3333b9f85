// A test process with user tasks side by side, each for its candidate group and due at the
// variable `due`: what the engine tests need to see who may see which task, and which filter
// lists it.
export function parallelTasksModel(processId: string, name: string, tasks: { id: string; group: string }[]): Buffer {
  const elements = tasks.map(
    ({ id, group }) => `<bpmn:userTask id="${id}" name="${id}" camunda:candidateGroups="${group}" camunda:dueDate="\${due}" />
    <bpmn:sequenceFlow id="to-${id}" sourceRef="fork" targetRef="${id}" />
    <bpmn:sequenceFlow id="from-${id}" sourceRef="${id}" targetRef="join" />`,
  );
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="${processId}-definitions" targetNamespace="http://helsedata.no/bpmn/test">
  <bpmn:process id="${processId}" name="${name}" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="started" />
    <bpmn:sequenceFlow id="to-fork" sourceRef="started" targetRef="fork" />
    <bpmn:parallelGateway id="fork" />
    ${elements.join('\n    ')}
    <bpmn:parallelGateway id="join" />
    <bpmn:sequenceFlow id="to-end" sourceRef="join" targetRef="ended" />
    <bpmn:endEvent id="ended" />
  </bpmn:process>
</bpmn:definitions>
`);
}
