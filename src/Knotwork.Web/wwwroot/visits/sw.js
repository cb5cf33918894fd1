// Keeps the charting page (/visits/{id}/chart) and the files it uses, so a therapist in a client's home with no
// signal can open it again and keep charting; its queue syncs when the connection returns. Everything else goes to
// the network as usual. The chart page is fetched fresh whenever there is a connection.
'use strict';
const CACHE = 'knotwork-chart-v1';
const chartPage = /^\/visits\/[0-9a-fA-F-]{36}\/chart$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const isChart = request.mode === 'navigate' && chartPage.test(url.pathname);
  const isFile = /^\/(css|js)\//.test(url.pathname) || url.pathname === '/favicon.svg';
  if (!isChart && !isFile) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (isChart && response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
        }
        return response;
      })
      .catch(() => caches.match(isChart ? url.pathname : request).then((hit) => hit || Response.error())));
});
