// 我的签到码 (RULES §12, docs/API.md): the QR of
// yx:p:{keyId}:{step}:{value}, value = the first 10 bytes of HMAC-SHA256(secret,
// "{keyId}:{step}") in base64url, step = floor(unix seconds / 30) of the application's
// clock (the phone's clock corrected by the offset measured while online). The key comes
// from the server once per device and stays in this browser, so the code works offline.
(function () {
  'use strict';
  var STORE = 'yx-presence-key';
  var box, status, qr, account, state = null, shownStep = null, cryptoKey = null;

  function b64urlDecode(s) {
    s = s.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) { s += '='; }
    var raw = atob(s), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out;
  }
  function b64url(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) { s += String.fromCharCode(bytes[i]); }
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE) || 'null');
      return saved && saved.account === account ? saved : null;
    } catch (e) { return null; }
  }
  function save(s) { state = s; cryptoKey = null; localStorage.setItem(STORE, JSON.stringify(s)); }
  function csrf() {
    var t = document.querySelector('meta[name="_csrf"]'), h = document.querySelector('meta[name="_csrf_header"]');
    var headers = {}; if (t && h) { headers[h.content] = t.content; } return headers;
  }
  function issue() {
    return fetch('/me/presence-code/key', { method: 'POST', headers: csrf(), credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) { throw new Error('issue'); } return r.json(); })
      .then(function (k) {
        save({ account: account, keyId: k.keyId, secret: k.secret, offset: k.now - Date.now() });
        document.getElementById('presence-revoked').hidden = true;
        shownStep = null; tick();
      });
  }
  function hmac(text) {
    var ready = cryptoKey ? Promise.resolve(cryptoKey)
      : crypto.subtle.importKey('raw', b64urlDecode(state.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
        .then(function (k) { cryptoKey = k; return k; });
    return ready.then(function (k) { return crypto.subtle.sign('HMAC', k, new TextEncoder().encode(text)); });
  }
  function draw(text) {
    var code = window.qrcode(0, 'M');
    code.addData(text);
    code.make();
    qr.innerHTML = code.createSvgTag({ cellSize: 6, margin: 4, scalable: true });
    qr.setAttribute('data-code', text);
  }
  function tick() {
    if (!state) { return; }
    var now = Date.now() + (state.offset || 0);
    var step = Math.floor(now / 30000);
    var left = 30 - Math.floor((now / 1000) % 30);
    status.textContent = (navigator.onLine ? '' : status.getAttribute('data-offline') + ' · ')
      + status.getAttribute('data-refresh').replace('{0}', left);
    if (step === shownStep) { return; }
    shownStep = step;
    var text = state.keyId + ':' + step;
    hmac(text).then(function (sig) { draw('yx:p:' + text + ':' + b64url(new Uint8Array(sig).slice(0, 10))); });
  }
  function check() {
    // Online: measure the clock again, and notice when another device took the key over.
    return fetch('/me/presence-code/status', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error('status'); } return r.json(); })
      .then(function (s) {
        if (!state) { return issue(); }
        state.offset = s.now - Date.now(); save(state);
        document.getElementById('presence-revoked').hidden = s.keyId === state.keyId;
      });
  }
  document.addEventListener('DOMContentLoaded', function () {
    box = document.getElementById('presence-code');
    if (!box) { return; }
    status = document.getElementById('presence-status');
    qr = document.getElementById('presence-qr');
    account = box.getAttribute('data-account');
    state = load();
    document.getElementById('presence-take-over').addEventListener('click', function () { issue(); });
    if (state) { tick(); }
    check().catch(function () {
      if (!state) { status.textContent = status.getAttribute('data-need-online'); }
    });
    setInterval(tick, 1000);
  });
})();
