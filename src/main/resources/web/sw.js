// Yixing service worker: static assets from the cache, pages from the network with an
// offline page when there is none. Served by ServiceWorkerScript, which names each asset
// by its fingerprinted URL and sets VERSION to a hash of them all: a release that changes
// an asset installs a new worker with a new cache. Check-in itself always needs the network, except the
// two pages made to work offline (RULES §12): 我的签到码 and the organizer's 扫码签到, kept
// from their last visit online.
const VERSION = 'yixing-v5';
const OFFLINE_PAGES = [/^\/me\/presence-code$/, /^\/admin\/activities\/[0-9a-f-]{36}\/scan$/];
const ASSETS = ['/offline', '/assets/app.css', '/assets/app.js', '/assets/check-in.js', '/assets/icons/icon-192.png',
  '/assets/presence-code.js', '/assets/scan.js', '/assets/qr-camera.js', '/assets/vendor/qrcode.js',
  '/assets/vendor/jsQR.js', '/assets/console.css',
  '/assets/icons/icon.svg', '/webjars/htmx.org/2.0.8/dist/htmx.min.js', '/webjars/leaflet/1.9.4/dist/leaflet.js',
  '/webjars/leaflet/1.9.4/dist/leaflet.css', '/manifest.webmanifest'];
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') { return; }
  const url = new URL(request.url);
  if (url.origin !== location.origin) { return; }
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/webjars/')) {
    // Fingerprinted and versioned URLs never change content: kept once fetched.
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(VERSION).then((cache) => cache.put(request, copy));
      }
      return response;
    })));
    return;
  }
  if (request.mode === 'navigate' && OFFLINE_PAGES.some((page) => page.test(url.pathname))) {
    event.respondWith(fetch(request).then((response) => {
      if (response.ok && !response.redirected) {
        const copy = response.clone();
        caches.open(VERSION).then((cache) => cache.put(url.pathname, copy));
      }
      return response;
    }).catch(() => caches.match(url.pathname).then((hit) => hit || caches.match('/offline'))));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match('/offline')));
  }
});
