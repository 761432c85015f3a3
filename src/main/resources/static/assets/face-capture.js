// The camera for face enrolment and face check-in (人脸识别): the front camera's picture in
// a guide oval, taken when the form is sent, as a JPEG in the form's faceImage field. Where
// there is no camera API (or it is refused), a file picker that opens the camera instead.
// The picture is only sent, never kept here; the comparison is the server's.
(function () {
  'use strict';
  var MAX_SIDE = 960;

  function draw(source, width, height) {
    var scale = Math.min(1, MAX_SIDE / Math.max(width, height));
    var canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    canvas.getContext('2d').drawImage(source, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.9);
  }

  function camera(box) {
    var form = box.closest('form');
    var video = box.querySelector('video');
    var status = box.querySelector('[data-face-status]');
    var field = form.elements.faceImage;
    var picker = box.querySelector('input[type=file]');
    var preview = box.querySelector('img[data-face-preview]');
    var live = false;
    var opening = false;
    var waiting = false;

    function say(key) { status.textContent = status.getAttribute(key); }

    function fallback() {
      live = false;
      opening = false;
      waiting = false;
      video.hidden = true;
      box.classList.add('no-camera');
      picker.hidden = false;
      say('data-no-camera');
    }

    if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
      opening = true;
      navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } }, audio: false })
        .then(function (stream) {
          video.srcObject = stream;
          return video.play();
        })
        .then(function () {
          live = true;
          opening = false;
          box.classList.add('live');
          say('data-ready');
          // Sent while the camera was still opening: send now, with its picture.
          if (waiting) { waiting = false; form.requestSubmit(); }
        })
        .catch(fallback);
    } else {
      fallback();
    }

    picker.addEventListener('change', function () {
      var file = picker.files && picker.files[0];
      if (!file) { return; }
      var image = new Image();
      image.onload = function () {
        field.value = draw(image, image.naturalWidth, image.naturalHeight);
        preview.src = field.value;
        preview.hidden = false;
        URL.revokeObjectURL(image.src);
        say('data-taken');
      };
      image.src = URL.createObjectURL(file);
    });

    form.addEventListener('submit', function (event) {
      if (opening) {
        event.preventDefault();
        waiting = true;
        return;
      }
      if (live && video.videoWidth > 0) {
        field.value = draw(video, video.videoWidth, video.videoHeight);
      }
      if (!field.value) {
        event.preventDefault();
        say('data-none');
        return;
      }
      say('data-sending');
      form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-face-camera]').forEach(camera);
  });
})();
