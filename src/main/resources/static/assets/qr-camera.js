// The phone's back camera reading QR codes inside the page (jsQR), so that the volunteer
// stays signed in: 扫一扫 on the check-in pages (the projected 动态二维码), and the organizer's
// 扫码签到 page (volunteers' personal codes). Frames are decoded a few times a second.
(function () {
  'use strict';

  // Starts the camera in `video` and calls onText(text) for each code read; returns stop().
  window.yixingQrCamera = function (video, onText, onError) {
    var stream = null, stopped = false, canvas = document.createElement('canvas');
    var context = canvas.getContext('2d', { willReadFrequently: true });
    function frame() {
      if (stopped) { return; }
      if (video.readyState >= 2 && video.videoWidth && window.jsQR) {
        var w = Math.min(video.videoWidth, 640), h = Math.round(video.videoHeight * w / video.videoWidth);
        canvas.width = w; canvas.height = h;
        context.drawImage(video, 0, 0, w, h);
        var found = window.jsQR(context.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' });
        if (found && found.data) { onText(found.data); }
      }
      setTimeout(frame, 150);
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      if (onError) { onError(); }
      return function () {};
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s;
        if (stopped) { s.getTracks().forEach(function (t) { t.stop(); }); return; }
        video.srcObject = s;
        video.setAttribute('playsinline', '');
        return video.play().then(frame);
      })
      .catch(function () { if (onError) { onError(); } });
    return function () {
      stopped = true;
      if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    };
  };

  // The decoder, fetched the first time 扫一扫 is tapped (the check-in pages do not carry it).
  function loadDecoder(url) {
    if (window.jsQR || !url || document.querySelector('script[data-qr-decoder]')) { return; }
    var script = document.createElement('script');
    script.src = url;
    script.setAttribute('data-qr-decoder', '');
    document.head.appendChild(script);
  }

  // 扫一扫: the projected QR carries /check-in?code=…&t=…; with the agreement already
  // accepted the page goes straight on to the live location page.
  function checkInLink(text, version) {
    var url;
    try { url = new URL(text, location.href); } catch (e) { return null; }
    var code = url.searchParams.get('code');
    if (!/^[0-9]{6}$/.test(code || '') || url.pathname.indexOf('/check-in') < 0) { return null; }
    var t = url.searchParams.get('t') || '';
    if (version) {
      return '/check-in/live?v=' + encodeURIComponent(version) + '&code=' + code + (t ? '&t=' + encodeURIComponent(t) : '');
    }
    return '/check-in?code=' + code + (t ? '&t=' + encodeURIComponent(t) : '');
  }

  document.addEventListener('DOMContentLoaded', function () {
    var overlay = document.getElementById('qr-scanner');
    if (!overlay) { return; }
    var video = overlay.querySelector('video'), status = overlay.querySelector('[data-scan-status]');
    var stop = null;
    function close() { if (stop) { stop(); stop = null; } overlay.hidden = true; }
    overlay.querySelector('[data-scan-close]').addEventListener('click', close);
    document.querySelectorAll('[data-scan-qr]').forEach(function (button) {
      button.addEventListener('click', function () {
        loadDecoder(overlay.getAttribute('data-decoder'));
        overlay.hidden = false;
        status.textContent = status.getAttribute('data-ready');
        var version = button.getAttribute('data-version');
        stop = window.yixingQrCamera(video, function (text) {
          var link = checkInLink(text, version);
          if (link) { close(); location.href = link; } else { status.textContent = status.getAttribute('data-wrong'); }
        }, function () { status.textContent = status.getAttribute('data-no-camera'); });
      });
    });
  });
})();
