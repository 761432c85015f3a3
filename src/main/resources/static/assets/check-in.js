// The live location page (签到 / 签退): the fence and my position with its accuracy on a map,
// the distance as the server's check-in rule counts it, and the button enabled inside the
// fence; the timer page's running clock. The rules themselves stay on the server.
(function () {
  'use strict';
  var csrf = function () {
    var t = document.querySelector('meta[name="_csrf"]'), h = document.querySelector('meta[name="_csrf_header"]');
    return t && h ? [h.content, t.content] : null;
  };

  // 01:02:03 for 3723 seconds: the timer and the time left to the deadline.
  function hms(s) {
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return pad(Math.floor(s / 3600)) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60);
  }

  function timers() {
    // Counts on from the elapsed time the server measured, so a phone's wrong clock does not matter.
    document.querySelectorAll('[data-elapsed]').forEach(function (el) {
      var since = Date.now() - parseInt(el.getAttribute('data-elapsed'), 10);
      var tick = function () {
        el.textContent = hms(Math.max(0, Math.floor((Date.now() - since) / 1000)));
      };
      tick();
      setInterval(tick, 1000);
    });
    deadline();
  }

  // The time left to the check-out deadline (RULES §13), also measured by the server. In
  // its last 15 minutes the card turns to a warning that offers 去签退; a volunteer who
  // allowed notifications is also told once by the browser while the page is open.
  function deadline() {
    var el = document.querySelector('[data-left]');
    if (!el) { return; }
    var ends = Date.now() + parseInt(el.getAttribute('data-left'), 10);
    var warnFrom = parseInt(el.getAttribute('data-warn'), 10);
    var card = document.getElementById('deadline-card');
    var warning = document.getElementById('deadline-warning');
    var ask = document.getElementById('notify-me');
    var told = false;
    var notifications = 'Notification' in window;
    if (ask && notifications && Notification.permission === 'default') {
      ask.hidden = false;
      ask.addEventListener('click', function () {
        Notification.requestPermission().then(function () { ask.hidden = true; });
      });
    }
    var tick = function () {
      var left = Math.max(0, ends - Date.now());
      el.textContent = hms(Math.floor(left / 1000));
      var warn = left <= warnFrom;
      card.classList.toggle('warn', warn);
      warning.hidden = !warn;
      if (warn && !told && notifications && Notification.permission === 'granted') {
        told = true;
        try { new Notification(el.getAttribute('data-title'), { body: warning.getAttribute('data-text') }); } catch (e) { /* not in this browser */ }
      }
      if (left === 0) { window.location.reload(); }
    };
    tick();
    setInterval(tick, 1000);
  }

  function live() {
    var box = document.getElementById('map');
    if (!box) { return; }
    var status = document.getElementById('distance');
    var button = document.getElementById('submit-position');
    var form = button ? button.form : null;
    var drawn = window.yixingMap(box), map = drawn.map, area = drawn.area;
    var me = null, ring = null, pending = false, latest = null, lastSent = 0;

    function show(result, accuracy) {
      var at = [result.display.lat, result.display.lng];
      if (!me) {
        ring = L.circle(at, { radius: accuracy || 0, color: '#1769e0', weight: 1, fillOpacity: 0.1 }).addTo(map);
        me = L.circleMarker(at, { radius: 7, color: '#fff', weight: 2, fillColor: '#1769e0', fillOpacity: 1 }).addTo(map);
        map.fitBounds(area.getBounds().extend(at), { padding: [24, 24], animate: false });
      } else {
        me.setLatLng(at); ring.setLatLng(at); ring.setRadius(accuracy || 0);
      }
      status.textContent = result.message;
      status.className = 'distance ' + (result.metresToGo > 0 ? 'outside' : 'inside');
      if (button) { button.disabled = result.metresToGo > 0; }
      document.getElementById('advice-out').hidden = result.metresToGo <= 0;
    }

    function send() {
      if (pending || !latest) { return; }
      pending = true; lastSent = Date.now();
      var p = latest;
      var body = new URLSearchParams({ lat: p.latitude, lng: p.longitude });
      if (box.getAttribute('data-code')) { body.set('code', box.getAttribute('data-code')); }
      if (box.getAttribute('data-session')) { body.set('sessionId', box.getAttribute('data-session')); }
      var headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
      var c = csrf(); if (c) { headers[c[0]] = c[1]; }
      fetch('/check-in/distance', { method: 'POST', headers: headers, body: body, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (result) { if (result) { show(result, p.accuracy); } })
        .catch(function () { status.textContent = status.getAttribute('data-offline'); })
        .finally(function () { pending = false; if (latest !== p) { setTimeout(send, Math.max(0, 1000 - (Date.now() - lastSent))); } });
    }

    if (!navigator.geolocation) { status.textContent = status.getAttribute('data-no-location'); return; }
    navigator.geolocation.watchPosition(function (position) {
      latest = position.coords;
      if (form) {
        form.elements.lat.value = latest.latitude;
        form.elements.lng.value = latest.longitude;
        form.elements.accuracy.value = latest.accuracy;
      }
      send();
    }, function () {
      status.textContent = status.getAttribute('data-no-location');
      if (button) { button.disabled = true; }
    }, { enableHighAccuracy: true, maximumAge: 5000, timeout: 20000 });
  }

  // 风险提示 (RULES §12): the page reports whether it has a touch screen and is driven by
  // automation; the server only keeps the signal, it never refuses on it.
  function clientSignals() {
    document.querySelectorAll('input[name=touch]').forEach(function (i) { i.value = navigator.maxTouchPoints > 0 ? 'true' : 'false'; });
    document.querySelectorAll('input[name=webdriver]').forEach(function (i) { i.value = navigator.webdriver === true ? 'true' : 'false'; });
  }

  document.addEventListener('DOMContentLoaded', function () { timers(); live(); clientSignals(); });
})();
