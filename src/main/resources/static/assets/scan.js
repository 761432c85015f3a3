// 扫码签到 (RULES §12) on the organizer's phone. Every scan of a personal code is stored at
// once in IndexedDB with the phone's clock, shown with the volunteer's name from the
// roster (kept for offline use), and uploaded in one idempotent batch whenever the
// network is there: at once, when it comes back, every few seconds, and when the page is
// opened again. The server corrects the scan times by the phone's clock and judges them.
(function () {
  'use strict';
  var main, activity, list, network, db, roster = {}, recent = {}, uploading = false;

  function text(name, arg) { return (main.getAttribute('data-' + name) || '').replace('{0}', arg); }
  function csrf() {
    var t = document.querySelector('meta[name="_csrf"]'), h = document.querySelector('meta[name="_csrf_header"]');
    var headers = { 'Content-Type': 'application/json' }; if (t && h) { headers[h.content] = t.content; } return headers;
  }
  function uuid() {
    if (crypto.randomUUID) { return crypto.randomUUID(); }
    return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
      var r = Math.random() * 16 | 0; return (c === 'x' ? r : (r & 3 | 8)).toString(16);
    });
  }
  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open('yixing-scans', 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore('scans', { keyPath: 'scanId' }).createIndex('activity', 'activityId');
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function all() {
    return new Promise(function (resolve) {
      var request = db.transaction('scans').objectStore('scans').index('activity').getAll(activity);
      request.onsuccess = function () { resolve(request.result || []); };
      request.onerror = function () { resolve([]); };
    });
  }
  function put(records) {
    return new Promise(function (resolve) {
      var tx = db.transaction('scans', 'readwrite');
      records.forEach(function (r) { tx.objectStore('scans').put(r); });
      tx.oncomplete = resolve; tx.onerror = resolve;
    });
  }
  function render() {
    return all().then(function (records) {
      records.sort(function (a, b) { return a.scannedAt < b.scannedAt ? 1 : -1; });
      list.innerHTML = '';
      var pending = 0;
      records.forEach(function (r) {
        var li = document.createElement('li'), who = document.createElement('span'), what = document.createElement('span');
        var person = r.name || (roster[r.keyId] && roster[r.keyId].realName) || text('unknown');
        var masked = r.idNumberMasked || (roster[r.keyId] && roster[r.keyId].idNumberMasked) || '';
        who.textContent = person + (masked ? ' ' + masked : '');
        if (r.state === 'pending') {
          pending++; what.textContent = text('pending'); what.className = 'pending';
        } else if (r.outcome === 'REFUSED') {
          what.textContent = r.message || r.code; what.className = 'refused';
        } else {
          what.textContent = text(r.outcome === 'CHECKED_OUT' ? 'out' : 'in'); what.className = 'ok';
        }
        li.setAttribute('data-state', r.state);
        li.appendChild(who); li.appendChild(what); list.appendChild(li);
      });
      network.textContent = (navigator.onLine ? text('online') : text('offline'))
        + (pending ? ' · ' + text('count', pending) : '');
      return pending;
    });
  }
  function loadRoster() {
    var saved = localStorage.getItem('yx-roster-' + activity);
    if (saved) { try { index(JSON.parse(saved)); } catch (e) { /* a damaged copy is fetched again */ } }
    return fetch('/admin/activities/' + activity + '/scan/roster', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error('roster'); } return r.json(); })
      .then(function (entries) { localStorage.setItem('yx-roster-' + activity, JSON.stringify(entries)); index(entries); })
      .catch(function () {});
  }
  function index(entries) { roster = {}; entries.forEach(function (e) { roster[e.keyId] = e; }); }
  function upload() {
    if (uploading) { return Promise.resolve(); }
    return all().then(function (records) {
      var pending = records.filter(function (r) { return r.state === 'pending'; });
      if (!pending.length) { return render(); }
      uploading = true;
      var body = { deviceNow: new Date().toISOString(), scans: pending.map(function (r) {
        return { scanId: r.scanId, code: r.code, scannedAt: r.scannedAt };
      }) };
      return fetch('/admin/activities/' + activity + '/scan/uploads', { method: 'POST', headers: csrf(),
        body: JSON.stringify(body), credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) { throw new Error('upload ' + r.status); } return r.json(); })
        .then(function (answer) {
          var byId = {};
          answer.results.forEach(function (res) { byId[res.scanId] = res; });
          pending.forEach(function (r) {
            var res = byId[r.scanId];
            if (!res) { return; }
            r.state = 'done'; r.outcome = res.outcome; r.code = res.code; r.message = res.message;
            if (res.realName) { r.name = res.realName; r.idNumberMasked = res.idNumberMasked; }
          });
          return put(pending);
        })
        .catch(function () {})
        .then(function () { uploading = false; return render(); });
    });
  }
  function keyOf(code) { return code.split(':')[2]; }
  function scanned(code) {
    if (code.indexOf('yx:p:') !== 0) { return; }
    // The camera sees the same phone many times a second: one scan per volunteer per 90 s,
    // so that checking out takes showing the code again, deliberately, later.
    var now = Date.now();
    if (recent[keyOf(code)] && now - recent[keyOf(code)] < 90000) { return; }
    recent[keyOf(code)] = now;
    var keyId = code.split(':')[2];
    var record = { scanId: uuid(), activityId: activity, code: code, keyId: keyId,
      scannedAt: new Date().toISOString(), state: 'pending' };
    if (roster[keyId]) { record.name = roster[keyId].realName; record.idNumberMasked = roster[keyId].idNumberMasked; }
    put([record]).then(render).then(upload);
  }
  document.addEventListener('DOMContentLoaded', function () {
    main = document.getElementById('content');
    activity = main.getAttribute('data-activity');
    list = document.getElementById('scan-list');
    network = document.getElementById('scan-network');
    open().then(function (opened) {
      db = opened;
      return loadRoster();
    }).then(render).then(upload).then(function () {
      window.yixingQrCamera(document.getElementById('scan-video'), scanned, function () {
        document.getElementById('scan-status').textContent = '';
      });
      window.addEventListener('online', upload);
      window.addEventListener('offline', render);
      setInterval(upload, 5000);
    });
  });
})();
