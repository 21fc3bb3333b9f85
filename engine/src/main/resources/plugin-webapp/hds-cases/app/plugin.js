// Cockpit lists a process's instances by their business key, which is the application id: the
// case service correlates its messages on it (platform/outbox-relay.ts), so it stays the key.
// A process owner knows a case by its reference (HDS-…). This tab lists the running instances
// by that reference, with their open incidents, each linked to the instance's page. The
// references come from this plugin's resource (CaseReferencesResource.java): a process owner
// may not read the instances' variables, which hold personal data.
const limit = 500;

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.appendChild(td);
  return td;
}

async function getJson(url) {
  // The browser's own message for a request that never arrived is English: ours says it instead.
  const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
    .catch(() => { throw new Error('prosessmotoren svarte ikke'); });
  if (!res.ok) throw new Error(`prosessmotoren svarte med status ${res.status}`);
  return res.json();
}

async function render(node, { api, processDefinitionId }) {
  node.innerHTML = '<p>Laster sakene …</p>';
  try {
    const base = api.engineApi;
    const instances = await getJson(`${api.cockpitApi}/plugin/hds-cases/${api.engine}/case-references?processDefinitionId=${encodeURIComponent(processDefinitionId)}`);
    const incidents = new Map();
    if (instances.length > 0) {
      for (const incident of await getJson(`${base}/incident?processDefinitionId=${encodeURIComponent(processDefinitionId)}`)) {
        incidents.set(incident.processInstanceId, (incidents.get(incident.processInstanceId) ?? 0) + 1);
      }
    }
    // In order of reference, as the resource gives them.
    const rows = instances.map((i) => ({ id: i.processInstanceId, businessKey: i.businessKey ?? '', reference: i.reference ?? '' }));
    const table = document.createElement('table');
    table.className = 'cam-table hds-case-references';
    table.innerHTML = '<thead><tr><th>Saksnummer</th><th>Søknads-ID (forretningsnøkkel)</th><th>Uløste feil</th></tr></thead>';
    const body = document.createElement('tbody');
    for (const { id, businessKey, reference } of rows) {
      const row = document.createElement('tr');
      const link = document.createElement('a');
      link.href = `#/process-instance/${id}/runtime`;
      link.textContent = reference || '(uten saksnummer)';
      cell(row, '').appendChild(link);
      cell(row, businessKey);
      cell(row, String(incidents.get(id) ?? 0));
      body.appendChild(row);
    }
    table.appendChild(body);
    node.innerHTML = '';
    const summary = document.createElement('p');
    summary.textContent = instances.length < limit ? `${instances.length} løpende saker` : `De første ${limit} løpende sakene`;
    node.append(summary, table);
  } catch (error) {
    node.textContent = `Sakene kunne ikke lastes (${error.message}). Last siden på nytt og prøv igjen.`;
  }
}

export default [
  {
    id: 'hds-case-references',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    // After Operaton's own list of instances (10), which stays the tab a process opens on.
    priority: 9.5,
    properties: { label: 'Saker' },
    render,
  },
];
