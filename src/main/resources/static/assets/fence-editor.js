// The activity editor's fence, drawn on the map (admin console): a circle (click to place the
// centre, drag the centre, drag the handle or type the radius, 50–5000 m) or a polygon (click
// the corners, drag them). The form's fields always hold what the map shows, in the tiles'
// coordinates; the server converts and checks the fence.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('fence-map');
    if (!box) { return; }
    var form = document.getElementById(box.getAttribute('data-form'));
    var f = form.elements;
    var tiles = box.getAttribute('data-tiles');
    var map = L.map(box, { attributionControl: !!tiles, doubleClickZoom: false });
    if (tiles) { L.tileLayer(tiles, { maxZoom: 19, attribution: box.getAttribute('data-attribution') || '' }).addTo(map); }
    L.control.scale({ imperial: false }).addTo(map);
    var style = { color: '#17803d', weight: 2, fillOpacity: 0.15 };
    var handleIcon = L.divIcon({ className: 'vertex-handle', iconSize: [16, 16] });
    var centreIcon = L.divIcon({ className: 'vertex-handle centre-handle', iconSize: [20, 20] });
    var circle = null, centre = null, handle = null, polygon = null, corners = [];
    var round = function (x) { return Math.round(x * 1e7) / 1e7; };
    var mode = function () { var c = form.querySelector('input[name=fenceType]:checked'); return c ? c.value : 'CIRCLE'; };
    // The limits are the server's (Geofence.MIN_RADIUS, MAX_RADIUS), written on the input.
    var radiusInput = form.querySelector('#radiusMeters');
    var minRadius = Number(radiusInput.min), maxRadius = Number(radiusInput.max);
    var clamp = function (r) { return Math.max(minRadius, Math.min(maxRadius, Math.round(r))); };

    function handleAt() {
      var c = circle.getLatLng();
      var east = circle.getRadius() / (6371000 * Math.PI / 180 * Math.cos(c.lat * Math.PI / 180));
      return L.latLng(c.lat, c.lng + east);
    }
    function writeCircle() {
      var c = circle.getLatLng();
      f.centerLat.value = round(c.lat); f.centerLng.value = round(c.lng);
      f.radiusMeters.value = Math.round(circle.getRadius());
    }
    function placeCircle(at, radius) {
      if (!circle) {
        circle = L.circle(at, L.extend({ radius: radius }, style)).addTo(map);
        centre = L.marker(at, { draggable: true, icon: centreIcon, title: box.getAttribute('data-centre-label') }).addTo(map);
        handle = L.marker(at, { draggable: true, icon: handleIcon, title: box.getAttribute('data-radius-label') }).addTo(map);
        centre.on('drag', function () { circle.setLatLng(centre.getLatLng()); handle.setLatLng(handleAt()); writeCircle(); });
        handle.on('drag', function () { circle.setRadius(map.distance(circle.getLatLng(), handle.getLatLng())); writeCircle(); });
        handle.on('dragend', function () { circle.setRadius(clamp(circle.getRadius())); handle.setLatLng(handleAt()); writeCircle(); });
      }
      circle.setLatLng(at); circle.setRadius(radius); centre.setLatLng(at); handle.setLatLng(handleAt());
      writeCircle();
    }
    function writePolygon() {
      f.points.value = corners.map(function (m) { var p = m.getLatLng(); return round(p.lat) + ',' + round(p.lng); }).join(';');
      var latlngs = corners.map(function (m) { return m.getLatLng(); });
      if (!polygon) { polygon = L.polygon(latlngs, style).addTo(map); } else { polygon.setLatLngs(latlngs); }
    }
    function addCorner(at) {
      var marker = L.marker(at, { draggable: true, icon: handleIcon }).addTo(map);
      marker.on('drag', writePolygon);
      corners.push(marker);
      writePolygon();
    }
    function show() {
      var circleMode = mode() === 'CIRCLE';
      [circle, centre, handle].forEach(function (l) { if (l) { if (circleMode) { l.addTo(map); } else { l.remove(); } } });
      [polygon].concat(corners).forEach(function (l) { if (l) { if (circleMode) { l.remove(); } else { l.addTo(map); } } });
      document.querySelectorAll('[data-fence-part]').forEach(function (el) { el.hidden = el.getAttribute('data-fence-part') !== mode(); });
    }

    var lat = parseFloat(f.centerLat.value), lng = parseFloat(f.centerLng.value);
    map.setView(isNaN(lat) ? [30.5928, 114.3055] : [lat, lng], 16);
    if (!isNaN(lat) && !isNaN(lng)) { placeCircle(L.latLng(lat, lng), clamp(parseFloat(f.radiusMeters.value) || 200)); }
    (f.points.value || '').split(';').forEach(function (pair) {
      var p = pair.split(',');
      if (p.length === 2 && !isNaN(parseFloat(p[0]))) { addCorner(L.latLng(parseFloat(p[0]), parseFloat(p[1]))); }
    });
    if (mode() === 'POLYGON' && polygon && corners.length) { map.fitBounds(polygon.getBounds(), { padding: [30, 30], animate: false }); }
    show();

    map.on('click', function (e) {
      if (mode() === 'CIRCLE') { placeCircle(e.latlng, circle ? circle.getRadius() : 200); } else { addCorner(e.latlng); }
    });
    form.querySelectorAll('input[name=fenceType]').forEach(function (r) { r.addEventListener('change', show); });
    f.radiusMeters.addEventListener('change', function () {
      if (circle) { circle.setRadius(clamp(parseFloat(f.radiusMeters.value) || 200)); handle.setLatLng(handleAt()); writeCircle(); }
    });
    var moveCentre = function () {
      var a = parseFloat(f.centerLat.value), b = parseFloat(f.centerLng.value);
      if (!isNaN(a) && !isNaN(b)) { placeCircle(L.latLng(a, b), circle ? circle.getRadius() : 200); map.panTo([a, b]); }
    };
    f.centerLat.addEventListener('change', moveCentre);
    f.centerLng.addEventListener('change', moveCentre);
    var clear = document.getElementById('clear-corners');
    if (clear) {
      clear.addEventListener('click', function () {
        corners.forEach(function (m) { m.remove(); }); corners = [];
        if (polygon) { polygon.remove(); polygon = null; }
        f.points.value = '';
      });
    }
    // 搜索地点: an earlier place of the organization puts the circle where it was, with
    // its radius, and names the place.
    document.addEventListener('click', function (e) {
      var choice = e.target.closest && e.target.closest('[data-place-choice]');
      if (!choice) { return; }
      var circleRadio = form.querySelector('input[name=fenceType][value=CIRCLE]');
      if (circleRadio && !circleRadio.checked) { circleRadio.checked = true; show(); }
      var at = L.latLng(parseFloat(choice.getAttribute('data-lat')), parseFloat(choice.getAttribute('data-lng')));
      placeCircle(at, clamp(parseFloat(choice.getAttribute('data-radius')) || 200));
      writeCircle();
      if (f.place && !f.place.value) { f.place.value = choice.getAttribute('data-name'); }
      map.fitBounds(circle.getBounds(), { padding: [24, 24] });
    });
    window.yixingFenceEditor = { map: map };
  });
})();
