// Tasklist sorts a list by what the address's `sorting` parameter says, and by creation, newest
// first, when it says nothing (cam-tasklist-view-ctrl.js and the header's sorting choices in
// Operaton's webapps). Caseworkers work by the statutory deadline, so an address without a
// sorting gets the one the user chose last (kept in this browser), or the deadline, earliest
// first. The filters themselves carry no order (AccessSetup.java): the engine puts a filter's
// own order before the user's, which would make the user's choice in the header do nothing.
//
// Loaded before Tasklist starts, so the address is right when Tasklist first reads it; its
// listener runs before Tasklist's own on every later change of the address.
const storageKey = 'hds.tasklist.sorting';
const deadlineFirst = [{ sortBy: 'dueDate', sortOrder: 'asc' }];

function isSorting(value) {
  try {
    const sorting = JSON.parse(value);
    return Array.isArray(sorting) && sorting.length > 0 && sorting.every((s) => typeof s.sortBy === 'string' && (s.sortOrder === 'asc' || s.sortOrder === 'desc'));
  } catch {
    return false;
  }
}

function chosenSorting() {
  const stored = window.localStorage.getItem(storageKey);
  return isSorting(stored) ? stored : JSON.stringify(deadlineFirst);
}

// The task list is Tasklist's route "/" (the address's hash "#/?…"); the login page is not.
function applySorting() {
  const [path, query = ''] = window.location.hash.replace(/^#/, '').split('?');
  if (path !== '/' && path !== '') return;
  const sorting = new URLSearchParams(query).get('sorting');
  if (isSorting(sorting)) {
    window.localStorage.setItem(storageKey, sorting);
    return;
  }
  // Added to the query as it is (Tasklist's own encoding of its other parameters stays).
  const others = query.split('&').filter((param) => param !== '' && !param.startsWith('sorting='));
  const withSorting = [...others, `sorting=${encodeURIComponent(chosenSorting())}`].join('&');
  window.history.replaceState(window.history.state, '', `#/?${withSorting}`);
}

applySorting();
// Chromium signals a new address with popstate, then hashchange; AngularJS listens to both.
window.addEventListener('popstate', applySorting);
window.addEventListener('hashchange', applySorting);
