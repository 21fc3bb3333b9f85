// Cockpit lists a process's instances by their business key, which is the application id: the
// case service correlates its messages on it (service/outbox-relay.ts), so it stays the key.
// A process owner knows a case by its reference (HDS-…), which every case process holds in its
// variable applicationReference. This tab lists the running instances by that reference, with
// their open incidents, each linked to the instance's page.
const limit = 500;

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.appendChild(td);
  return td;
}

async function getJson(url, api, body) {
  const headers = { accept: 'application/json' };
  // A query with many instance ids goes in a POST body (an address has a length limit); the
  // web apps' API wants the CSRF token on it.
  if (body) Object.assign(headers, { 'content-type': 'application/json', 'X-XSRF-TOKEN': api.CSRFToken });
  // The browser's own message for a request that never arrived is English: ours says it instead.
  const res = await fetch(url, { method: body ? 'POST' : 'GET', headers, body: body && JSON.stringify(body), credentials: 'same-origin' })
    .catch(() => { throw new Error('prosessmotoren svarte ikke'); });
  if (!res.ok) throw new Error(`prosessmotoren svarte med status ${res.status}`);
  return res.json();
}

async function render(node, { api, processDefinitionId }) {
  node.innerHTML = '<p>Laster sakene …</p>';
  try {
    const base = api.engineApi;
    const instances = await getJson(`${base}/process-instance?processDefinitionId=${encodeURIComponent(processDefinitionId)}&maxResults=${limit}`, api);
    const ids = instances.map((i) => i.id);
    const references = new Map();
    const incidents = new Map();
    if (ids.length > 0) {
      const variables = await getJson(`${base}/variable-instance?deserializeValues=false`, api, { variableName: 'applicationReference', processInstanceIdIn: ids });
      for (const v of variables) references.set(v.processInstanceId, v.value);
      for (const incident of await getJson(`${base}/incident?processDefinitionId=${encodeURIComponent(processDefinitionId)}`, api)) {
        incidents.set(incident.processInstanceId, (incidents.get(incident.processInstanceId) ?? 0) + 1);
      }
    }
    const rows = instances
      .map((i) => ({ id: i.id, businessKey: i.businessKey ?? '', reference: references.get(i.id) ?? '' }))
      .sort((a, b) => a.reference.localeCompare(b.reference, 'nb'));
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
