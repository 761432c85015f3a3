// Maps of fences (Leaflet): the activity's fence on the configured tiles, a scale, and no
// tiles at all when none are configured or reachable. Used by the activity and check-in pages.
(function () {
  'use strict';
  window.yixingMap = function (box) {
    var fence = JSON.parse(box.getAttribute('data-fence'));
    var tiles = box.getAttribute('data-tiles');
    var map = L.map(box, { attributionControl: !!tiles });
    if (tiles) {
      var layer = L.tileLayer(tiles, { maxZoom: 19, attribution: box.getAttribute('data-attribution') || '' }).addTo(map);
      // Tiles that fail (no network, a provider unreachable from here) leave the fence, the
      // position and the distance; the map says it could not load, once.
      var said = false;
      layer.on('tileerror', function () {
        if (said) { return; }
        said = true;
        var note = document.createElement('p');
        note.className = 'map-failed';
        note.setAttribute('role', 'status');
        note.textContent = box.getAttribute('data-tiles-failed') || 'The map could not load.';
        box.appendChild(note);
      });
    }
    L.control.scale({ imperial: false }).addTo(map);
    var style = { color: '#17803d', weight: 2, fillOpacity: 0.12 };
    // A circle knows its bounds only on a map that has a view.
    var first = fence.type === 'CIRCLE' ? fence.center : fence.points[0];
    map.setView([first.lat, first.lng], 16);
    var area = fence.type === 'CIRCLE'
      ? L.circle([fence.center.lat, fence.center.lng], L.extend({ radius: fence.radiusMeters }, style))
      : L.polygon(fence.points.map(function (p) { return [p.lat, p.lng]; }), style);
    area.addTo(map);
    map.fitBounds(area.getBounds(), { padding: [24, 24] });
    return { map: map, area: area };
  };
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-fence][data-static]').forEach(window.yixingMap);
  });
})();
