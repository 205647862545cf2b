// Baseline for start-up time: the smallest Node.js HTTP server that answers /healthz.
import http from 'node:http';

http
  .createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"status":"ok"}');
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
