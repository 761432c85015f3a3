// Yixing pages: CSRF for htmx, the SMS button's countdown, the service worker. Small on purpose.
(function () {
  'use strict';
  var meta = function (name) { var m = document.querySelector('meta[name="' + name + '"]'); return m ? m.content : null; };
  document.addEventListener('htmx:configRequest', function (e) {
    var token = meta('_csrf'), header = meta('_csrf_header');
    if (token && header) { e.detail.headers[header] = token; }
  });
  // Show refusals (4xx) that htmx would otherwise drop.
  document.addEventListener('htmx:beforeSwap', function (e) {
    var status = e.detail.xhr.status;
    if (status >= 400 && status < 500 && e.detail.xhr.getResponseHeader('Content-Type') && e.detail.xhr.getResponseHeader('Content-Type').indexOf('text/html') === 0) {
      e.detail.shouldSwap = true; e.detail.isError = false;
    }
  });
  // Evidence previews: a PDF is no image, so its preview goes and the link stays (no
  // inline handler: the Content-Security-Policy allows no inline script).
  function dropBrokenPreview(img) {
    var drop = function () { img.remove(); };
    img.addEventListener('error', drop);
    if (img.complete && img.naturalWidth === 0) { drop(); }
  }
  document.querySelectorAll('img[data-evidence-preview]').forEach(dropBrokenPreview);
  // 获取验证码: after a send, the button waits out the resend interval.
  function countdown(button, seconds) {
    if (!button) { return; }
    var label = button.getAttribute('data-label') || button.textContent;
    button.setAttribute('data-label', label);
    var left = seconds;
    button.disabled = true;
    var tick = function () {
      if (left <= 0) { button.disabled = false; button.textContent = label; return; }
      button.textContent = label + ' (' + left + 's)';
      left -= 1;
      setTimeout(tick, 1000);
    };
    tick();
  }
  document.addEventListener('htmx:afterSwap', function (e) {
    var status = e.detail.target.querySelector ? e.detail.target.querySelector('[data-countdown]') : null;
    if (status) { countdown(document.getElementById(status.getAttribute('data-button')), parseInt(status.getAttribute('data-countdown'), 10)); }
  });
  // Upper-case a trailing x of an ID number as it is typed (RULES §1).
  document.addEventListener('input', function (e) {
    if (e.target.matches && e.target.matches('input[data-id-number]')) {
      var v = e.target.value;
      if (/x$/.test(v)) { e.target.value = v.slice(0, -1) + 'X'; }
    }
  });
  if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.hostname === 'localhost' || location.hostname === '127.0.0.1')) {
    window.addEventListener('load', function () { navigator.serviceWorker.register('/sw.js').catch(function () {}); });
  }
})();
