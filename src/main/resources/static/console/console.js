// magento-bridge ops console: reads and acts through the /ops API with the ops credentials the user signs in with.
// Everything shown comes from messages the bridge received and is untrusted: it only ever reaches the page as text
// (text nodes and attributes), never as markup.
'use strict';

(() => {
  const AUTH_KEY = 'magento-bridge.console.authorization';
  const USER_KEY = 'magento-bridge.console.user';
  const REFRESH_MS = 5000;
  const LIST_LIMIT = 50;

  // Columns of a request's lines, per flow (the fields of /ops/requests/{id} lines).
  const LINE_COLUMNS = {
    inventory: [['#', 'lineNo'], ['SKU', 'sku'], ['Source', 'source'], ['Seq', 'seq'],
      ['Units received', 'unitsReceived'], ['Minus queued orders', 'adjustedQueued'], ['Minus carts', 'adjustedQuotes'],
      ['Qty written', 'updatedQty'], ['Result', 'result'], ['Message', 'message'], ['Decided (UTC)', 'processedAt']],
    shipment: [['#', 'lineNo'], ['SKU', 'sku'], ['Source', 'source'], ['Qty', 'qty'], ['Order item', 'orderItemId'],
      ['Shipment', 'shipmentId'], ['Tracks', 'tracks'], ['Result', 'result'], ['Message', 'message'],
      ['Decided (UTC)', 'processedAt']],
    orderstatus: [['Order', 'orderIncrementId'], ['Status', 'status'], ['Action', 'action'], ['Result', 'result'],
      ['Message', 'message'], ['Decided (UTC)', 'processedAt']],
  };
  const TIME_FIELDS = new Set(['processedAt']);

  const $ = (id) => document.getElementById(id);

  const state = {
    openDeadLetter: null,
    openRequest: null,
    discarding: null,
    rendered: new Map(),
    refreshing: false,
    refreshAgain: false,
  };

  // ---------- DOM, text only

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) {
        continue;
      }
      if (name === 'className') {
        node.className = value;
      } else if (name === 'dataset') {
        for (const [key, data] of Object.entries(value)) {
          if (data !== undefined && data !== null) {
            node.dataset[key] = String(data);
          }
        }
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat(Infinity)) {
      if (child !== undefined && child !== null && child !== false) {
        node.append(child instanceof Node ? child : String(child));
      }
    }
    return node;
  }

  /** Re-renders only when the data changed, so rows being read or clicked are not replaced every refresh. */
  function renderIfChanged(key, data, render) {
    const json = JSON.stringify(data);
    if (state.rendered.get(key) !== json) {
      state.rendered.set(key, json);
      render(data);
    }
  }

  function time(iso) {
    if (!iso) {
      return '';
    }
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : date.toISOString().slice(0, 19).replace('T', ' ');
  }

  function age(seconds) {
    if (seconds === undefined || seconds === null) {
      return '';
    }
    if (seconds < 60) {
      return `${seconds} s`;
    }
    if (seconds < 3600) {
      return `${Math.floor(seconds / 60)} min`;
    }
    if (seconds < 86400) {
      return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
    }
    return `${Math.floor(seconds / 86400)} d ${Math.floor((seconds % 86400) / 3600)} h`;
  }

  function pretty(text) {
    if (!text) {
      return '';
    }
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch (notJson) {
      return String(text);
    }
  }

  function chips(counts, field) {
    const entries = Object.entries(counts || {});
    if (entries.length === 0) {
      return el('span', { className: 'muted', dataset: { field } }, 'none');
    }
    return el('span', { dataset: { field } },
      entries.map(([name, count]) => el('span', { className: `chip ${name}`, dataset: { name, count } }, `${name} ${count}`)));
  }

  // ---------- the ops API

  class HttpError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, options = {}) {
    const method = options.method || 'GET';
    const headers = { Accept: 'application/json' };
    const authorization = options.authorization || sessionStorage.getItem(AUTH_KEY);
    if (authorization) {
      headers.Authorization = authorization;
    }
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    // credentials 'omit': the browser neither adds nor remembers credentials of its own; only this header counts
    const response = await fetch(path, {
      method, headers, credentials: 'omit', cache: 'no-store',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (notJson) {
        data = text;
      }
    }
    if (!response.ok) {
      const reason = data && typeof data === 'object' && data.message ? data.message
        : (typeof data === 'string' && data.length < 300 ? data : response.statusText);
      throw new HttpError(response.status, `${method} ${path}: ${response.status} ${reason}`);
    }
    return data;
  }

  function base64(text) {
    let binary = '';
    new TextEncoder().encode(text).forEach((byte) => { binary += String.fromCharCode(byte); });
    return btoa(binary);
  }

  // ---------- sign in / out

  function showSignedIn(user) {
    $('login').hidden = true;
    $('app').hidden = false;
    $('controls').hidden = false;
    $('signed-in-as').textContent = user ? `signed in as ${user}` : '';
  }

  function signOut(message) {
    sessionStorage.removeItem(AUTH_KEY);
    sessionStorage.removeItem(USER_KEY);
    state.rendered.clear();
    state.openDeadLetter = null;
    state.openRequest = null;
    $('app').hidden = true;
    $('controls').hidden = true;
    $('error-banner').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    $('login-password').value = '';
    $('login-user').focus();
  }

  async function signIn(event) {
    event.preventDefault();
    const user = $('login-user').value.trim();
    const authorization = `Basic ${base64(`${user}:${$('login-password').value}`)}`;
    $('login-submit').disabled = true;
    $('login-error').textContent = '';
    try {
      await api('/ops/summary?hours=1&rows=1', { authorization });
      sessionStorage.setItem(AUTH_KEY, authorization);
      sessionStorage.setItem(USER_KEY, user);
      $('login-password').value = '';
      showSignedIn(user);
      await refresh();
    } catch (e) {
      $('login-error').textContent = e.status === 401 ? 'Wrong user or password.'
        : e.status === 403 ? 'These credentials may not use the ops API (they are not the ops credentials).'
          : `The bridge did not answer: ${e.message}`;
    } finally {
      $('login-submit').disabled = false;
    }
  }

  // ---------- errors

  function showError(message) {
    $('error-banner').textContent = message;
    $('error-banner').hidden = false;
  }

  function handleError(e) {
    if (e && e.status === 401) {
      signOut('The bridge no longer accepts these credentials: sign in again.');
    } else {
      showError(e && e.message ? e.message : String(e));
    }
  }

  // ---------- flows overview

  async function loadSummary() {
    const summary = await api(`/ops/summary?hours=${encodeURIComponent($('window-hours').value)}&rows=5`);
    renderIfChanged('summary', summary.flows, renderFlows);
  }

  function renderFlows(flows) {
    $('flow-cards').replaceChildren(...flows.map(flowCard));
  }

  // the export flows' cards: what their ledger holds
  const EXPORTED_ENTITY = { 'orders-export': 'Orders', 'products-export': 'Products' };

  function flowCard(flow) {
    const processing = flow.processing || 'Unknown';
    const exported = EXPORTED_ENTITY[flow.flow];
    const isInbox = Object.prototype.hasOwnProperty.call(LINE_COLUMNS, flow.flow);
    return el('article', { className: 'card', dataset: { flow: flow.flow } },
      el('header', {},
        el('h3', {}, flow.flow),
        el('span', { className: `badge ${processing.toLowerCase()}`, dataset: { field: 'processing' } }, processing)),
      el('dl', {},
        flow.inboxDepth === undefined ? null : [
          el('dt', {}, exported ? 'Waiting for export' : 'Inbox depth'),
          el('dd', { dataset: { field: 'inbox-depth' } }, flow.inboxDepth)],
        flow.inboxDepth === undefined ? null : [
          el('dt', {}, 'Oldest waiting'),
          el('dd', { dataset: { field: 'oldest-pending' }, title: flow.oldestPendingAt },
            flow.oldestPendingAt ? `${age(flow.oldestPendingSeconds)} (since ${time(flow.oldestPendingAt)})` : '—')],
        exported ? [
          el('dt', {}, 'Last successful export'),
          el('dd', { dataset: { field: 'last-success' }, title: flow.lastSuccessAt || '' },
            flow.lastSuccessAt ? time(flow.lastSuccessAt) : 'never')] : null,
        el('dt', {}, 'Open dead letters'),
        el('dd', {}, flow.deadLetterFlow
          ? el('button', {
            type: 'button', className: flow.openDeadLetters > 0 ? 'alert' : null,
            dataset: { field: 'open-dead-letters', deadLetterFlow: flow.deadLetterFlow },
            title: `Show the open dead letters of ${flow.deadLetterFlow}`,
          }, flow.openDeadLetters)
          : el('span', { className: 'muted', dataset: { field: 'open-dead-letters' } }, 'none: a failed poll is retried'))),
      el('h4', {}, flow.flow === 'orders-import' ? 'Orders imported in the window, by status'
        : exported ? 'Export results in the window' : 'Results in the window'),
      chips(flow.results, 'results'),
      flow.states ? [el('h4', {}, `${exported || 'Items'} by export state`), chips(flow.states, 'states')] : null,
      el('h4', {}, flow.flow === 'orders-import' ? 'Last polls' : 'Last runs'),
      runList(flow, isInbox),
      el('h4', {}, 'Recent failures'),
      failureList(flow, isInbox));
  }

  function runList(flow, isInbox) {
    const runs = flow.lastRuns || [];
    if (runs.length === 0) {
      return el('p', { className: 'muted', dataset: { field: 'last-runs' } }, 'none yet');
    }
    return el('ul', { dataset: { field: 'last-runs' } }, runs.map((run) => el('li', { dataset: { runRef: run.ref } },
      isInbox
        ? el('button', { type: 'button', dataset: { requestId: run.ref, requestFlow: flow.flow } }, run.label)
        : run.label,
      ' ', time(run.finishedAt), ' ',
      Object.entries(run.counts || {}).map(([name, count]) => el('span', { className: `chip ${name}` }, `${name} ${count}`)),
      run.note ? el('span', { className: 'muted' }, ` ${run.note}`) : null)));
  }

  function failureList(flow, isInbox) {
    const failures = flow.recentFailures || [];
    if (failures.length === 0) {
      return el('p', { className: 'muted', dataset: { field: 'recent-failures' } }, 'none in the window');
    }
    return el('ul', { dataset: { field: 'recent-failures' } }, failures.map((failure) => el('li', {},
      time(failure.at), ' ',
      isInbox
        ? el('button', { type: 'button', dataset: { requestId: failure.ref, requestFlow: flow.flow } }, `request #${failure.ref}`)
        : `export #${failure.ref}`,
      ' ', el('strong', {}, failure.subject || ''), ': ', failure.message || '')));
  }

  function onFlowCardClick(event) {
    const deadLetters = event.target.closest('button[data-dead-letter-flow]');
    if (deadLetters) {
      $('dl-flow').value = deadLetters.dataset.deadLetterFlow;
      $('dl-state').value = 'OPEN';
      $('dl-text').value = '';
      loadDeadLetters().catch(handleError);
      $('dead-letters').scrollIntoView();
      return;
    }
    const request = event.target.closest('button[data-request-id]');
    if (request) {
      $('req-flow').value = request.dataset.requestFlow;
      loadRequests().catch(handleError);
      openRequest(Number(request.dataset.requestId));
    }
  }

  // ---------- dead letters

  async function loadDeadLetters() {
    const query = new URLSearchParams({ limit: String(LIST_LIMIT) });
    if ($('dl-flow').value) {
      query.set('flow', $('dl-flow').value);
    }
    if ($('dl-state').value) {
      query.set('state', $('dl-state').value);
    }
    if ($('dl-text').value.trim()) {
      query.set('text', $('dl-text').value.trim());
    }
    const letters = await api(`/ops/dead-letters?${query}`);
    renderIfChanged('dead-letters', { letters, selected: state.openDeadLetter }, renderDeadLetters);
  }

  function renderDeadLetters({ letters, selected }) {
    $('dl-empty').hidden = letters.length > 0;
    $('dl-rows').replaceChildren(...letters.map((letter) => el('tr', {
      className: letter.id === selected ? 'selected' : null,
      dataset: { deadLetterId: letter.id, state: letter.state, flow: letter.flow },
    },
    el('td', {}, letter.id),
    el('td', {}, letter.flow),
    el('td', {}, letter.routeId),
    el('td', { className: 'wrap', title: letter.exceptionClass, dataset: { field: 'error' } }, letter.exceptionMessage || ''),
    el('td', {}, letter.attempts),
    el('td', {}, time(letter.lastFailedAt)),
    el('td', { className: `state-${letter.state}`, dataset: { field: 'state' } }, letter.state),
    el('td', { className: 'wrap', dataset: { field: 'outcome' } }, outcomeOf(letter)),
    el('td', { className: 'actions' },
      el('button', { type: 'button', dataset: { action: 'show' } }, 'Show'),
      letter.state === 'OPEN' ? el('button', { type: 'button', dataset: { action: 'replay' } }, 'Replay') : null,
      letter.state === 'OPEN'
        ? el('button', { type: 'button', className: 'danger', dataset: { action: 'discard' } }, 'Discard') : null))));
  }

  function outcomeOf(letter) {
    if (letter.discardReason) {
      return `discarded: ${letter.discardReason} (${letter.discardedBy}, ${time(letter.discardedAt)})`;
    }
    if (!letter.replayOutcome) {
      return '';
    }
    const who = letter.replayedBy ? ` (${letter.replayedBy}, ${time(letter.replayedAt)})` : '';
    return `${letter.replayOutcome}${who}`;
  }

  function showOutcome(id, outcomeState, text, failed) {
    const outcome = $('dl-outcome');
    outcome.textContent = text;
    outcome.className = failed ? 'outcome failed' : 'outcome';
    outcome.dataset.deadLetterId = String(id);
    outcome.dataset.state = outcomeState;
    outcome.hidden = false;
  }

  function onDeadLetterClick(event) {
    const button = event.target.closest('button[data-action]');
    if (!button) {
      return;
    }
    const id = Number(button.closest('tr').dataset.deadLetterId);
    if (button.dataset.action === 'show') {
      state.openDeadLetter = id;
      Promise.all([loadDeadLetterDetail(), loadDeadLetters()]).catch(handleError);
    } else if (button.dataset.action === 'replay') {
      replay(id, button.closest('tr'));
    } else if (button.dataset.action === 'discard') {
      askDiscardReason(id);
    }
  }

  async function replay(id, row) {
    row.querySelectorAll('button').forEach((button) => { button.disabled = true; });
    showOutcome(id, 'REPLAYING', `Dead letter #${id}: replaying…`, false);
    try {
      const outcome = await api(`/ops/dead-letters/${id}/replay`, { method: 'POST' });
      showOutcome(id, outcome.state, `Dead letter #${id}: ${outcome.state}${outcome.outcome ? ` — ${outcome.outcome}` : ''}`,
        outcome.state !== 'REPLAYED');
    } catch (e) {
      if (e.status === 401) {
        handleError(e);
        return;
      }
      showOutcome(id, 'REFUSED', `Dead letter #${id}: not replayed — ${e.message}`, true);
    }
    await refresh();
  }

  function askDiscardReason(id) {
    state.discarding = id;
    $('discard-title').textContent = `Discard dead letter #${id}`;
    $('discard-reason').value = '';
    $('discard-dialog').showModal();
    $('discard-reason').focus();
  }

  async function discard(event) {
    event.preventDefault();
    const reason = $('discard-reason').value.trim();
    if (!reason) {
      $('discard-reason').setCustomValidity('Say why the letter is discarded.');
      $('discard-reason').reportValidity();
      return;
    }
    const id = state.discarding;
    $('discard-dialog').close();
    try {
      const answer = await api(`/ops/dead-letters/${id}/discard`, { method: 'POST', body: { reason } });
      showOutcome(id, answer.state, `Dead letter #${id}: ${answer.state} — ${reason}`, false);
    } catch (e) {
      if (e.status === 401) {
        handleError(e);
        return;
      }
      showOutcome(id, 'REFUSED', `Dead letter #${id}: not discarded — ${e.message}`, true);
    }
    await refresh();
  }

  async function loadDeadLetterDetail() {
    if (state.openDeadLetter === null) {
      return;
    }
    const letter = await api(`/ops/dead-letters/${state.openDeadLetter}`);
    renderIfChanged('dead-letter-detail', letter, renderDeadLetterDetail);
  }

  function renderDeadLetterDetail(letter) {
    $('dl-detail').dataset.deadLetterId = String(letter.id);
    $('dl-detail-title').textContent = `Dead letter #${letter.id} (${letter.state})`;
    const fields = [['Flow', letter.flow], ['Route', letter.routeId], ['Failed at endpoint', letter.endpoint],
      ['Replayed through', letter.replayUri], ['Payload type', letter.bodyType], ['Error', letter.exceptionMessage],
      ['Error class', letter.exceptionClass], ['Attempts', letter.attempts], ['First failed (UTC)', time(letter.firstFailedAt)],
      ['Last failed (UTC)', time(letter.lastFailedAt)], ['State', letter.state], ['Replays', letter.replayCount],
      ['Replayed by', letter.replayedBy], ['Replayed at (UTC)', time(letter.replayedAt)], ['Replay outcome', letter.replayOutcome],
      ['Discarded by', letter.discardedBy], ['Discarded at (UTC)', time(letter.discardedAt)], ['Discard reason', letter.discardReason]];
    $('dl-detail-fields').replaceChildren(...fields
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]).flat());
    $('dl-detail-headers').textContent = pretty(letter.headers);
    $('dl-detail-body').textContent = pretty(letter.body);
    $('dl-detail').hidden = false;
  }

  function closeDeadLetterDetail() {
    state.openDeadLetter = null;
    state.rendered.delete('dead-letter-detail');
    $('dl-detail').hidden = true;
    loadDeadLetters().catch(handleError);
  }

  // ---------- request audit

  async function loadRequests() {
    const query = new URLSearchParams({ flow: $('req-flow').value, limit: String(LIST_LIMIT) });
    if ($('req-state').value) {
      query.set('state', $('req-state').value);
    }
    const message = $('req-message').value.trim();
    if (message && !/^[0-9]+$/.test(message)) {
      throw new Error(`Message id must be a number: ${message}`);
    }
    if (message) {
      query.set('messageSeqId', message);
    }
    const requests = await api(`/ops/requests?${query}`);
    renderIfChanged('requests', { requests, selected: state.openRequest }, renderRequests);
  }

  function renderRequests({ requests, selected }) {
    $('req-empty').hidden = requests.length > 0;
    $('req-rows').replaceChildren(...requests.map((request) => el('tr', {
      className: request.id === selected ? 'selected' : null,
      dataset: { requestId: request.id, messageSeqId: request.messageSeqId, state: request.state },
    },
    el('td', {}, request.id),
    el('td', {}, request.messageSeqId),
    el('td', { className: 'wrap' }, request.operation),
    el('td', {}, request.storeCode),
    el('td', {}, request.channel),
    el('td', { dataset: { field: 'state' } }, request.state),
    el('td', {}, time(request.receivedAt)),
    el('td', {}, time(request.processedAt)),
    el('td', {}, request.lineCount),
    el('td', {}, chips(request.results, 'results')))));
  }

  function onRequestClick(event) {
    const row = event.target.closest('tr[data-request-id]');
    if (row) {
      openRequest(Number(row.dataset.requestId));
    }
  }

  function openRequest(id) {
    state.openRequest = id;
    Promise.all([loadRequestDetail(), loadRequests()]).catch(handleError);
  }

  async function loadRequestDetail() {
    if (state.openRequest === null) {
      return;
    }
    const detail = await api(`/ops/requests/${state.openRequest}`);
    renderIfChanged('request-detail', detail, renderRequestDetail);
  }

  function renderRequestDetail(detail) {
    const request = detail.request;
    const columns = LINE_COLUMNS[request.flow] || LINE_COLUMNS.inventory;
    $('req-detail').dataset.requestId = String(request.id);
    $('req-detail-title').textContent = `Request #${request.id}: ${request.flow} message ${request.messageSeqId}, `
      + `${request.state}, received ${time(request.receivedAt)} UTC`;
    $('line-head').replaceChildren(el('tr', {}, columns.map(([title]) => el('th', {}, title))));
    $('line-rows').replaceChildren(...(detail.lines || []).map((line, index) => el('tr', {
      dataset: { lineNo: line.lineNo === undefined ? index + 1 : line.lineNo, sku: line.sku, result: line.result },
    }, columns.map(([, field]) => {
      const value = line[field];
      const shown = value === undefined || value === null ? '' : (TIME_FIELDS.has(field) ? time(value) : value);
      return el('td', {
        className: field === 'message' ? 'wrap' : null,
        dataset: { field },
      }, field === 'result' ? el('span', { className: `chip ${value}` }, shown) : shown);
    }))));
    $('req-raw').textContent = detail.rawBody || '';
    $('req-detail').hidden = false;
  }

  function closeRequestDetail() {
    state.openRequest = null;
    state.rendered.delete('request-detail');
    $('req-detail').hidden = true;
    loadRequests().catch(handleError);
  }

  // ---------- products

  async function loadProducts() {
    const query = new URLSearchParams({ limit: String(LIST_LIMIT) });
    if ($('prod-state').value) {
      query.set('state', $('prod-state').value);
    }
    const [products, exports] = await Promise.all([api(`/ops/products?${query}`), api('/ops/products/exports?limit=20')]);
    renderIfChanged('products', { products, exports }, renderProducts);
  }

  function renderProducts({ products, exports }) {
    $('prod-empty').hidden = products.length > 0;
    $('prod-rows').replaceChildren(...products.map((product) => el('tr', {
      dataset: { sku: product.sku, state: product.exportState },
    },
    el('td', {}, product.sku),
    el('td', {}, product.destination),
    el('td', {}, el('span', { className: `chip ${product.exportState}` }, product.exportState)),
    el('td', { className: 'wrap' }, product.exportReason || ''),
    el('td', {}, time(product.changedAt)),
    el('td', {}, time(product.exportedAt)))));
    $('prod-export-rows').replaceChildren(...exports.map((run) => el('tr', { dataset: { exportId: run.id } },
      el('td', {}, run.id),
      el('td', {}, run.messageId || ''),
      el('td', {}, run.successes),
      el('td', {}, run.duplicates),
      el('td', {}, run.failures),
      el('td', {}, time(run.processedAt)),
      el('td', { className: 'wrap' }, run.error || ''))));
  }

  function showProductOutcome(text, failed) {
    const outcome = $('prod-outcome');
    outcome.textContent = text;
    outcome.classList.toggle('error', Boolean(failed));
    outcome.hidden = false;
  }

  async function exportProducts(event) {
    event.preventDefault();
    const skus = $('prod-skus').value.split(/[\s,]+/).filter((sku) => sku.length > 0);
    try {
      const answer = await api('/ops/products/export', { method: 'POST', body: { skus } });
      showProductOutcome(`Queued for export: ${answer.queued.join(', ') || 'none'}`
        + (answer.unknown.length ? `; not simple products in Magento: ${answer.unknown.join(', ')}` : ''), false);
    } catch (e) {
      showProductOutcome(e.message, true);
    }
    loadProducts().catch(handleError);
  }

  async function resetFailedProducts() {
    try {
      const answer = await api('/ops/products/reset', { method: 'POST', body: { state: 'FAILED' } });
      showProductOutcome(`${answer.reset} products back to PENDING: the next runs send them`, false);
    } catch (e) {
      showProductOutcome(e.message, true);
    }
    loadProducts().catch(handleError);
  }

  // ---------- refresh

  async function refresh() {
    if (!sessionStorage.getItem(AUTH_KEY)) {
      return;
    }
    if (state.refreshing) {
      state.refreshAgain = true;
      return;
    }
    state.refreshing = true;
    try {
      await Promise.all([loadSummary(), loadDeadLetters(), loadRequests(), loadDeadLetterDetail(), loadRequestDetail(),
        loadProducts()]);
      $('last-refresh').textContent = `updated ${new Date().toISOString().slice(11, 19)} UTC`;
      $('error-banner').hidden = true;
    } catch (e) {
      handleError(e);
    } finally {
      state.refreshing = false;
      if (state.refreshAgain) {
        state.refreshAgain = false;
        refresh();
      }
    }
  }

  function start() {
    $('login-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', () => signOut(''));
    $('refresh-now').addEventListener('click', refresh);
    $('window-hours').addEventListener('change', refresh);
    $('flow-cards').addEventListener('click', onFlowCardClick);
    $('dl-rows').addEventListener('click', onDeadLetterClick);
    $('dl-filter').addEventListener('submit', (event) => {
      event.preventDefault();
      loadDeadLetters().catch(handleError);
    });
    $('dl-detail-close').addEventListener('click', closeDeadLetterDetail);
    $('prod-filter').addEventListener('submit', (event) => {
      event.preventDefault();
      loadProducts().catch(handleError);
    });
    $('prod-export').addEventListener('submit', exportProducts);
    $('prod-reset-failed').addEventListener('click', resetFailedProducts);
    $('req-filter').addEventListener('submit', (event) => {
      event.preventDefault();
      loadRequests().catch(handleError);
    });
    $('req-flow').addEventListener('change', () => loadRequests().catch(handleError));
    $('req-rows').addEventListener('click', onRequestClick);
    $('req-detail-close').addEventListener('click', closeRequestDetail);
    $('discard-form').addEventListener('submit', discard);
    $('discard-reason').addEventListener('input', () => $('discard-reason').setCustomValidity(''));
    $('discard-cancel').addEventListener('click', () => $('discard-dialog').close());
    setInterval(() => {
      if ($('auto-refresh').checked && !document.hidden) {
        refresh();
      }
    }, REFRESH_MS);

    if (sessionStorage.getItem(AUTH_KEY)) {
      showSignedIn(sessionStorage.getItem(USER_KEY));
      refresh();
    } else {
      signOut('');
    }
  }

  start();
})();
