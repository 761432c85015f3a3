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
      var wait = button.getAttribute('data-wait');
      button.textContent = wait ? wait.replace('{0}', left) : label + ' (' + left + 's)';
      left -= 1;
      setTimeout(tick, 1000);
    };
    tick();
  }
  document.addEventListener('htmx:afterSwap', function (e) {
    // The status line replaces itself (outerHTML): look for it in the page, not inside
    // the old one.
    var status = document.querySelector('#sms-status[data-countdown]');
    if (status) { countdown(document.getElementById(status.getAttribute('data-button')), parseInt(status.getAttribute('data-countdown'), 10)); }
  });
  // A button that prints the page (报名海报): data-print, no inline handler.
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-print]');
    if (button) { window.print(); }
  });
  // A destructive action asks first (移除, 取消管理员, 归档组织, 重新生成签到码, 作废, 补录工时):
  // the form says what in data-confirm; no inline handler, as the CSP allows none.
  document.addEventListener('submit', function (e) {
    var form = e.target, ask = form.getAttribute && form.getAttribute('data-confirm');
    if (!ask) { return; }
    // The confirmation names the person and the minutes it acts on.
    var picked = form.querySelector('input[name="accountId"]:checked'), minutes = form.querySelector('input[name="minutes"]');
    ask = ask.replace('{name}', picked ? picked.getAttribute('data-name') : '').replace('{minutes}', minutes ? minutes.value : '');
    if (!window.confirm(ask)) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
  // A form whose answer takes a while (a roster import: a slow password hash per new
  // account) says so on its button, which cannot be pressed twice meanwhile: data-busy.
  document.addEventListener('submit', function (e) {
    var form = e.target, busy = form.getAttribute && form.getAttribute('data-busy');
    if (!busy || e.defaultPrevented) { return; }
    form.querySelectorAll('button[type="submit"]').forEach(function (button) {
      button.setAttribute('data-idle', button.textContent);
      button.textContent = busy;
      button.disabled = true;
    });
  });
  // Back to such a page from the browser's history: its buttons work again.
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('form[data-busy] button[data-idle]').forEach(function (button) {
      button.textContent = button.getAttribute('data-idle');
      button.removeAttribute('data-idle');
      button.disabled = false;
    });
  });
  // As it is typed, an ID number reads full-width digits (an input method's full-width
  // mode) as ASCII ones and upper-cases a trailing x (RULES §1), and a digits-only field
  // (data-digits: the 签到码) keeps only its digits, as the server reads them.
  function typed(e) {
    var el = e.target;
    if (!el.matches || e.isComposing) { return; }
    if (el.matches('input[data-id-number]')) {
      var v = el.value.normalize('NFKC');
      if (/x$/.test(v)) { v = v.slice(0, -1) + 'X'; }
      if (v !== el.value) { el.value = v; }
    } else if (el.matches('input[data-digits]')) {
      var d = digitsOf(el, el.value);
      if (d !== el.value) { el.value = d; }
    }
  }
  document.addEventListener('input', typed);
  document.addEventListener('compositionend', typed);
  // A code pasted with the words around it (签到码：123 456 from a group chat, an SMS
  // that also says 5分钟内有效) keeps the run of digits as long as the field, which its
  // length would otherwise cut off before it arrives; failing one, all its digits.
  document.addEventListener('paste', function (e) {
    var el = e.target;
    if (el.matches && el.matches('input[data-digits]') && e.clipboardData) {
      e.preventDefault();
      var text = String(e.clipboardData.getData('text')).normalize('NFKC');
      var runs = (text.match(/\d(?:\s*\d)*/g) || []).map(function (r) { return r.replace(/\s/g, ''); });
      var whole = runs.filter(function (r) { return r.length === el.maxLength; })[0];
      el.value = whole || digitsOf(el, text);
    }
  });
  function digitsOf(el, text) {
    var d = String(text).normalize('NFKC').replace(/\D/g, '');
    return el.maxLength > 0 ? d.slice(0, el.maxLength) : d;
  }
  if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.hostname === 'localhost' || location.hostname === '127.0.0.1')) {
    window.addEventListener('load', function () { navigator.serviceWorker.register('/sw.js').catch(function () {}); });
  }
})();
